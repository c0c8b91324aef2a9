// `npm run bench:bulk [-- --rate N] [--items N]`: the bulk reset of issue 22, 100 items against the
// simulator with DTS's documented read limits on (20 DescribeDtsJobs/s and 40 DescribeDtsJobDetail/s
// per account and region, startSimulator's default), through the console's real route handlers in
// this process (as tests/integration/bulk-resets-routes.test.ts drives them): sign in, a dry run of
// the 100 items, then POST /api/bulk-resets, and the bulk's own status awaited until it finishes.
//
// The simulator's call log is the witness: the achieved rate of ResetDtsJob calls (first to last)
// against BULK_RESET_CALLS_PER_SECOND (goal ≥ 90 %), the busiest sliding second (≤ the rate rounded
// up), double sends (a task and direction with more than one ResetDtsJob that reached DTS's action:
// goal 0), throttling answers to any DTS call (goal 0), and items failed or unknown (goal 0). It
// prints a table and one JSON line, and exits 1 when a goal is missed. Nothing is written to disk
// but a temporary SQLite file, removed at the end.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BulkPlan, BulkResult } from "../lib/domain/bulk";
import { resetBlockedReason } from "../lib/domain/status";
import { startSimulator, type CallRecord, type RunningSimulator } from "../simulator/index";

const DEFAULT_RATE = 1;
const DEFAULT_ITEMS = 100;
/** Extra generated SYNC tasks in cn-hangzhou: the default seed alone has 39 resettable ones. */
const SCALE = 100;
const KEY = { accessKeyId: "bench-bulk-access-key-id", accessKeySecret: "bench-bulk-access-key-secret-0123456789" };
const BASE = "http://127.0.0.1:3100";
const POLL_MS = 100;
const FINAL = ["succeeded", "partial", "failed", "cancelled"];

type RouteHandler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

