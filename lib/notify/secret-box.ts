import "server-only";
// A channel's secret at rest: AES-256-GCM under the configuration's key, never in clear in the
// database. The sealed form names the key it was sealed under, so the key can be rotated: the
// new key seals, the old one is kept for reading until every secret has been sealed again.
//
//   v1:<keyId>:<iv>:<tag>:<ciphertext>     each part base64url
//
// keyId is the first 6 bytes of SHA-256 over the key (it says which key, and nothing about it);
// iv is 12 random bytes; "v1:<keyId>" is the authenticated data, so neither can be swapped.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

function checkKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) throw new SecretBoxError(`the notification secret key must be ${KEY_BYTES} bytes`);
}

/** Which key sealed a secret: shown nowhere secret, safe in an error message. */
export function secretKeyId(key: Buffer): string {
  checkKey(key);
  return createHash("sha256").update(key).digest().subarray(0, 6).toString("base64url");
}

export function encryptSecret(plain: string, key: Buffer): string {
  const keyId = secretKeyId(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(`${VERSION}:${keyId}`));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, keyId, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(":");
}

/** The key id a sealed secret names, or null when it is not one of ours (to find the secrets still under an old key). */
export function sealedKeyId(sealed: string): string | null {
  const parts = sealed.split(":");
  return parts.length === 5 && parts[0] === VERSION ? (parts[1] ?? null) : null;
}

/**
 * Opens a sealed secret with whichever of the keys sealed it (the current key first, then the
 * old ones kept for reading). Errors name the key id and what went wrong, never the plaintext.
 */
export function decryptSecret(sealed: string, key: Buffer | readonly Buffer[]): string {
  const parts = sealed.split(":");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError("the sealed secret is not in the v1 format");
  const [, keyId, ivText, tagText, ciphertextText] = parts as [string, string, string, string, string];
  const keys = Buffer.isBuffer(key) ? [key] : key;
  const match = keys.find((candidate) => secretKeyId(candidate) === keyId);
  if (!match) throw new SecretBoxError(`the secret was sealed under key ${keyId}, which is not configured (wrong or rotated-out key)`);
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError("the sealed secret is damaged");
  try {
    const decipher = createDecipheriv("aes-256-gcm", match, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${VERSION}:${keyId}`));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(`the sealed secret failed authentication under key ${keyId} (damaged or altered)`);
  }
}
