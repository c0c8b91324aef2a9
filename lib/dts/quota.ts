import "server-only";
import { DtsError } from "./errors";
import type { DtsClient, JobDetailInput, ListJobsInput, ListJobsResult, MonitorRulesInput, MonitorRulesResult, ReadMeta, ReadOptions } from "./operations";
import type { DtsTaskDetail } from "@/lib/domain/task";
import { countQuotaRefusal, countQuotaWait, countStaleRead, watchCacheAge, type CachedAnswer } from "@/lib/metrics/registry";

// DTS's read quota belongs to the whole Alibaba Cloud account: DescribeDtsJobs allows 20 calls
// per second per account and region, DescribeDtsJobDetail 40 (DTS API reference, "QPS limits":
// https://help.aliyun.com/zh/dts/developer-reference/api-dts-2020-01-01-describedtsjobs). Other
// tools and Alibaba's own console spend from the same budget, so the console keeps within the
// share it is given:
// - identical reads in flight are made once and shared (coalescing);
// - a list read is reused for a short freshness window, across operators;
// - calls are paced per action and region to the rate in any sliding second;
// - a throttled answer is not retried: the bucket backs off for DTS's retry-after, and the
//   reader gets the last answer with its age instead of an error, where there is one.
// A reset's own re-read of its task asks for `fresh` data and is never served from the cache.

// DescribeJobMonitorRule's limit is not published: the reset reads it once per task, paced like Detail.
export type PacedAction = "DescribeDtsJobs" | "DescribeDtsJobDetail" | "DescribeJobMonitorRule";

export interface QuotaSettings {
  /** The account whose quota this gate spends: part of every pacing and cache key. */
  account: string;
  /** Calls per second this console may make, per region. */
  ratePerSecond: Record<"DescribeDtsJobs" | "DescribeDtsJobDetail", number> & { DescribeJobMonitorRule?: number };
  /** How long a list or detail answer is reused for readers that accept cached data. */
  freshnessMs: number;
  /** How long a reader that accepts cached data waits for the budget before it is served stale. */
  maxWaitMs: number;
  /** How long a reader that needs fresh data (a reset's re-read) may wait for the budget. */
  maxFreshWaitMs: number;
  /** Entries kept in the answer cache, oldest dropped first. */
  maxCacheEntries: number;
}

export const DEFAULT_QUOTA: QuotaSettings = {
  account: "default",
  ratePerSecond: { DescribeDtsJobs: 20, DescribeDtsJobDetail: 40, DescribeJobMonitorRule: 40 },
  freshnessMs: 2_000,
  maxWaitMs: 1_000,
  maxFreshWaitMs: 10_000,
  maxCacheEntries: 500,
};

export interface QuotaClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: QuotaClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Paces calls to at most `ratePerSecond` in any sliding second, the way DTS counts them (a token
 * bucket would allow a full bucket plus a second's refill, up to twice the limit, in the first
 * second of a burst). It hands out reservations: a caller that may wait is told how long, and the
 * slot is its own from then on, so waiting callers never race each other for the same slot.
 */
export class RateLimiter {
  /** Reserved call times (ms), ascending; the last `limit` of them are all that matter. */
  private slots: number[] = [];
  /**
   * When the answers of admitted calls came back (ms), ascending. DTS counts a call when it arrives,
   * which is somewhere between its admission here and its answer: under load the SDK's signing and
   * the socket can hold a call back for hundreds of milliseconds, so a call counts against the
   * window from its admission until a window after its answer, whatever the machine is doing.
   */
  private answered: number[] = [];
  /** Admitted calls still waiting for DTS's answer: each may arrive at any moment. */
  private open = 0;
  private settleWaiters: Array<() => void> = [];
  private blockedUntil = 0;
  private readonly limit: number;

  constructor(
    ratePerSecond: number,
    private readonly clock: Pick<QuotaClock, "now">,
    /** Slack for clocks and network delay between this process and DTS's counter. */
    private readonly windowMs = 1_050,
  ) {
    this.limit = Math.max(1, Math.floor(ratePerSecond));
  }

  /** Reserves one call. Returns the wait in ms, or null when the wait would exceed `maxWaitMs`. */
  reserve(maxWaitMs: number): number | null {
    const now = this.clock.now();
    this.slots = this.slots.filter((t) => t > now - this.windowMs);
    const last = this.slots[this.slots.length - 1] ?? 0;
    const windowFull = this.slots.length >= this.limit ? this.slots[this.slots.length - this.limit]! + this.windowMs : 0;
    const at = Math.max(now, this.blockedUntil, last, windowFull);
    if (at - now > maxWaitMs) return null;
    this.slots.push(at);
    return at - now;
  }

