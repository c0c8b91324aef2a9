import "server-only";
// Passwords: hashed with argon2id, verified in constant time, and made up by the console when an
// admin (or the CLI) leaves one out.
import { randomBytes } from "node:crypto";
import { hash, parseOptions, verify, type Algorithm, type Options } from "@node-rs/argon2";

// Argon2id is 2 in the binding's const enum, which isolatedModules cannot read from a .d.ts.
const ARGON2ID = 2 as Algorithm;

/**
 * OWASP's first recommended argon2id configuration (m=19 MiB, t=2, p=1): about 20-50 ms per hash
 * on a server core, small enough that a burst of sign-ins cannot exhaust memory.
 */
export const PASSWORD_HASH_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const satisfies Options;

/**
 * A password the console makes up (a new user without one, a password reset), shown once.
 * 18 random bytes as base64url: 24 characters, 144 bits.
 */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

/** Constant-time by construction (the binding compares the digests); false for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True when the stored hash was made with other parameters: rehash it at the next sign-in. */
export function needsRehash(passwordHash: string): boolean {
  try {
    const used = parseOptions(passwordHash);
    return (
      used.algorithm !== ARGON2ID ||
      used.memoryCost !== PASSWORD_HASH_OPTIONS.memoryCost ||
      used.timeCost !== PASSWORD_HASH_OPTIONS.timeCost ||
      used.parallelism !== PASSWORD_HASH_OPTIONS.parallelism ||
      used.outputLen !== PASSWORD_HASH_OPTIONS.outputLen
    );
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spend the time of one real verification when there is no real hash to check (unknown, disabled
 * or malformed username), so that the answer's timing does not tell whether an account exists.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  // A random password nobody knows; hashed once per process with the same parameters.
  dummyHash ??= hash(randomBytes(32).toString("base64url"), PASSWORD_HASH_OPTIONS);
  await verifyPassword(await dummyHash, password);
  return false;
}
