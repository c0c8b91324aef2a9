import "server-only";
// The console's own metrics (GET /api/metrics, README "Metrics"): one prom-client Registry for the
// process, with the default process metrics, the counters and histograms the call sites move, and
// the gauges other modules register (registerGauge) to be collected when Prometheus scrapes.
//
// - Not prom-client's global registry, and kept on globalThis: Next.js bundles the route handlers
//   and instrumentation.ts (the bulk worker, reconciliation) apart, so this module can be loaded
//   more than once in one process, and development reloads it; a second copy registering the same
//   names would throw, and counters split over copies would each tell half the story.
// - Label values are bounded: actions and results from fixed lists, accounts from the registry
//   (ACCOUNT_ID_PATTERN), regions from lib/domain/regions.ts; anything else becomes "other". None
//   ever carries a secret, a task ID or free text.
// - The hot path is a counter increment (and one histogram observation per upstream call).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { ACCOUNT_ID_PATTERN } from "@/lib/domain/task-ref";
import { findRegion } from "@/lib/domain/regions";

/** What became of one HTTP call to DTS or STS: a success, throttling, a timeout, or the class of the error. */
export const CALL_RESULTS = ["ok", "throttled", "timeout", "auth", "invalid", "not_found", "conflict", "server", "network", "malformed_response", "error"] as const;
export type CallResult = (typeof CALL_RESULTS)[number];

/** The DTS actions the console calls (lib/dts/transport.ts DtsAction), and STS's one. */
const DTS_ACTIONS = new Set(["DescribeDtsJobs", "DescribeDtsJobDetail", "ResetDtsJob", "ConfigureDtsJob", "ConfigureSubscription", "StartDtsJob", "DescribePreCheckStatus", "DescribeJobMonitorRule"]);
const RESULTS: ReadonlySet<string> = new Set(CALL_RESULTS);

const OTHER = "other";
const accountLabel = (account: string) => (ACCOUNT_ID_PATTERN.test(account) ? account : OTHER);
const actionLabel = (action: string) => (DTS_ACTIONS.has(action) ? action : OTHER);
const resultLabel = (result: string): CallResult => (RESULTS.has(result) ? (result as CallResult) : "error");
export const regionLabel = (region: string) => findRegion(region)?.id ?? OTHER;

/** Upstream calls answer in tens of milliseconds to a few seconds; a timeout is 5 to 15 s. */
const CALL_SECONDS_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

/** When the newest answer a read cache keeps for an account, action and region was produced (ms). */
export interface CachedAnswer {
  account: string;
  action: string;
  region: string;
  at: number;
}

/** A read cache (lib/dts/quota.ts's gate, one per account) the cache-age gauge looks into. */
export interface CacheAgeSource {
  newestAnswers(): Iterable<CachedAnswer>;
  now(): number;
}

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  // Weak: a gate lives as long as its account's client; a test's gates are dropped with it.
  const caches = new Set<WeakRef<CacheAgeSource>>();
  return {
    registry,
    caches,
    cacheAge: new Gauge({
      name: "dts_console_read_cache_age_seconds",
      help: "Age of the newest DTS answer the read cache keeps, by account, action (DescribeDtsJobs: the task list) and region; it grows while DTS limits requests and the last list is served.",
      labelNames: ["account", "action", "region"] as const,
      registers,
      collect() {
        this.reset();
        const ages = new Map<string, { labels: { account: string; action: string; region: string }; seconds: number }>();
        for (const ref of caches) {
          const source = ref.deref();
          if (!source) {
            caches.delete(ref);
            continue;
          }
          const now = source.now();
          for (const answer of source.newestAnswers()) {
            const labels = { account: accountLabel(answer.account), action: actionLabel(answer.action), region: regionLabel(answer.region) };
            const id = `${labels.account}|${labels.action}|${labels.region}`;
            const seconds = Math.max(0, (now - answer.at) / 1000);
            const seen = ages.get(id);
            // Two copies of a gate (two bundles of one process): the newer answer is what readers get.
            if (!seen || seconds < seen.seconds) ages.set(id, { labels, seconds });
          }
        }
        for (const { labels, seconds } of ages.values()) this.set(labels, seconds);
      },
    }),
    dtsCalls: new Counter({
      name: "dts_console_dts_calls_total",
      help: "HTTP calls to the DTS API (each attempt, retries included), by account, action and result.",
      labelNames: ["account", "action", "result"] as const,
      registers,
    }),
    dtsSeconds: new Histogram({
      name: "dts_console_dts_call_duration_seconds",
      help: "How long each HTTP call to the DTS API took, answered or not.",
      labelNames: ["account", "action"] as const,
      buckets: CALL_SECONDS_BUCKETS,
      registers,
    }),
    stsCalls: new Counter({
      name: "dts_console_sts_calls_total",
      help: "STS AssumeRole calls for the accounts reached through a RAM role, by account and result.",
      labelNames: ["account", "action", "result"] as const,
      registers,
    }),
    stsSeconds: new Histogram({
      name: "dts_console_sts_call_duration_seconds",
      help: "How long each STS AssumeRole call took.",
      labelNames: ["account", "action"] as const,
      buckets: CALL_SECONDS_BUCKETS,
      registers,
    }),
    quotaWaits: new Counter({
      name: "dts_console_quota_waits_total",
      help: "Reads that waited at the account's read quota gate before going to DTS, by account, action and region.",
      labelNames: ["account", "action", "region"] as const,
      registers,
    }),
    quotaWaitSeconds: new Counter({
      name: "dts_console_quota_wait_seconds_total",
      help: "Seconds reads spent waiting at the read quota gate, by account, action and region.",
      labelNames: ["account", "action", "region"] as const,
      registers,
    }),
    quotaRefusals: new Counter({
      name: "dts_console_quota_refusals_total",
      help: "Reads the read quota gate did not send because the wait would have been too long (served the last answer, or 503 dts_throttled).",
      labelNames: ["account", "action", "region"] as const,
      registers,
    }),
    staleReads: new Counter({
      name: "dts_console_stale_reads_total",
      help: "Reads answered with the last answer kept because DTS was limiting requests (\"DTS is limiting requests\" on the page).",
      labelNames: ["account", "action"] as const,
      registers,
    }),
    collectFailures: new Counter({
      name: "dts_console_metrics_collect_failures_total",
      help: "Scrapes in which a gauge could not be read (the database did not answer); the gauge is left out of that scrape.",
      labelNames: ["gauge"] as const,
      registers,
    }),
  };
}