  /**
   * Called when a reserved call is about to go out: admits it and answers 0 (the caller then calls
   * `settle()` once DTS answered or the call failed), or answers how much longer it must wait
   * because `limit` calls could still reach DTS in the same second: calls in flight, and calls
   * answered less than a window ago. `Infinity` means only calls in flight stand in the way: wait
   * for one to settle (`whenSettled`), then ask again. Check and record are one synchronous step.
   */
  admit(): number {
    const now = this.clock.now();
    this.answered = this.answered.filter((t) => t > now - this.windowMs);
    const over = this.open + this.answered.length - this.limit + 1;
    if (over > 0) {
      if (over > this.answered.length) return Number.POSITIVE_INFINITY;
      const wait = this.answered[over - 1]! + this.windowMs - now;
      if (wait > 0) return wait;
    }
    this.open += 1;
    return 0;
  }

  /** An admitted call is over (answered, refused or failed): it counts until a window from now. */
  settle(): void {
    this.open = Math.max(0, this.open - 1);
    this.answered.push(this.clock.now());
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves at the next `settle()`. */
  whenSettled(): Promise<void> {
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }

  /** DTS said "too many": spend nothing until its retry-after (at least a second) has passed. */
  backOff(retryAfterMs: number | null) {
    this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + Math.max(retryAfterMs ?? 0, 1_000));
  }
}

interface CacheEntry<T> {
  value: T;
  at: number;
}

/** The error for a reader with nothing cached to fall back on while the budget is spent. */
export function quotaExhausted(action: PacedAction, retryAfterMs: number | null): DtsError {
  return new DtsError({
    kind: "throttled",
    action,
    code: "Throttling.Console",
    message: "DTS is limiting requests for this account and region. Try again in a moment.",
    requestId: null,
    httpStatus: null,
    retrySafe: true,
    retryAfterMs,
    attempts: 0,
    underlyingKind: null,
  });
}

export interface QuotaGate {
  read<T>(action: PacedAction, region: string, key: string, options: ReadOptions, load: () => Promise<T>): Promise<T & ReadMeta>;
  /** Forgets the cached answers of a region: after the console changed something there. */
  invalidate(region: string): void;
  /** When the newest answer kept was produced, per action and region (the metrics' cache age). */
  newestAnswers(): CachedAnswer[];
  /** The gate's clock, in ms. */
  now(): number;
}

