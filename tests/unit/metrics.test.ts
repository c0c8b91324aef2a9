// The console's metrics module (lib/metrics): the token check, bounded labels, the quota gate's
// waits, refusals, stale reads and cache age on a clock the test moves by hand, registered gauges
// (and one that fails), and the strict reader of the text format the route tests rely on.
import { describe, expect, it } from "vitest";
import { metricsAccess } from "@/lib/metrics/access";
import { countDtsCall, metricsRegistry, registerGauge } from "@/lib/metrics/registry";
import { createQuotaGate, DEFAULT_QUOTA, type QuotaClock } from "@/lib/dts/quota";
import { DtsError } from "@/lib/dts/errors";
import { parseExposition, samplesOf, valueOf } from "../support-prometheus";

const TOKEN = "unit-metrics-token-0123456789abcdef";

async function scrape() {
  return parseExposition(await metricsRegistry().metrics());
}

/** A clock the test moves by hand; a sleep moves it by the time slept, so nothing waits for real time. */
function manualClock(start = Date.UTC(2026, 11, 7, 9, 0, 0)) {
  let now = start;
  const clock: QuotaClock = {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
  return { clock, advance: (ms: number) => (now += ms) };
}

function throttled() {
  return new DtsError({ kind: "throttled", action: "DescribeDtsJobs", code: "Throttling.User", message: "Request was denied due to user flow control.", requestId: "r", httpStatus: 400, retrySafe: true, retryAfterMs: 2_000, attempts: 1, underlyingKind: null });
}

describe("the metrics token", () => {
  it("turns the route off when unset and compares a presented token exactly", () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, undefined)).toBe("off");
    expect(metricsAccess(null, TOKEN)).toBe("missing");
    expect(metricsAccess(`Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`, TOKEN)).toBe("missing");
    expect(metricsAccess("Bearer", TOKEN)).toBe("missing");
    expect(metricsAccess(`Bearer ${TOKEN}`, TOKEN)).toBe("granted");
    expect(metricsAccess(`bearer ${TOKEN}`, TOKEN)).toBe("granted");
    expect(metricsAccess(`Bearer ${TOKEN.slice(0, -1)}X`, TOKEN)).toBe("wrong");
    expect(metricsAccess(`Bearer ${TOKEN}0`, TOKEN)).toBe("wrong");
    expect(metricsAccess(`Bearer ${TOKEN.slice(0, 8)}`, TOKEN)).toBe("wrong");
  });
});

describe("the registry", () => {
  it("renders the text format with the process's default metrics", async () => {
    const exposition = await scrape();
    for (const name of ["process_cpu_user_seconds_total", "process_resident_memory_bytes", "nodejs_heap_size_used_bytes", "nodejs_eventloop_lag_seconds"]) {
      expect(exposition.families.has(name), name).toBe(true);
    }
    expect(exposition.families.get("dts_console_dts_calls_total")).toMatchObject({ type: "counter" });
    expect(exposition.families.get("dts_console_dts_call_duration_seconds")).toMatchObject({ type: "histogram" });
  });

  it("bounds label values: an unknown action, account or result becomes other or error", async () => {
    const before = await scrape();
    countDtsCall("default", "ResetDtsJob", "ok", 0.2);
    countDtsCall("Not An Account!", "DeleteEverything", "weird" as never, 0.01);
    const after = await scrape();
    const delta = (labels: Record<string, string>) => valueOf(after, "dts_console_dts_calls_total", labels) - valueOf(before, "dts_console_dts_calls_total", labels);
    expect(delta({ account: "default", action: "ResetDtsJob", result: "ok" })).toBe(1);
    expect(delta({ account: "other", action: "other", result: "error" })).toBe(1);
    expect(samplesOf(after, "dts_console_dts_calls_total").some((s) => Object.values(s.labels).includes("DeleteEverything"))).toBe(false);
    const count = (e: typeof after) => valueOf(e, "dts_console_dts_call_duration_seconds_count", { account: "default", action: "ResetDtsJob" });
    expect(count(after) - count(before)).toBe(1);
  });

  it("collects a registered gauge at each scrape, replaces it when registered again, and leaves out one that fails", async () => {
    let value = 3;
    registerGauge({ name: "dts_console_unit_gauge", help: "A test gauge.", labelNames: ["kind"] as const, collect: () => [{ labels: { kind: "a" }, value }] });
    expect(valueOf(await scrape(), "dts_console_unit_gauge", { kind: "a" })).toBe(3);
    value = 4;
    expect(valueOf(await scrape(), "dts_console_unit_gauge", { kind: "a" })).toBe(4);
    registerGauge({ name: "dts_console_unit_gauge", help: "A test gauge.", labelNames: ["kind"] as const, collect: async () => [{ labels: { kind: "b" }, value: 1 }] });
    const replaced = await scrape();
    expect(samplesOf(replaced, "dts_console_unit_gauge").map((s) => s.labels)).toEqual([{ kind: "b" }]);

    registerGauge({
      name: "dts_console_unit_failing",
      help: "A gauge whose store is down.",
      labelNames: ["kind"] as const,
      collect: async () => {
        throw new Error("database down");
      },
    });
    const failures = (e: Awaited<ReturnType<typeof scrape>>) => valueOf(e, "dts_console_metrics_collect_failures_total", { gauge: "dts_console_unit_failing" });
    const first = await scrape();
    const second = await scrape();
    expect(samplesOf(second, "dts_console_unit_failing")).toEqual([]);
    expect(failures(second) - failures(first)).toBe(1);
  });
});

