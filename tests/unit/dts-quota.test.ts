import { describe, expect, it } from "vitest";
import { createQuotaGate, DEFAULT_QUOTA, RateLimiter, type QuotaClock } from "@/lib/dts/quota";
import { DtsError } from "@/lib/dts/errors";

/** A clock the test moves by hand: nothing here waits for real time. */
function manualClock(start = Date.UTC(2026, 10, 28, 9, 0, 0)) {
  let now = start;
  const sleeps: number[] = [];
  const clock: QuotaClock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
  return { clock, sleeps, advance: (ms: number) => (now += ms) };
}

function throttled(retryAfterMs: number | null = 2_000) {
  return new DtsError({ kind: "throttled", action: "DescribeDtsJobs", code: "Throttling.User", message: "Request was denied due to user flow control.", requestId: "r", httpStatus: 400, retrySafe: true, retryAfterMs, attempts: 1, underlyingKind: null });
}

/** A load the test resolves by hand, counting calls. */
function deferredLoads<T>() {
  const pending: Array<{ resolve: (v: T) => void; reject: (e: unknown) => void }> = [];
  const load = () => new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
  return { load, pending };
}

const settings = { ...DEFAULT_QUOTA, ratePerSecond: { DescribeDtsJobs: 2, DescribeDtsJobDetail: 4 }, freshnessMs: 2_000, maxWaitMs: 1_000 };

/** A gate on a manual clock, and a load that counts its DTS calls (each answer is its call's number). */
function countingGate(quota = settings) {
  const { clock, advance } = manualClock();
  const gate = createQuotaGate(quota, clock);
  let count = 0;
  return { gate, advance, load: async () => ({ n: ++count }), calls: () => count };
}

describe("rate limiter", () => {
  it("allows the rate in any sliding second, as DTS counts, then refuses past the wait limit", () => {
    const { clock } = manualClock();
    const limiter = new RateLimiter(2, clock);
    const waits = [limiter.reserve(2_000), limiter.reserve(2_000), limiter.reserve(2_000), limiter.reserve(2_000), limiter.reserve(2_000)];
    expect(waits).toEqual([0, 0, 1_050, 1_050, null]);
    // No second-long window holds more than two of the reserved calls.
    const slots = waits.filter((w): w is number => w !== null);
    for (const start of slots) expect(slots.filter((t) => t >= start && t < start + 1_000).length).toBeLessThanOrEqual(2);
  });

  it("never lets a burst reach twice the rate in its first second (a full token bucket would)", () => {
    const { clock } = manualClock();
    const limiter = new RateLimiter(20, clock);
    const granted = Array.from({ length: 60 }, () => limiter.reserve(999)).filter((w) => w !== null);
    expect(granted).toHaveLength(20);
  });

  it("holds back a call whose slot came round while the calls before it went out late", () => {
    const { clock, advance } = manualClock();
    const limiter = new RateLimiter(2, clock);
    expect([limiter.reserve(2_000), limiter.reserve(2_000), limiter.reserve(2_000)]).toEqual([0, 0, 1_050]);
    // The first two went out 100 ms after their slot (a busy event loop) and were answered 50 ms later...
    advance(100);
    expect([limiter.admit(), limiter.admit()]).toEqual([0, 0]);
    advance(50);
    limiter.settle();
    limiter.settle();
    // ...so at its slot the third must wait until a window after those answers: DTS counts the
    // calls as they arrive, which may be as late as their answers.
    advance(900);
    expect(limiter.admit()).toBe(150);
    advance(150);
    expect(limiter.admit()).toBe(0);
  });

  it("counts a call still in flight however long it takes, and admits the next once it is answered and a window has passed", async () => {
    const { clock, advance } = manualClock();
    const limiter = new RateLimiter(2, clock);
    expect([limiter.admit(), limiter.admit()]).toEqual([0, 0]);
    // Both are still on their way after five seconds (a loaded machine, a slow network): either
    // may reach DTS together with a third, so the third waits for an answer, not for a time.
    advance(5_000);
    expect(limiter.admit()).toBe(Number.POSITIVE_INFINITY);
    let woke = false;
    const settled = limiter.whenSettled().then(() => (woke = true));
    limiter.settle();
    await settled;
    expect(woke).toBe(true);
    // One answered just now, one still open: the third waits a window from that answer.
    expect(limiter.admit()).toBe(1_050);
    advance(1_050);
    expect(limiter.admit()).toBe(0);
  });

  it("backs off for DTS's retry-after after a throttled answer", () => {
    const { clock, advance } = manualClock();
    const limiter = new RateLimiter(20, clock);
    limiter.backOff(3_000);
    expect(limiter.reserve(1_000)).toBeNull();
    expect(limiter.reserve(5_000)).toBe(3_000);
    advance(3_000);
    expect(limiter.reserve(0)).toBe(0);
  });
});

