// A sliding one-second window per key (action + account + region), like DTS's documented
// "20 calls per second per account per region" for DescribeDtsJobs and 40 for DescribeDtsJobDetail.

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number; resetAtMs: number };

const WINDOW_MS = 1_000;

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  /** Records a call at `nowMs` if the key has fewer than `limit` calls in the last second. */
  check(key: string, limit: number, nowMs: number): RateDecision {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > nowMs - WINDOW_MS);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      const resetAtMs = (recent[0] ?? nowMs) + WINDOW_MS;
      return { allowed: false, retryAfterMs: Math.max(1, resetAtMs - nowMs), resetAtMs };
    }
    recent.push(nowMs);
    this.hits.set(key, recent);
    return { allowed: true };
  }

  clear(): void {
    this.hits.clear();
  }
}

/** The SDK's throttling header format: `Limit:1,Remain:0,TimeLeft:2000,Reset:1234`. */
export function rateLimitHeaders(limit: number, retryAfterMs: number, resetAtMs: number): Record<string, string> {
  return {
    "x-ratelimit-user-api": `Limit:${limit},Remain:0,TimeLeft:${retryAfterMs},Reset:${Math.ceil(resetAtMs / 1000)}`,
    // @alicloud/openapi-core 1.0.8 reads its ThrottlingError.retryAfter from this header.
    "x-acs-retry-after": String(retryAfterMs),
  };
}
