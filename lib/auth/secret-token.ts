import "server-only";
// The bearer secrets of this console: session cookies ("dtss_…") and API tokens ("dtsc_…").
//
// A token is "<prefix>_<id>_<secret>": the id (64 random bits, hex) finds the row, the secret
// (256 random bits, base64url) proves possession. Only SHA-256(secret) is stored, and it is compared
// in constant time. The prefix lets secret scanners and our log redaction recognise a leaked token.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export type TokenPrefix = "dtss" | "dtsc";

const ID_BYTES = 8;
const SECRET_BYTES = 32;
const TOKEN_SHAPE = /^(dtss|dtsc)_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** Matches any token of this console inside free text (used to redact logs). */
export const TOKEN_IN_TEXT = /dts[sc]_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/g;

export interface IssuedToken {
  id: string;
  /** What the holder presents (cookie value or Bearer token). Never stored, never logged. */
  presented: string;
  secretHash: string;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function issueToken(prefix: TokenPrefix): IssuedToken {
  const id = randomBytes(ID_BYTES).toString("hex");
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  return { id, presented: `${prefix}_${id}_${secret}`, secretHash: hashSecret(secret) };
}

/** The id and secret of a presented token of the expected kind, or null when it is not one. */
export function parseToken(prefix: TokenPrefix, presented: string): { id: string; secret: string } | null {
  const match = TOKEN_SHAPE.exec(presented);
  if (!match || match[1] !== prefix) return null;
  return { id: match[2]!, secret: match[3]! };
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