interface Item {
  region: string;
  jobId: string;
  instanceId: string;
  direction: "Forward" | "Reverse";
}

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run bench:bulk [-- --rate N] [--items N]   (rate: ResetDtsJob calls per second, default ${DEFAULT_RATE}; items: 1-100, default ${DEFAULT_ITEMS})`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): { rate: number; items: number } {
  const options = { rate: DEFAULT_RATE, items: DEFAULT_ITEMS };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split("=", 2) as [string, string | undefined];
    if (flag !== "--rate" && flag !== "--items") usage(`Unknown option ${argv[i]}.`);
    const value = Number(inline ?? argv[++i]);
    if (flag === "--rate") {
      if (!Number.isFinite(value) || value <= 0) usage("--rate takes a positive number.");
      options.rate = value;
    } else {
      if (!Number.isInteger(value) || value < 1 || value > 100) usage("--items takes a whole number from 1 to 100.");
      options.items = value;
    }
  }
  return options;
}

function routeParams(value: Record<string, string>): { params: Promise<never> } {
  return { params: Promise.resolve(value) as Promise<never> };
}

/** One in-process call of a route handler, as a browser or API client would make it. */
function callRoute(handler: RouteHandler, pathname: string, init: { method?: string; body?: unknown; cookie?: string } = {}, params: Record<string, string> = {}) {
  const headers = new Headers({ "x-forwarded-for": "198.51.100.22", "user-agent": "bench-bulk" });
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.body !== undefined) headers.set("content-type", "application/json");
  const body = init.body === undefined ? null : JSON.stringify(init.body);
  return handler(new Request(`${BASE}${pathname}`, { method: init.method ?? "GET", headers, body }), routeParams(params));
}

/** Resettable one-way or two-way SYNC tasks (Forward), the regions interleaved so every region is in the first 100. */
function candidates(sim: RunningSimulator): Item[] {
  const byRegion = new Map<string, Item[]>();
  for (const job of sim.control.jobs({ jobType: "SYNC" })) {
    if (job.shape || resetBlockedReason(job.forward.status) !== null) continue;
    const item: Item = { region: job.region, jobId: job.forward.jobId, instanceId: job.instanceId, direction: "Forward" };
    byRegion.set(job.region, [...(byRegion.get(job.region) ?? []), item]);
  }
  const lists = [...byRegion.values()];
  const items: Item[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const list of lists) if (i < list.length) items.push(list[i] as Item);
  return items;
}

/** The most calls in any window of one second (DTS counts per second), and their times (ms after the first of them). */
function busiestSecond(times: readonly number[]): { most: number; offsets: number[] } {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let from = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= 1000) j++;
    if (i - j + 1 > most) [most, from] = [i - j + 1, j];
  }
  return { most, offsets: sorted.slice(from, from + most).map((t) => t - (sorted[from] as number)) };
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))] as number;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const loadAverage = () => os.loadavg().map((v) => round(v)) as [number, number, number];

async function simCalls(sim: RunningSimulator, action?: string): Promise<CallRecord[]> {
  const response = await fetch(`${sim.url}/__sim/calls${action ? `?action=${action}` : ""}`);
  if (!response.ok) throw new Error(`GET /__sim/calls: ${response.status}`);
  return ((await response.json()) as { calls: CallRecord[] }).calls;
}

/** The region a call names, as the simulator counts it (`Region`, or the older `RegionId`). */
const regionOf = (c: CallRecord) => c.params.Region ?? c.params.RegionId ?? "";

/**
 * A throttled call and the calls of the same action, account and region that DTS counted in the
 * second before it: how many, and how long after the first of them (from their arrival times).
 */
function windowBefore(call: CallRecord, calls: readonly CallRecord[]) {
  const at = Date.parse(call.at);
  const same = calls.filter(
    (c) => c.seq < call.seq && c.verdict === "ok" && c.action === call.action && c.account === call.account && regionOf(c) === regionOf(call) && Date.parse(c.at) > at - 1000,
  );
  const first = same[0] ? Date.parse(same[0].at) : at;
  return { seq: call.seq, at: call.at, action: call.action, region: regionOf(call), code: call.code, inPrecedingSecond: same.length, msAfterFirstOfThem: at - first };
}

const countOf = (calls: readonly CallRecord[], action: string) => calls.filter((c) => c.action === action).length;
const isThrottling = (c: CallRecord) => c.code?.startsWith("Throttling") ?? false;

async function main(): Promise<void> {
  const { rate, items: itemCount } = parseArgs(process.argv.slice(2));
  const loadBefore = loadAverage();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-bulk-"));
  // Read limits on (the default): 20 DescribeDtsJobs/s, 40 DescribeDtsJobDetail/s per account and region.
  const sim = await startSimulator({ accessKeys: [KEY], seed: { scale: SCALE, scaleRegion: "cn-hangzhou" }, log: false });
  let exitCode = 0;
  try {
    const limits = sim.control.config().rateLimit;
    if (!limits.enabled) throw new Error("the simulator's read limits are off");
    Object.assign(process.env, {
      DTS_MODE: "simulator",
      DTS_ENDPOINT: sim.url,
      SIMULATOR_ACCESS_KEY_ID: KEY.accessKeyId,
      SIMULATOR_ACCESS_KEY_SECRET: KEY.accessKeySecret,
      AUDIT_DB_PATH: path.join(dir, "audit.sqlite"),
      LOG_LEVEL: "silent",
      BULK_RESET_CALLS_PER_SECOND: String(rate),
    });
    // Loaded once the environment names the simulator: the console reads its configuration on first use.
    const load = async (p: string) => (await import(p)) as Record<string, RouteHandler | undefined>;
    const bulkRoutes = await load("../app/api/bulk-resets/route");
    const signIn = (await load("../app/api/auth/sign-in/route")).POST!;
    const create = bulkRoutes.POST!;
    const one = (await load("../app/api/bulk-resets/[id]/route")).GET!;

    const signedIn = await callRoute(signIn, "/api/auth/sign-in", { method: "POST", body: { username: "demo", password: "dts-demo-password" } });
    if (signedIn.status !== 200) throw new Error(`sign-in: ${signedIn.status} ${await signedIn.text()}`);
    const cookie = signedIn.headers.get("set-cookie")!.split(";")[0]!;

    const items = candidates(sim).slice(0, itemCount);
    if (items.length < itemCount) throw new Error(`only ${items.length} resettable tasks in the seed, ${itemCount} wanted`);
    const regions = new Map<string, number>();
    for (const item of items) regions.set(item.region, (regions.get(item.region) ?? 0) + 1);
    const post = async (body: unknown) => {
      const response = await callRoute(create, "/api/bulk-resets", { method: "POST", body, cookie });
      return { status: response.status, body: (await response.json()) as { plan?: BulkPlan; bulk?: BulkResult; error?: { code: string; message: string } } };
    };
    const reason = "bench: source database failover";

    // The dry run: one fresh read of every task, nothing sent.
    const beforePlan = (await simCalls(sim)).length;
    const planStarted = performance.now();
    const plan = await post({ items, reason, confirmation: "", dryRun: true });
    const planMs = performance.now() - planStarted;
    if (plan.status !== 200 || !plan.body.plan) throw new Error(`dry run: ${plan.status} ${JSON.stringify(plan.body)}`);
    const planCalls = (await simCalls(sim)).slice(beforePlan);
    // The candidates are resettable by the seed: a blocked item is the console's or DTS's doing
    // (a throttled read says `dts_throttled`). Reported, and the bulk still goes ahead with all items.
    const planBlocked: Record<string, number> = {};
    for (const i of plan.body.plan.items) if (!i.eligible) planBlocked[i.blocked?.code ?? "?"] = (planBlocked[i.blocked?.code ?? "?"] ?? 0) + 1;

    // The bulk: POST, then its status until it has finished.
    const beforeRun = (await simCalls(sim)).length;
    const postedAt = Date.now();
    const created = await post({ items, reason, confirmation: String(items.length), idempotencyKey: `bench-bulk-${postedAt}` });
    const answeredAt = Date.now();
    if (created.status !== 202 || !created.body.bulk) throw new Error(`POST /api/bulk-resets: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.bulk.id;
    const deadline = postedAt + (items.length / rate) * 3_000 + 120_000;
    let bulk: BulkResult;
    let lastShown = 0;
    for (;;) {
      const response = await callRoute(one, `/api/bulk-resets/${id}`, { cookie }, { id });
      if (response.status !== 200) throw new Error(`GET /api/bulk-resets/${id}: ${response.status} ${await response.text()}`);
      bulk = ((await response.json()) as { bulk: BulkResult }).bulk;
      if (FINAL.includes(bulk.status)) break;
      if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify({ status: bulk.status, counts: bulk.counts })}`);
      if (Date.now() - lastShown >= 10_000) {
        lastShown = Date.now();
        process.stderr.write(`  ${round((Date.now() - postedAt) / 1000, 1)} s: ${bulk.status}, ${JSON.stringify(bulk.counts)}\n`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const finishedAt = Date.now();

    // The witness: the simulator's call log.
    const runCalls = (await simCalls(sim)).slice(beforeRun);
    // The dry run sent none (counted below): every ResetDtsJob in the log is the run's.
    const resets = await simCalls(sim, "ResetDtsJob");
    const times = resets.map((c) => Date.parse(c.at)).sort((a, b) => a - b);
    const spanMs = times.length > 1 ? (times.at(-1) as number) - (times[0] as number) : 0;
    const achievedRate = spanMs > 0 ? (times.length - 1) / (spanMs / 1000) : 0;
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    const accepted = new Map<string, number>();
    for (const c of resets) {
      if (c.verdict !== "ok") continue;
      const key = `${c.params.DtsJobId}|${c.params.SynchronizationDirection ?? "Forward"}`;
      accepted.set(key, (accepted.get(key) ?? 0) + 1);
    }
    const doubleSends = [...accepted.values()].filter((n) => n > 1).length;
    const throttled = [...planCalls, ...runCalls].filter(isThrottling);
    const throttledBy: Record<string, number> = {};
    for (const c of throttled) throttledBy[c.action ?? "?"] = (throttledBy[c.action ?? "?"] ?? 0) + 1;
    const { most: busiest, offsets: busiestOffsets } = busiestSecond(times);
    const counts = bulk.counts;
    const notDone = counts.failed + counts.unknown;
    const serverMs = bulk.finishedAt ? Date.parse(bulk.finishedAt) - Date.parse(bulk.createdAt) : null;

    const report = {
      date: new Date().toISOString(),
      items: items.length,
      regions: Object.fromEntries(regions),
      configuredRate: rate,
      bulkStatus: bulk.status,
      counts,
      wallMs: finishedAt - postedAt,
      postAnswerMs: answeredAt - postedAt,
      serverCreatedToFinishedMs: serverMs,
      firstResetAfterPostMs: times.length ? (times[0] as number) - postedAt : null,
      lastResetToFinishMs: times.length ? finishedAt - (times.at(-1) as number) : null,
      idealMs: Math.round((items.length / rate) * 1000),
      resetCalls: resets.length,
      resetSpanMs: spanMs,
      achievedRate: round(achievedRate, 3),
      achievedOfConfigured: round(achievedRate / rate, 4),
      wallRateOfConfigured: round(items.length / ((finishedAt - postedAt) / 1000) / rate, 4),
      gapMs: { min: gaps.length ? Math.min(...gaps) : 0, p50: quantile(gaps, 0.5), p90: quantile(gaps, 0.9), max: gaps.length ? Math.max(...gaps) : 0 },
      busiestSecond: busiest,
      busiestSecondLimit: Math.ceil(rate),
      busiestSecondOffsetsMs: busiestOffsets,
      doubleSends,
      throttlingErrors: throttled.length,
      throttlingByAction: throttledBy,
      runCalls: { DescribeDtsJobs: countOf(runCalls, "DescribeDtsJobs"), DescribeDtsJobDetail: countOf(runCalls, "DescribeDtsJobDetail"), ResetDtsJob: countOf(runCalls, "ResetDtsJob") },
      dryRun: {
        ms: Math.round(planMs),
        DescribeDtsJobs: countOf(planCalls, "DescribeDtsJobs"),
        DescribeDtsJobDetail: countOf(planCalls, "DescribeDtsJobDetail"),
        ResetDtsJob: countOf(planCalls, "ResetDtsJob"),
        throttled: planCalls.filter(isThrottling).length,
        blocked: planBlocked,
      },
      throttlingDetail: throttled.map((c) => windowBefore(c, [...planCalls, ...runCalls])),
      readLimits: { describeDtsJobs: limits.callsPerSecond, describeDtsJobDetail: limits.detailCallsPerSecond },
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? "unknown", node: process.version, loadBefore, loadAfter: loadAverage() },
    };
    const goals = [
      { goal: "achieved/configured rate ≥ 90 %", ok: report.achievedOfConfigured >= 0.9 },
      { goal: `busiest second ≤ ${report.busiestSecondLimit}`, ok: busiest <= report.busiestSecondLimit },
      { goal: "double sends = 0", ok: doubleSends === 0 },
      { goal: "throttling errors = 0", ok: throttled.length === 0 },
      { goal: "dry run: every item eligible", ok: Object.keys(planBlocked).length === 0 },
      { goal: "items failed/unknown = 0", ok: notDone === 0 },
      { goal: `every item reset (${items.length} succeeded)`, ok: counts.succeeded === items.length && bulk.status === "succeeded" },
    ];
    const missed = goals.filter((g) => !g.ok);

    const rows: [string, string][] = [
      ["items", `${report.items} (${[...regions].map(([r, n]) => `${r} ${n}`).join(", ")})`],
      ["configured rate", `${rate} ResetDtsJob/s per account`],
      ["bulk status", `${bulk.status} ${JSON.stringify(counts)}`],
      ["wall time POST → finished", `${round(report.wallMs / 1000, 1)} s (ideal ${round(report.idealMs / 1000, 1)} s; POST answered in ${report.postAnswerMs} ms, first reset +${report.firstResetAfterPostMs} ms)`],
      ["achieved rate (first → last reset)", `${report.achievedRate}/s over ${round(spanMs / 1000, 1)} s, ${resets.length} calls`],
      ["achieved / configured", `${round(report.achievedOfConfigured * 100, 1)} % (goal ≥ 90 %; by wall time ${round(report.wallRateOfConfigured * 100, 1)} %)`],
      ["gap between resets", `min ${report.gapMs.min} / p50 ${report.gapMs.p50} / p90 ${report.gapMs.p90} / max ${report.gapMs.max} ms`],
      ["busiest sliding second", `${busiest} (limit ${report.busiestSecondLimit}; its calls at +${busiestOffsets.join(", +")} ms)`],
      ["double sends", String(doubleSends)],
      ["throttling errors", `${throttled.length} ${JSON.stringify(throttledBy)}`],
      ["items failed / unknown", `${counts.failed} / ${counts.unknown}`],
      ["run's DTS calls", `${report.runCalls.DescribeDtsJobs} DescribeDtsJobs, ${report.runCalls.DescribeDtsJobDetail} DescribeDtsJobDetail, ${report.runCalls.ResetDtsJob} ResetDtsJob`],
      [
        "dry run",
        `${report.dryRun.ms} ms, ${report.dryRun.DescribeDtsJobs} DescribeDtsJobs, ${report.dryRun.DescribeDtsJobDetail} DescribeDtsJobDetail, ${report.dryRun.ResetDtsJob} ResetDtsJob; throttled ${report.dryRun.throttled}, blocked ${JSON.stringify(planBlocked)}`,
      ],
      ["read limits", `${limits.callsPerSecond} DescribeDtsJobs/s, ${limits.detailCallsPerSecond} DescribeDtsJobDetail/s per account and region`],
      ["machine", `${report.machine.cpus} × ${report.machine.cpuModel}, load ${loadBefore.join(" / ")} → ${report.machine.loadAfter.join(" / ")}`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`\nbulk reset benchmark (issue 22)`);
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
    for (const t of report.throttlingDetail) console.log(`  throttled: #${t.seq} ${t.action} ${t.region} ${t.code} at ${t.at}, ${t.inPrecedingSecond} accepted in the ${t.msAfterFirstOfThem} ms before`);
    for (const g of goals) console.log(`  ${g.ok ? "ok    " : "MISSED"} ${g.goal}`);
    console.log(JSON.stringify({ bench: "bulk", ...report, goalsMissed: missed.map((g) => g.goal) }));
    if (missed.length > 0) exitCode = 1;
  } catch (error) {
    console.error(`bench:bulk failed: ${(error as Error).stack ?? String(error)}`);
    exitCode = 1;
  } finally {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // The console's background timers (bulk worker, reconcilers) would keep the process alive.
  process.exit(exitCode);
}

void main();