type ConsoleMetrics = ReturnType<typeof build>;

const KEY = Symbol.for("dts-reset-console.metrics");
const slot = globalThis as { [KEY]?: ConsoleMetrics };

/** The process's metrics, created on first use. */
function metrics(): ConsoleMetrics {
  return (slot[KEY] ??= build());
}

/** The registry GET /api/metrics renders. */
export function metricsRegistry(): Registry {
  return metrics().registry;
}

/** One HTTP call to DTS, as it ended. */
export function countDtsCall(account: string, action: string, result: CallResult, seconds: number): void {
  const m = metrics();
  const a = accountLabel(account);
  const act = actionLabel(action);
  m.dtsCalls.inc({ account: a, action: act, result: resultLabel(result) });
  m.dtsSeconds.observe({ account: a, action: act }, seconds);
}

/** One STS AssumeRole call, as it ended. */
export function countStsCall(account: string, result: CallResult, seconds: number): void {
  const m = metrics();
  const a = accountLabel(account);
  m.stsCalls.inc({ account: a, action: "AssumeRole", result: resultLabel(result) });
  m.stsSeconds.observe({ account: a, action: "AssumeRole" }, seconds);
}

/** A read that waited `ms` at the quota gate before its call went out. */
export function countQuotaWait(account: string, action: string, region: string, ms: number): void {
  const m = metrics();
  const labels = { account: accountLabel(account), action: actionLabel(action), region: regionLabel(region) };
  m.quotaWaits.inc(labels);
  m.quotaWaitSeconds.inc(labels, ms / 1000);
}

/** A read the gate refused to send: the wait for the budget would have been too long. */
export function countQuotaRefusal(account: string, action: string, region: string): void {
  metrics().quotaRefusals.inc({ account: accountLabel(account), action: actionLabel(action), region: regionLabel(region) });
}

/** A read answered from the cache past its freshness because DTS was limiting requests. */
export function countStaleRead(account: string, action: string): void {
  metrics().staleReads.inc({ account: accountLabel(account), action: actionLabel(action) });
}

/** Lets the cache-age gauge look into a read cache at every scrape (held weakly). */
export function watchCacheAge(source: CacheAgeSource): void {
  metrics().caches.add(new WeakRef(source));
}

/** One value of a registered gauge: its labels and its value. */
export interface GaugeSample<L extends string> {
  labels: Record<L, string>;
  value: number;
}

export interface GaugeSpec<L extends string> {
  /** `dts_console_…`, unique in the registry. */
  name: string;
  help: string;
  /** At least one: a gauge without labels always shows a value (0 when its collect failed). */
  labelNames: readonly [L, ...L[]];
  /**
   * Read at every scrape: the gauge's whole state (label sets it does not return disappear).
   * A gauge of durable state reads it from the database, so every instance tells the same and a
   * restart loses nothing. A failure leaves the gauge out of that scrape and counts in
   * dts_console_metrics_collect_failures_total; it never fails the scrape.
   */
  collect: () => Promise<Iterable<GaugeSample<L>>> | Iterable<GaugeSample<L>>;
}

/**
 * Registers a gauge collected at scrape time: the way a module adds its own state to
 * GET /api/metrics (the database gauges, store-gauges.ts; the notification deliveries and backlog
 * once they exist). Registering a name again replaces the earlier gauge (a reloaded module).
 */
export function registerGauge<L extends string>(spec: GaugeSpec<L>): void {
  const m = metrics();
  m.registry.removeSingleMetric(spec.name);
  new Gauge<L>({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames,
    registers: [m.registry],
    async collect() {
      this.reset();
      let samples: Iterable<GaugeSample<L>>;
      try {
        samples = await spec.collect();
      } catch {
        m.collectFailures.inc({ gauge: spec.name });
        return;
      }
      for (const sample of samples) this.set(sample.labels, sample.value);
    },
  });
}

/** Whether a gauge of this name is registered (store-gauges.ts registers its own once). */
export function hasMetric(name: string): boolean {
  return metrics().registry.getSingleMetric(name) !== undefined;
}
