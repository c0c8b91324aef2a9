import "server-only";
// The temporary credentials of an account reached by assuming a RAM role (STS AssumeRole), as a
// credential the DTS client signs with. `@alicloud/credentials`' own ram_role_arn provider always
// calls STS over https (fleet-and-identity.md section 1), so the console calls AssumeRole itself,
// through the official STS client (@alicloud/sts20150401) with the endpoint configured, signed with
// the console's own credential chain.
// - One AssumeRole in flight per account, however many requests wait for it.
// - Cached until shortly before they expire, and refreshed ahead of expiry by a timer (and by the
//   first request inside the refresh margin), so no request finds them expired.
// - Never logged, stored or returned: only the signing client sees them.
// - A refusal is `sts_assume_role_failed` with STS's code, message and RequestId, for this
//   account's requests only; the next request asks STS again (no retry loop into STS's limits).
import type Credential from "@alicloud/credentials";
import { CredentialModel } from "@alicloud/credentials";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import StsClient, { AssumeRoleRequest } from "@alicloud/sts20150401";
import { StsRefusal } from "@/lib/domain/errors";
import type { RoleAccountEntry } from "@/lib/config/accounts";
import { kindForCode } from "@/lib/dts/classify";
import { countStsCall, type CallResult } from "@/lib/metrics/registry";

export interface StsSettings {
  /** Full URL of the STS endpoint (`https://sts.aliyuncs.com`, a regional or VPC one, the simulator). */
  endpoint: string;
  connectTimeoutMs: number;
  readTimeoutMs: number;
}

export interface TemporaryCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  expiresAt: number;
}

/** How STS is asked for the role's credentials (the official client; a test may count the calls). */
export type AssumeRole = (role: RoleAccountEntry) => Promise<TemporaryCredentials>;

/** AssumeRole through the official STS client, signed with `base` (the console's own credentials). */
export function stsAssumeRole(base: Credential, settings: StsSettings): AssumeRole {
  const url = new URL(settings.endpoint);
  const client = new StsClient(
    new $OpenApiUtil.Config({
      credential: base,
      endpoint: url.host,
      protocol: url.protocol === "http:" ? "http" : "https",
      regionId: "cn-hangzhou",
      connectTimeout: settings.connectTimeoutMs,
      readTimeout: settings.readTimeoutMs,
    }),
  );
  return async (role) => {
    const request = new AssumeRoleRequest({
      roleArn: role.roleArn,
      roleSessionName: role.roleSessionName,
      durationSeconds: role.durationSeconds,
      ...(role.externalId ? { externalId: role.externalId } : {}),
    });
    let answer;
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      answer = await client.assumeRoleWithOptions(request, new $dara.RuntimeOptions({ autoretry: false, connectTimeout: settings.connectTimeoutMs, readTimeout: settings.readTimeoutMs }));
    } catch (error) {
      countStsCall(role.id, stsResultOf(error), seconds());
      throw refusalOf(role, error);
    }
    const credentials = answer.body?.credentials;
    const expiresAt = Date.parse(credentials?.expiration ?? "");
    if (!credentials?.accessKeyId || !credentials.accessKeySecret || !credentials.securityToken || !Number.isFinite(expiresAt)) {
      countStsCall(role.id, "malformed_response", seconds());
      throw new StsRefusal("sts_assume_role_failed", `STS answered the AssumeRole of account "${role.id}" without usable credentials.`, {
        account: role.id,
        stsCode: null,
        requestId: answer.body?.requestId ?? null,
      });
    }
    countStsCall(role.id, "ok", seconds());
    return { accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.accessKeySecret, securityToken: credentials.securityToken, expiresAt };
  };
}

/**
 * The metrics' result of a failed AssumeRole: STS's code classed as DTS's are (Throttling.User is
 * throttled, NoPermission auth, ...), a timeout, or a network failure when nothing answered.
 */
function stsResultOf(error: unknown): CallResult {
  const e = error as { name?: unknown; code?: unknown; statusCode?: unknown };
  if (typeof e?.statusCode === "number" && e.statusCode >= 400) {
    const kind = kindForCode(typeof e.code === "string" ? e.code : null, e.statusCode);
    return kind === "unknown_outcome" ? "error" : kind;
  }
  if (e?.name === "RequestTimeoutError") return "timeout";
  return "network";
}