describe("quota gate", () => {
  it("makes identical reads in flight once and shares the answer", async () => {
    const { clock } = manualClock();
    const gate = createQuotaGate(settings, clock);
    const loads = deferredLoads<{ n: number }>();
    const readers = Array.from({ length: 10 }, () => gate.read("DescribeDtsJobs", "cn-hangzhou", "page1", {}, loads.load));
    await Promise.resolve();
    await Promise.resolve();
    expect(loads.pending).toHaveLength(1);
    loads.pending[0]?.resolve({ n: 1 });
    const answers = await Promise.all(readers);
    expect(answers.every((a) => a.n === 1 && !a.stale && !a.limited)).toBe(true);
  });

  it("reuses a list for the freshness window, then asks DTS again", async () => {
    const { gate, advance, load } = countingGate();
    const first = await gate.read("DescribeDtsJobs", "cn-hangzhou", "k", {}, load);
    advance(1_999);
    const second = await gate.read("DescribeDtsJobs", "cn-hangzhou", "k", {}, load);
    expect([first.n, second.n]).toEqual([1, 1]);
    expect(second.asOf).toBe(first.asOf);
    advance(2);
    expect((await gate.read("DescribeDtsJobs", "cn-hangzhou", "k", {}, load)).n).toBe(2);
  });

  it("never serves a fresh read from the cache or from a read that began before it", async () => {
    const { gate, load } = countingGate();
    await gate.read("DescribeDtsJobs", "cn-hangzhou", "k", {}, load);
    expect((await gate.read("DescribeDtsJobs", "cn-hangzhou", "k", { fresh: true }, load)).n).toBe(2);
  });

  it("keeps within the rate: past the budget a reader with a cached answer gets it, marked limited, and DTS is not called", async () => {
    const { gate, advance, load, calls } = countingGate();
    await gate.read("DescribeDtsJobs", "cn-hangzhou", "a", {}, load);
    advance(2_500); // the cached answer is now stale
    // Two reads of other keys spend this second's budget (2/s); the next slot is over a second away.
    await gate.read("DescribeDtsJobs", "cn-hangzhou", "b", {}, load);
    await gate.read("DescribeDtsJobs", "cn-hangzhou", "c", {}, load);
    const served = await gate.read("DescribeDtsJobs", "cn-hangzhou", "a", {}, load);
    expect(calls()).toBe(3);
    expect(served).toMatchObject({ n: 1, stale: true, limited: true });
    // Other regions have their own budget.
    expect((await gate.read("DescribeDtsJobs", "cn-shanghai", "a", {}, load)).n).toBe(4);
  });

  it("without a cached answer, a reader past the budget gets a plain throttled error, not a DTS call", async () => {
    const { gate, load, calls } = countingGate({ ...settings, maxWaitMs: 0 });
    await gate.read("DescribeDtsJobs", "cn-hangzhou", "a", {}, load);
    await gate.read("DescribeDtsJobs", "cn-hangzhou", "b", {}, load);
    const error = await gate.read("DescribeDtsJobs", "cn-hangzhou", "c", {}, load).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DtsError);
    expect((error as DtsError).details).toMatchObject({ kind: "throttled", code: "Throttling.Console" });
    expect((error as DtsError).message).toMatch(/DTS is limiting requests/);
    expect(calls()).toBe(2);
  });

  it("after DTS throttles, backs off instead of retrying, and serves the last answer meanwhile", async () => {
    const { clock, advance } = manualClock();
    const gate = createQuotaGate(settings, clock);
    let calls = 0;
    let throttle = false;
    const load = async () => {
      calls++;
      if (throttle) throw throttled(3_000);
      return { n: calls };
    };
    await gate.read("DescribeDtsJobs", "cn-hangzhou", "a", {}, load);
    advance(2_001);
    throttle = true;
    expect(await gate.read("DescribeDtsJobs", "cn-hangzhou", "a", {}, load)).toMatchObject({ n: 1, stale: true, limited: true });
    expect(calls).toBe(2);
    // During the back-off nothing reaches DTS.
    advance(1_000);
    expect(await gate.read("DescribeDtsJobs", "cn-hangzhou", "a", {}, load)).toMatchObject({ n: 1, limited: true });
    expect(calls).toBe(2);
    // A read that must not be stale (reconciliation) gets the error instead.
    await expect(gate.read("DescribeDtsJobs", "cn-hangzhou", "a", { allowStale: false }, load)).rejects.toMatchObject({ kind: "throttled" });
    advance(2_000);
    throttle = false;
    expect((await gate.read("DescribeDtsJobs", "cn-hangzhou", "a", {}, load)).limited).toBe(false);
  });

  it("forgets a region's cached answers when asked (after a reset), and only that region's", async () => {
    const { gate, load } = countingGate();
    await gate.read("DescribeDtsJobs", "cn-hangzhou", "a", {}, load);
    await gate.read("DescribeDtsJobs", "cn-shanghai", "a", {}, load);
    gate.invalidate("cn-hangzhou");
    expect((await gate.read("DescribeDtsJobs", "cn-hangzhou", "a", {}, load)).n).toBe(3);
    expect((await gate.read("DescribeDtsJobs", "cn-shanghai", "a", {}, load)).n).toBe(2);
  });

  it("fifty readers of one page in one freshness window cost one call", async () => {
    const { gate, load, calls } = countingGate(DEFAULT_QUOTA);
    await Promise.all(Array.from({ length: 50 }, () => gate.read("DescribeDtsJobs", "cn-hangzhou", "page1", {}, load)));
    expect(calls()).toBe(1);
  });
});