describe("the read quota gate's metrics", () => {
  it("counts a read that waited for the budget, with the seconds it waited", async () => {
    const { clock } = manualClock();
    const gate = createQuotaGate({ ...DEFAULT_QUOTA, account: "unit-wait", ratePerSecond: { DescribeDtsJobs: 1, DescribeDtsJobDetail: 1 }, freshnessMs: 0 }, clock);
    const labels = { account: "unit-wait", action: "DescribeDtsJobs", region: "cn-shanghai" };
    await gate.read("DescribeDtsJobs", "cn-shanghai", "page-1", { fresh: true }, async () => ({ n: 1 }));
    expect(valueOf(await scrape(), "dts_console_quota_waits_total", labels)).toBe(0);
    // One call a second: the second read waits its slot, 1 s and the limiter's 50 ms of slack.
    await gate.read("DescribeDtsJobs", "cn-shanghai", "page-2", { fresh: true }, async () => ({ n: 2 }));
    const after = await scrape();
    expect(valueOf(after, "dts_console_quota_waits_total", labels)).toBe(1);
    expect(valueOf(after, "dts_console_quota_wait_seconds_total", labels)).toBeCloseTo(1.05, 6);
  });

  it("counts a read refused for a wait too long, and the stale answer served instead", async () => {
    const { clock, advance } = manualClock();
    const gate = createQuotaGate({ ...DEFAULT_QUOTA, account: "unit-refuse", ratePerSecond: { DescribeDtsJobs: 20, DescribeDtsJobDetail: 40 }, freshnessMs: 0, maxWaitMs: 1_000 }, clock);
    const region = { account: "unit-refuse", action: "DescribeDtsJobs", region: "cn-beijing" };
    const stale = { account: "unit-refuse", action: "DescribeDtsJobs" };
    await gate.read("DescribeDtsJobs", "cn-beijing", "list", {}, async () => ({ n: 1 }));
    advance(1);
    // DTS throttles the next call: the last list stands in, and the bucket backs off 2 s.
    const limited = await gate.read("DescribeDtsJobs", "cn-beijing", "list", {}, async (): Promise<{ n: number }> => Promise.reject(throttled()));
    expect(limited.limited).toBe(true);
    let exposition = await scrape();
    expect(valueOf(exposition, "dts_console_stale_reads_total", stale)).toBe(1);
    expect(valueOf(exposition, "dts_console_quota_refusals_total", region)).toBe(0);
    // Within the back-off the gate does not call at all (a wait over maxWaitMs): refused, stale again.
    let called = false;
    const refused = await gate.read("DescribeDtsJobs", "cn-beijing", "list", {}, async () => {
      called = true;
      return { n: 2 };
    });
    expect(called).toBe(false);
    expect(refused.limited).toBe(true);
    exposition = await scrape();
    expect(valueOf(exposition, "dts_console_quota_refusals_total", region)).toBe(1);
    expect(valueOf(exposition, "dts_console_stale_reads_total", stale)).toBe(2);
  });

  it("reports the age of the newest answer kept, per account, action and region, and an unknown region as other", async () => {
    const { clock, advance } = manualClock();
    const gate = createQuotaGate({ ...DEFAULT_QUOTA, account: "unit-cache" }, clock);
    await gate.read("DescribeDtsJobs", "cn-hangzhou", "page-1", {}, async () => ({ n: 1 }));
    advance(3_000);
    await gate.read("DescribeDtsJobs", "cn-hangzhou", "page-2", {}, async () => ({ n: 2 }));
    await gate.read("DescribeDtsJobDetail", "mars-north-1", "job", {}, async () => ({ n: 3 }));
    advance(5_000);
    const exposition = await scrape();
    expect(valueOf(exposition, "dts_console_read_cache_age_seconds", { account: "unit-cache", action: "DescribeDtsJobs", region: "cn-hangzhou" })).toBe(5);
    expect(valueOf(exposition, "dts_console_read_cache_age_seconds", { account: "unit-cache", action: "DescribeDtsJobDetail", region: "other" })).toBe(5);
    // A reset forgets the region's answers: nothing kept, no age.
    gate.invalidate("cn-hangzhou");
    expect(samplesOf(await scrape(), "dts_console_read_cache_age_seconds", { account: "unit-cache", action: "DescribeDtsJobs" })).toEqual([]);
  });
});

describe("the text format reader", () => {
  const ok = "# HELP a_total A.\n# TYPE a_total counter\na_total{x=\"1\"} 2\n";
  it("reads a well-formed exposition", () => {
    expect(parseExposition(ok).samples).toEqual([{ name: "a_total", labels: { x: "1" }, value: 2 }]);
  });
  it.each([
    ["no final line break", ok.slice(0, -1)],
    ["a sample of no declared family", "b 1\n"],
    ["a bad label value escape", '# TYPE a gauge\na{x="\\t"} 1\n'],
    ["an unquoted label value", "# TYPE a gauge\na{x=1} 1\n"],
    ["a value that is no number", "# TYPE a gauge\na one\n"],
    ["a series twice", "# TYPE a gauge\na 1\na 2\n"],
    ["samples not contiguous", "# TYPE a gauge\n# TYPE b gauge\na 1\nb 1\na{x=\"2\"} 1\n"],
    ["a TYPE after the samples", "# TYPE a gauge\na 1\n# TYPE a counter\n"],
    ["a bucket without le", "# TYPE h histogram\nh_bucket 1\n"],
  ])("refuses %s", (_, text) => {
    expect(() => parseExposition(text)).toThrow();
  });
});