export function createQuotaGate(settings: QuotaSettings = DEFAULT_QUOTA, clock: QuotaClock = realClock): QuotaGate {
  const buckets = new Map<string, RateLimiter>();
  const cache = new Map<string, CacheEntry<unknown>>();
  const inFlight = new Map<string, Promise<CacheEntry<unknown>>>();

  function bucketFor(action: PacedAction, region: string): RateLimiter {
    const id = `${settings.account}|${action}|${region}`;
    let bucket = buckets.get(id);
    if (!bucket) {
      const rate = action === "DescribeJobMonitorRule" ? (settings.ratePerSecond.DescribeJobMonitorRule ?? settings.ratePerSecond.DescribeDtsJobDetail) : settings.ratePerSecond[action];
      bucket = new RateLimiter(rate, clock);
      buckets.set(id, bucket);
    }
    return bucket;
  }

  function remember(key: string, entry: CacheEntry<unknown>) {
    cache.delete(key);
    cache.set(key, entry);
    while (cache.size > settings.maxCacheEntries) cache.delete(cache.keys().next().value as string);
  }

  function withMeta<T>(entry: CacheEntry<unknown>, limited: boolean): T & ReadMeta {
    const stale = clock.now() - entry.at > settings.freshnessMs;
    return { ...(entry.value as T), asOf: new Date(entry.at).toISOString(), stale, limited };
  }

  async function callDts<T>(action: PacedAction, region: string, key: string, fresh: boolean, load: () => Promise<T>): Promise<CacheEntry<unknown>> {
    const bucket = bucketFor(action, region);
    const wait = bucket.reserve(fresh ? settings.maxFreshWaitMs : settings.maxWaitMs);
    if (wait === null) {
      countQuotaRefusal(settings.account, action, region);
      throw quotaExhausted(action, settings.maxWaitMs);
    }
    let waited = wait;
    if (wait > 0) await clock.sleep(wait);
    // Reservations space the calls as planned; a caller whose slot came round while the calls
    // before it are still on their way (or just answered) is held back here, so that DTS never
    // sees more than the limit in any second, however late the calls actually arrive.
    for (let extra = bucket.admit(); extra > 0; extra = bucket.admit()) {
      const from = clock.now();
      if (extra === Number.POSITIVE_INFINITY) await bucket.whenSettled();
      else await clock.sleep(extra);
      waited += clock.now() - from;
    }
    if (waited > 0) countQuotaWait(settings.account, action, region, waited);
    try {
      const entry = { value: await load(), at: clock.now() };
      remember(key, entry);
      return entry;
    } catch (error) {
      if (error instanceof DtsError && error.kind === "throttled") bucket.backOff(error.details.retryAfterMs);
      throw error;
    } finally {
      bucket.settle();
    }
  }

  const gate: QuotaGate = {
    invalidate(region: string) {
      for (const key of [...cache.keys()]) if (key.split("|")[2] === region) cache.delete(key);
    },

    newestAnswers() {
      const newest = new Map<string, CachedAnswer>();
      for (const [key, entry] of cache) {
        const [, action, region] = key.split("|") as [string, string, string];
        const id = `${action}|${region}`;
        const seen = newest.get(id);
        if (!seen || seen.at < entry.at) newest.set(id, { account: settings.account, action, region, at: entry.at });
      }
      return [...newest.values()];
    },

    now: () => clock.now(),

    async read<T>(action: PacedAction, region: string, key: string, options: ReadOptions, load: () => Promise<T>) {
      const cacheKey = `${settings.account}|${action}|${region}|${key}`;
      if (options.fresh) {
        // Never shared with a read that began earlier, and never served from the cache.
        return withMeta<T>(await callDts(action, region, cacheKey, true, load), false);
      }
      const cached = cache.get(cacheKey);
      if (cached && clock.now() - cached.at <= settings.freshnessMs) return withMeta<T>(cached, false);

      let pending = inFlight.get(cacheKey);
      if (!pending) {
        pending = callDts(action, region, cacheKey, false, load).finally(() => inFlight.delete(cacheKey));
        inFlight.set(cacheKey, pending);
      }
      try {
        return withMeta<T>(await pending, false);
      } catch (error) {
        const limited = error instanceof DtsError && error.kind === "throttled";
        const fallback = cache.get(cacheKey);
        if (limited && fallback && options.allowStale !== false) {
          countStaleRead(settings.account, action);
          return withMeta<T>(fallback, true);
        }
        throw error;
      }
    },
  };
  watchCacheAge(gate);
  return gate;
}

/** Wraps a client so its reads go through the gate; resets pass straight through, then invalidate. */
export function withQuota(client: DtsClient, gate: QuotaGate): DtsClient {
  return {
    listJobs(input: ListJobsInput, options: ReadOptions = {}): Promise<ListJobsResult> {
      return gate.read("DescribeDtsJobs", input.region, JSON.stringify(input), options, () => client.listJobs(input, { fresh: true }));
    },
    getJobDetail(input: JobDetailInput, options: ReadOptions = {}): Promise<DtsTaskDetail & ReadMeta> {
      return gate.read("DescribeDtsJobDetail", input.region, JSON.stringify(input), options, () => client.getJobDetail(input, { fresh: true }));
    },
    // A reset changes the region's tasks: whatever its outcome, the next read asks DTS again.
    resetJob: (input, options) => client.resetJob(input, options).finally(() => gate.invalidate(input.region)),
    // Reconfiguration calls are not paced reads: each is one operator action (or one follow step).
    // The two that change a task forget the region's cached reads, like a reset.
    configureJob: (input) => client.configureJob(input).finally(() => gate.invalidate(input.region)),
    configureSubscription: (input) => client.configureSubscription(input).finally(() => gate.invalidate(input.region)),
    startJob: (input) => client.startJob(input).finally(() => gate.invalidate(input.region)),
    describePrecheck: (input) => client.describePrecheck(input),
    describeMonitorRules(input: MonitorRulesInput, options: ReadOptions = {}): Promise<MonitorRulesResult & ReadMeta> {
      return gate.read("DescribeJobMonitorRule", input.region, JSON.stringify(input), options, () => client.describeMonitorRules(input, { fresh: true }));
    },
  };
}
