// Temporary keys issued by AssumeRole. Each is an AccessKeyRecord with its token and expiry, so
// the ordinary signature check (signing/verify.ts) accepts it, asks for its token and refuses it
// once expired, plus the account whose tasks it sees. Expired keys are kept (a call with one is
// InvalidSecurityToken.Expired, as at Alibaba, not an unknown key) until a control reset.

import { randomBytes } from "node:crypto";
import type { AccessKeyRecord } from "../signing/types";

export interface IssuedCredential extends Required<AccessKeyRecord> {
  account: string;
  roleArn: string;
  roleSessionName: string;
  /** ms since the epoch. */
  issuedAt: number;
}

/** What the control API shows of an issued key: never its secret or token. */
export interface IssuedCredentialView {
  accessKeyId: string;
  account: string;
  roleArn: string;
  roleSessionName: string;
  issuedAt: string;
  /** ISO 8601 UTC, as AssumeRole answered it (or earlier, after a control expiry). */
  expiration: string;
  expired: boolean;
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Random letters and digits (the shape of Alibaba's key IDs and secrets). */
function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

/** `yyyy-MM-ddTHH:mm:ssZ`, the form of AssumeRole's Expiration. */
export function isoSecondsUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export class StsCredentialStore {
  private readonly byId = new Map<string, IssuedCredential>();

  issue(request: { account: string; roleArn: string; roleSessionName: string; nowMs: number; seconds: number }): IssuedCredential {
    // Whole seconds: Expiration carries no fraction, and the key must expire exactly then.
    const expiresAt = Math.floor(request.nowMs / 1000) * 1000 + request.seconds * 1000;
    let accessKeyId: string;
    do accessKeyId = `STS.${randomAlphanumeric(25)}`;
    while (this.byId.has(accessKeyId));
    const credential: IssuedCredential = {
      accessKeyId,
      accessKeySecret: randomAlphanumeric(44),
      // Real tokens are long opaque base64 strings starting with "CAIS"; length is no secret.
      securityToken: `CAIS${randomBytes(96).toString("base64")}`,
      expiresAt,
      account: request.account,
      roleArn: request.roleArn,
      roleSessionName: request.roleSessionName,
      issuedAt: request.nowMs,
    };
    this.byId.set(accessKeyId, credential);
    return credential;
  }

  lookup(accessKeyId: string): IssuedCredential | undefined {
    return this.byId.get(accessKeyId);
  }

  list(filter: { account?: string } = {}, nowMs: number): IssuedCredentialView[] {
    return [...this.byId.values()]
      .filter((c) => filter.account === undefined || c.account === filter.account)
      .map((c) => ({
        accessKeyId: c.accessKeyId,
        account: c.account,
        roleArn: c.roleArn,
        roleSessionName: c.roleSessionName,
        issuedAt: new Date(c.issuedAt).toISOString(),
        expiration: isoSecondsUtc(c.expiresAt),
        expired: c.expiresAt < nowMs,
      }));
  }

  /**
   * Makes matching keys expired from now on (test hook: no waiting for the clock). Returns how
   * many were still valid and now are not.
   */
  expire(filter: { account?: string; accessKeyId?: string }, nowMs: number): number {
    let count = 0;
    for (const credential of this.byId.values()) {
      if (filter.account !== undefined && credential.account !== filter.account) continue;
      if (filter.accessKeyId !== undefined && credential.accessKeyId !== filter.accessKeyId) continue;
      // verify.ts refuses a key whose expiresAt is before now.
      if (credential.expiresAt >= nowMs) count += 1;
      credential.expiresAt = Math.min(credential.expiresAt, nowMs - 1);
    }
    return count;
  }

  clear(): number {
    const count = this.byId.size;
    this.byId.clear();
    return count;
  }
}