/** STS's own words for a refusal (the SDK's ResponseError carries code, message, data.RequestId). */
function refusalOf(role: RoleAccountEntry, error: unknown): StsRefusal {
  const e = error as { code?: unknown; message?: unknown; data?: { RequestId?: unknown; Message?: unknown }; statusCode?: unknown };
  const code = typeof e?.code === "string" ? e.code : null;
  const requestId = typeof e?.data?.RequestId === "string" ? e.data.RequestId : null;
  const stsMessage = typeof e?.data?.Message === "string" ? e.data.Message : typeof e?.message === "string" ? e.message.split("\n")[0]!.slice(0, 300) : "no answer";
  return new StsRefusal(
    "sts_assume_role_failed",
    `Alibaba Cloud STS did not let the console assume the role of account "${role.id}"${code ? ` (${code})` : ""}: ${stsMessage}${requestId ? ` RequestId ${requestId}.` : ""}`,
    { account: role.id, stsCode: code, stsMessage, requestId, httpStatus: typeof e?.statusCode === "number" ? e.statusCode : null },
  );
}

export interface AssumedRoleOptions {
  now?: () => number;
  /** Refresh this long before expiry (default: a fifth of the session, at most 5 minutes). */
  refreshMarginMs?: number;
  /** Schedules the refresh ahead of expiry; returns a cancel function (tests pass their own). */
  schedule?: (run: () => void, delayMs: number) => () => void;
}

function realSchedule(run: () => void, delayMs: number): () => void {
  const timer = setTimeout(run, Math.max(0, Math.min(delayMs, 2_147_483_647)));
  timer.unref();
  return () => clearTimeout(timer);
}

/**
 * A credential for the DTS client (the part of `@alicloud/credentials`' Credential that
 * `@alicloud/openapi-core` calls: getCredential) that holds the role's temporary keys.
 */
export class AssumedRoleCredential {
  private current: TemporaryCredentials | null = null;
  private inFlight: Promise<TemporaryCredentials> | null = null;
  private cancelRefresh: (() => void) | null = null;
  private readonly now: () => number;
  private readonly schedule: NonNullable<AssumedRoleOptions["schedule"]>;

  constructor(
    private readonly role: RoleAccountEntry,
    private readonly assume: AssumeRole,
    private readonly options: AssumedRoleOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? realSchedule;
  }

  private marginMs(): number {
    return this.options.refreshMarginMs ?? Math.min(5 * 60_000, (this.role.durationSeconds * 1000) / 5);
  }

  /** One AssumeRole at a time; its answer serves every waiter. */
  private refresh(): Promise<TemporaryCredentials> {
    this.inFlight ??= this.assume(this.role)
      .then((fresh) => {
        this.current = fresh;
        this.cancelRefresh?.();
        this.cancelRefresh = this.schedule(() => void this.refresh().catch(() => undefined), fresh.expiresAt - this.marginMs() - this.now());
        return fresh;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  private async valid(): Promise<TemporaryCredentials> {
    const current = this.current;
    const now = this.now();
    if (current && now < current.expiresAt - this.marginMs()) return current;
    if (current && now < current.expiresAt - 5_000) {
      // Inside the margin but still good: refresh behind this request, sign with what we have.
      void this.refresh().catch(() => undefined);
      return current;
    }
    return this.refresh();
  }

  async getCredential(): Promise<CredentialModel> {
    const keys = await this.valid();
    return new CredentialModel({
      accessKeyId: keys.accessKeyId,
      accessKeySecret: keys.accessKeySecret,
      securityToken: keys.securityToken,
      type: "sts",
      providerName: "dts-console/assume-role",
    });
  }

  async getAccessKeyId(): Promise<string> {
    return (await this.valid()).accessKeyId;
  }

  async getAccessKeySecret(): Promise<string> {
    return (await this.valid()).accessKeySecret;
  }

  async getSecurityToken(): Promise<string> {
    return (await this.valid()).securityToken;
  }

  getType(): string {
    return "sts";
  }

  /**
   * Drops the keys (DTS said they are expired, revoked or unknown): the next request assumes the
   * role again instead of signing with keys DTS will refuse until they would have expired.
   */
  forget(): void {
    this.current = null;
    this.cancelRefresh?.();
    this.cancelRefresh = null;
  }

  /** Stops the refresh timer (tests, shutdown). */
  close(): void {
    this.cancelRefresh?.();
    this.cancelRefresh = null;
  }

  /** Never the keys: what a log line or a debugger may see. */
  toJSON(): Record<string, unknown> {
    return { account: this.role.id, roleArn: this.role.roleArn, expiresAt: this.current ? new Date(this.current.expiresAt).toISOString() : null };
  }
}
