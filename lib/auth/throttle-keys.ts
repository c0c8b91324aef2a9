// The keys sign-in throttling counts failures under. Not `server-only`: the CLI's unlock uses them.
import { createHash } from "node:crypto";

/**
 * Hashed, so the table never holds what was typed into the username field (people type passwords
 * there by mistake). Unknown usernames get keys too: throttling must not reveal which names exist.
 */
export function usernameThrottleKey(normalizedUsername: string): string {
  return `user:${createHash("sha256").update(normalizedUsername, "utf8").digest("hex")}`;
}

export function addressThrottleKey(address: string | null): string {
  return `address:${address ?? "unknown"}`;
}
