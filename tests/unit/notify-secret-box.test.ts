// The channel secret at rest (lib/notify/secret-box.ts): AES-256-GCM, a versioned format naming
// its key, and errors that say what went wrong without ever holding the plaintext.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, sealedKeyId, secretKeyId, SecretBoxError } from "@/lib/notify/secret-box";

const PLAIN = "SEC4f1e2d3c-加签-secret";
const key = randomBytes(32);
const otherKey = randomBytes(32);

/** Every way of reading a failure: its message, its name and its stack. */
function failureText(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretBoxError);
    const e = error as Error;
    return `${e.name} ${e.message} ${e.stack ?? ""}`;
  }
  throw new Error("expected a failure");
}

describe("secret box", () => {
  it("seals and opens, with a fresh IV each time, in the v1:<keyId>:<iv>:<tag>:<ct> format", () => {
    const a = encryptSecret(PLAIN, key);
    const b = encryptSecret(PLAIN, key);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PLAIN);
    const parts = a.split(":");
    expect(parts).toHaveLength(5);
    expect(parts[0]).toBe("v1");
    expect(parts[1]).toBe(secretKeyId(key));
    expect(Buffer.from(parts[2]!, "base64url")).toHaveLength(12);
    expect(Buffer.from(parts[3]!, "base64url")).toHaveLength(16);
    for (const part of parts.slice(1)) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decryptSecret(a, key)).toBe(PLAIN);
    expect(decryptSecret(b, key)).toBe(PLAIN);
    expect(sealedKeyId(a)).toBe(secretKeyId(key));
  });

  it("refuses a sealed secret altered anywhere, without the plaintext in the error", () => {
    const sealed = encryptSecret(PLAIN, key);
    const parts = sealed.split(":");
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index]!, "base64url");
      bytes[0] = bytes[0]! ^ 0x01;
      const altered = parts.map((part, i) => (i === index ? bytes.toString("base64url") : part)).join(":");
      const text = failureText(() => decryptSecret(altered, key));
      expect(text).not.toContain(PLAIN);
      expect(text).toMatch(/damaged|altered/);
    }
    // Claiming another version or another key id is refused too (both are authenticated data).
    expect(() => decryptSecret(["v2", ...parts.slice(1)].join(":"), key)).toThrow(SecretBoxError);
    expect(() => decryptSecret([parts[0], secretKeyId(otherKey), ...parts.slice(2)].join(":"), [key, otherKey])).toThrow(/damaged|altered/);
    expect(() => decryptSecret("not sealed", key)).toThrow(/v1 format/);
  });

  it("refuses the wrong key with a message naming the key id, never the plaintext", () => {
    const sealed = encryptSecret(PLAIN, key);
    const text = failureText(() => decryptSecret(sealed, otherKey));
    expect(text).toContain(secretKeyId(key));
    expect(text).toContain("not configured");
    expect(text).not.toContain(PLAIN);
  });

  it("rotates: the new key seals, the old one kept in the keyring still opens what it sealed", () => {
    const old = encryptSecret(PLAIN, key);
    const fresh = encryptSecret("new secret", otherKey);
    const keyring = [otherKey, key];
    expect(decryptSecret(old, keyring)).toBe(PLAIN);
    expect(decryptSecret(fresh, keyring)).toBe("new secret");
    // The secrets still under the old key are the ones to seal again before dropping it.
    expect(sealedKeyId(old)).not.toBe(secretKeyId(otherKey));
    expect(() => decryptSecret(old, [otherKey])).toThrow(/not configured/);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => encryptSecret(PLAIN, randomBytes(16))).toThrow(/32 bytes/);
  });
});
