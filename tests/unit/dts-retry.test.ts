import { describe, expect, it } from "vitest";
import { DtsError, type DtsErrorKind } from "@/lib/dts/errors";
import { backoffDelayMs, readPolicy, resetPolicy, withRetries } from "@/lib/dts/retry";

const settings = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };

function failure(kind: DtsErrorKind, retrySafe: boolean, retryAfterMs: number | null = null) {
  return new DtsError({ kind, action: "X", code: null, message: kind, requestId: null, httpStatus: null, retrySafe, retryAfterMs, attempts: 1, underlyingKind: null });
}

describe("retry policies", () => {
  it("retries reads on transient failures only, and never into a throttle", () => {
    const reads = readPolicy(settings);
    for (const kind of ["server", "timeout", "network", "malformed_response"] as const) {
      expect(reads.shouldRetry(failure(kind, false))).toBe(true);
    }
    for (const kind of ["throttled", "auth", "invalid", "not_found", "conflict"] as const) {
      expect(reads.shouldRetry(failure(kind, true))).toBe(false);
    }
  });

  it("retries a reset only when DTS certainly did not execute it", () => {
    const resets = resetPolicy(settings);
    expect(resets.shouldRetry(failure("throttled", true))).toBe(true);
    expect(resets.shouldRetry(failure("network", true))).toBe(true); // connection refused
    expect(resets.shouldRetry(failure("network", false))).toBe(false); // dropped after sending
    expect(resets.shouldRetry(failure("timeout", false))).toBe(false);
    expect(resets.shouldRetry(failure("server", false))).toBe(false);
    expect(resets.shouldRetry(failure("unknown_outcome", false))).toBe(false);
  });

  it("backs off exponentially with jitter, within bounds, honouring retry-after", () => {
    const reads = readPolicy(settings);
    expect(backoffDelayMs(reads, 1, failure("server", false), () => 0)).toBe(50);
    expect(backoffDelayMs(reads, 1, failure("server", false), () => 1)).toBe(100);
    expect(backoffDelayMs(reads, 3, failure("server", false), () => 1)).toBe(400);
    expect(backoffDelayMs(reads, 10, failure("server", false), () => 1)).toBe(1000);
    expect(backoffDelayMs(reads, 1, failure("throttled", true, 2000), () => 0)).toBe(2000);
    expect(backoffDelayMs(reads, 1, failure("throttled", true, 60_000), () => 0)).toBe(10_000);
  });

  it("stops after maxAttempts and reports how many were made", async () => {
    const delays: number[] = [];
    let calls = 0;
    const outcome = withRetries(readPolicy(settings), async () => {
      calls++;
      throw failure("server", false);
    }, async (ms) => void delays.push(ms));
    await expect(outcome).rejects.toMatchObject({ details: { attempts: 3 } });
    expect(calls).toBe(3);
    expect(delays).toHaveLength(2);
  });
});
