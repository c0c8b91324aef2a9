// Replay protection: remembers which (AccessKeyId, nonce) pairs were used, for a bounded time.

import type { NonceStore } from "./types";

/**
 * How long a nonce must be remembered so that no replay can slip through. A request may be dated
 * up to one window in the future and stays acceptable until one window after its date, so a
 * nonce first seen at time t can be replayed with a valid timestamp until t + 2 windows.
 */
export function nonceRetentionMsForWindow(timestampWindowSeconds: number): number {
  return 2 * timestampWindowSeconds * 1000;
}

/**
 * In-memory NonceStore. Entries older than `retentionMs` are forgotten on every claim, so memory
 * is bounded by the request rate times the retention, not by the lifetime of the process.
 */
export class InMemoryNonceStore implements NonceStore {
  /** Key → time of first claim. A Map iterates in insertion order, i.e. oldest claim first. */
  private readonly claimedAt = new Map<string, number>();

  constructor(private readonly retentionMs: number) {
    if (!Number.isFinite(retentionMs) || retentionMs <= 0) {
      throw new RangeError(`retentionMs must be a positive number, got ${retentionMs}`);
    }
  }

  /** A store that remembers nonces long enough for the given timestamp window. */
  static forTimestampWindow(timestampWindowSeconds: number): InMemoryNonceStore {
    return new InMemoryNonceStore(nonceRetentionMsForWindow(timestampWindowSeconds));
  }

  claim(accessKeyId: string, nonce: string, nowMs: number): boolean {
    this.forgetOlderThan(nowMs - this.retentionMs);
    // JSON keeps the two parts apart whatever characters they contain (V1 values are decoded).
    const key = JSON.stringify([accessKeyId, nonce]);
    if (this.claimedAt.has(key)) return false;
    this.claimedAt.set(key, nowMs);
    return true;
  }

  /** Number of nonces currently remembered (for tests and diagnostics). */
  get size(): number {
    return this.claimedAt.size;
  }

  private forgetOlderThan(cutoffMs: number): void {
    // Claims arrive in time order, so the expired ones sit at the front. If the clock ever steps
    // back, entries are merely kept a little longer, which errs on the safe side.
    for (const [key, claimedAtMs] of this.claimedAt) {
      if (claimedAtMs >= cutoffMs) break;
      this.claimedAt.delete(key);
    }
  }
}
