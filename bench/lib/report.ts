// The report: one JSON document with every figure (and the raw per-run figures), and a Markdown
// rendering of it for people. Written as bench/results/<date>.{md,json} and latest.{md,json}.
import fs from "node:fs";
import path from "node:path";
import type { BrowserFigures } from "./browser";
import type { BudgetLine } from "./budget";
import type { PageWeight } from "./bundle-weight";
import type { LoadFigures } from "./load";
import type { CpuShare, MachineInfo } from "./machine";
import type { OverheadLevel } from "./overhead";
import type { ProfileFigures } from "./profile";
import type { ScaleFigures } from "./scale";
import { quotaGoals, renderQuota, type QuotaFigures } from "./quota";
import { round } from "./stats";

export const RESULTS_DIR = path.join(process.cwd(), "bench", "results");

export interface Goal {
  name: string;
  goal: string;
  value: string;
  met: boolean;
}

export interface Report {
  machine: MachineInfo;
  loadAverage: { start: [number, number, number]; end: [number, number, number] };
  /** CPU use from the servers' start to their shutdown (the build excluded). */
  cpu: CpuShare;
  durationS: number;
  quick: boolean;
  session: string;
  build: { seconds: number | null; distDir: string };
  overhead: OverheadLevel[];
  load: LoadFigures;
  weight: { compression: string; pages: PageWeight[]; budget: BudgetLine[] };
  browser: BrowserFigures;
  scale: ScaleFigures;
  /** 50 readers against DTS's enforced rate limit (bench/lib/quota.ts). */
  quota?: QuotaFigures;
  /** CPU profile of next-server under the list's load (absent from reports older than issue 15). */
  profile?: ProfileFigures;
  /** DescribeDtsJobs calls the simulator received per console response during the load runs. */
  loadDtsCallsPerRequest?: number;
  goals: Goal[];
}

const ms = (v: number) => `${round(v)} ms`;
const x = (v: number) => `${round(v)}×`;

export function goalsOf(r: Omit<Report, "goals">): Goal[] {
  const goals: Goal[] = r.overhead.map((level) => ({
    name: `server overhead p50, concurrency ${level.concurrency}`,
    goal: "< 5 ms",
    value: ms(level.overheadP50Ms),
    met: level.overheadP50Ms < 5,
  }));
  goals.push({
    name: `errors under load (${r.load.connections} connections)`,
    goal: "0",
    value: String(r.load.errors + r.load.non2xx),
    met: r.load.errors + r.load.non2xx === 0,
  });
  for (const line of r.weight.budget) {
    if (line.verdict !== "ok" && line.verdict !== "over") continue;
    goals.push({ name: `JS weight ${line.route}`, goal: `≤ ${line.limitKiB} KiB gzip`, value: `${round(line.gzipKiB ?? 0)} KiB`, met: line.verdict === "ok" });
  }
  // Issue 15's goals, as same-run ratios and differences.
  const c1 = r.overhead.find((l) => l.concurrency === 1);
  const c16 = r.overhead.find((l) => l.concurrency === 16);
  const rowRatio = r.browser.firstRowMs / r.browser.baselineMs;
  goals.push({ name: "first task row on /jobs vs the baseline page", goal: "≤ 1.5×", value: x(rowRatio), met: rowRatio <= 1.5 });
  if (c1) {
    goals.push({ name: "server overhead p50, 1 connection (issue 15)", goal: "< 2 ms", value: ms(c1.overheadP50Ms), met: c1.overheadP50Ms < 2 });
    goals.push({ name: "next-server CPU per /api/jobs request, 1 connection", goal: "< 1.5 ms", value: ms(c1.serverCpuMsPerRequest), met: c1.serverCpuMsPerRequest < 1.5 });
  }
  if (c16) {
    goals.push({ name: "server overhead p50, 16 connections (issue 15)", goal: "< 10 ms", value: ms(c16.overheadP50Ms), met: c16.overheadP50Ms < 10 });
    goals.push({ name: "next-server CPU per /api/jobs request, 16 connections", goal: "< 1.5 ms", value: ms(c16.serverCpuMsPerRequest), met: c16.serverCpuMsPerRequest < 1.5 });
  }
  goals.push({ name: `next-server CPU per /api/jobs request, ${r.load.connections} connections`, goal: "< 1.5 ms", value: ms(r.load.serverCpuMsPerRequest), met: r.load.serverCpuMsPerRequest < 1.5 });
  goals.push({ name: `next-server RSS under ${r.load.connections} connections (peak)`, goal: "< 400 MiB", value: `${round(r.load.rssPeakMiB)} MiB`, met: r.load.rssPeakMiB < 400 });
  goals.push({
    name: "one DescribeDtsJobs call per console request (10,000 tasks)",
    goal: "exactly 1",
    value: r.scale.oneCallPerRequest ? "1 every time" : "violated",
    met: r.scale.oneCallPerRequest,
  });
  if (r.quota) goals.push(...quotaGoals(r.quota));
  return goals;
}

function table(header: string[], rows: Array<Array<string | number>>): string {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n");
}

export function renderMarkdown(r: Report): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`# Benchmark report, ${m.date.slice(0, 10)}`);
  out.push("");
  out.push(
    `${r.quick ? "**Quick run** (`--quick`: short durations, fewer repetitions; not for comparison). " : ""}` +
      `Produced by \`npm run bench\` (bench/run.ts) against a production build (\`next build\` into \`${r.build.distDir}\`, ` +
      `\`next start\`) and the in-process DTS simulator, everything on 127.0.0.1.`,
  );
  out.push("");
  out.push(
    table(
      ["", ""],
      [
        ["date", m.date],
        ["commit", `${m.commit}${m.dirtyFiles ? ` + ${m.dirtyFiles} uncommitted files in the work tree` : ""}`],
        ["Node", m.node],
        ["CPU", `${m.cpuModel} × ${m.cpuCount}`],
        ["memory", `${m.memoryGiB} GiB`],
        ["OS", m.platform],
        ["load average (1/5/15 min)", `start ${r.loadAverage.start.join(" / ")}, end ${r.loadAverage.end.join(" / ")}`],
        [
          "CPU during the measurements",
          `${r.cpu.machineCores} of ${m.cpuCount} cores busy on average: ${r.cpu.benchmarkCores} this benchmark (load generator, ` +
            `simulator, next-server, Chromium), ${r.cpu.otherCores} other processes on the machine`,
        ],
        ["requests", r.session],
        ["build", r.build.seconds === null ? "reused an existing build" : `${round(r.build.seconds)} s`],
        ["run time", `${round(r.durationS)} s`],
      ],
    ),
  );
  out.push("");
  out.push("Every figure is a median over repeated runs; comparisons are ratios taken in the same run.");
  out.push("");

  out.push("## Goals");
  out.push("");
  out.push(table(["what", "goal", "measured", "met"], r.goals.map((g) => [g.name, g.goal, g.value, g.met ? "yes" : "**NO**"])));
  out.push("");

  out.push("## 1. Server overhead: `GET /api/jobs` vs the same signed DescribeDtsJobs");
  out.push("");
  out.push(
    "Console: `GET /api/jobs?region=cn-hangzhou&type=sync&pageSize=20` with autocannon (keep-alive connections, a fixed number of " +
      "requests per round). Direct: the same DescribeDtsJobs (Region, JobType=SYNC, PageNumber=1, PageSize=20) signed with " +
      "`@alicloud/openapi-core` exactly as lib/dts/transport.ts does (V3 signature, fresh nonce per call, SDK retries off), " +
      "in N concurrent loops of awaited calls. The overhead is therefore what the console adds around its DTS call: Next's " +
      "routing, validation, mapping, JSON and its own HTTP hop. Percentiles from raw samples; each figure is the median over " +
      "rounds, and overhead and ratio are computed per round (same round, alternating which side goes first). " +
      "CPU columns: \"next-server CPU/request\" is the CPU time (user + system, /proc) the server process spent per console " +
      "request, including the client side of its SDK call; \"CPU overhead/request\" is the whole console path's CPU (next-server " +
      "+ this process: simulator and autocannon) minus the direct path's (this process: SDK client and simulator), per request. " +
      "CPU time moves less than latency with other load on the machine (no queueing in it), though heavy contention still " +
      "inflates it (shared caches and cores). The simulator runs inside the benchmark process." +
      (r.loadDtsCallsPerRequest === undefined
        ? ""
        : " **Read with care above 1 connection:** the console's DTS read gate (lib/dts/quota.ts) makes identical reads in " +
          "flight at the same moment once, so with several connections on the same URL the console side makes fewer DescribeDtsJobs " +
          `calls than the direct side (under the load runs: ${r.loadDtsCallsPerRequest.toFixed(3)} calls per console response), and ` +
          "its overhead there is flattered, even negative. The 1-connection row has no such sharing (the cache is off, see section 6)."),
  );
  out.push("");
  out.push(
    table(
      [
        "concurrency",
        "requests/round × rounds",
        "console p50",
        "direct p50",
        "overhead p50",
        "ratio p50",
        "console p99",
        "direct p99",
        "overhead p99",
        "ratio p99",
        "next-server CPU/request",
        "CPU overhead/request",
        "errors",
      ],
      r.overhead.map((l) => [
        l.concurrency,
        `${l.requestsPerRound} × ${l.rounds.length}`,
        ms(l.consoleP50),
        ms(l.directP50),
        ms(l.overheadP50Ms),
        x(l.ratioP50),
        ms(l.consoleP99),
        ms(l.directP99),
        ms(l.overheadP99Ms),
        x(l.ratioP99),
        ms(l.serverCpuMsPerRequest),
        ms(l.cpuOverheadMsPerRequest),
        l.errors,
      ]),
    ),
  );
  out.push("");

  const load = r.load;
  out.push(`## 2. Load: ${load.connections} connections × ${load.durationS} s on the task list`);
  out.push("");
  out.push(
    `autocannon, ${load.connections} keep-alive connections on \`GET /api/jobs?region=cn-hangzhou&type=sync&pageSize=20\`, ` +
      `${load.runs.length} run(s) of ${load.durationS} s. Memory: VmRSS of the next-server process (sampled every second for ` +
      "the peak). CPU/request: CPU time of next-server (all its threads: JavaScript, GC, I/O) per response, which other " +
      "load on the machine changes less than it changes throughput.",
  );
  out.push("");
  out.push(
    table(
      [
        "throughput",
        "p50",
        "p99",
        "responses",
        "errors (non-2xx + socket)",
        "next-server CPU/request",
        "RSS before",
        "RSS after",
        "RSS peak",
      ],
      [
        [
          `${round(load.throughput)} req/s`,
          ms(load.p50),
          ms(load.p99),
          load.totalResponses,
          `${load.non2xx + load.errors} (${load.non2xx} + ${load.errors})`,
          ms(load.serverCpuMsPerRequest),
          `${round(load.rssBeforeMiB)} MiB`,
          `${round(load.rssAfterMiB)} MiB`,
          `${round(load.rssPeakMiB)} MiB`,
        ],
      ],
    ),
  );
  out.push("");
  out.push(
    table(
      ["run", "throughput", "p50", "p99", "next-server CPU/request", "benchmark process CPU/request (simulator + load generator)", "RSS after"],
      load.runs.map((run, i) => [
        i + 1,
        `${round(run.throughput)} req/s`,
        ms(run.p50),
        ms(run.p99),
        ms(run.serverCpuMsPerRequest),
        ms(run.benchCpuMsPerRequest),
        `${round(run.rssAfterMiB)} MiB`,
      ]),
    ),
  );
  out.push("");

  out.push("## 3. Client weight: JavaScript each page loads");
  out.push("");
  out.push(
    `Every \`<script src>\` under /_next/ in the page's HTML (no \`nomodule\` polyfills), de-duplicated, fetched from the ` +
      `running build and compressed with ${r.weight.compression}. Deterministic for a given build. Budget: bench/budget.json.`,
  );
  out.push("");
  out.push(
    table(
      ["page", "fetched as", "scripts", "raw KiB", "gzip KiB", "budget KiB", "verdict"],
      r.weight.budget.map((line) => {
        const page = r.weight.pages.find((p) => p.route === line.route);
        return [
          `\`${line.route}\``,
          `\`${line.path}\``,
          page?.state === "measured" ? page.scripts.length : "–",
          page?.state === "measured" ? round(page.rawKiB) : "–",
          line.gzipKiB === null ? "–" : round(line.gzipKiB),
          line.limitKiB ?? "–",
          line.verdict + (line.note ? ` (${line.note})` : ""),
        ];
      }),
    ),
  );
  out.push("");

  const b = r.browser;
  out.push("## 4. In the browser (Playwright, Chromium)");
  out.push("");
  out.push(
    `Chromium ${b.chromium}, headless, 1440×900; ${b.cache}; median of ${b.runs} runs each, interleaved. Times are recorded in ` +
      "the page (MutationObserver/focusin, performance.now() from navigation start), not by the driver's polling. The baseline " +
      "is `/bench-baseline` (app/bench-baseline/page.tsx): the same build's root layout with one `<h1>` and the role check every " +
      "console page makes, no data and no client component of its own.",
  );
  out.push("");
  out.push(
    table(
      ["measurement", "median", "vs baseline"],
      [
        ["navigation → first task row visible on /jobs", ms(b.firstRowMs), `${x(b.firstRowMs / b.baselineMs)} (+${ms(b.firstRowMs - b.baselineMs)})`],
        ["baseline: navigation → h1 visible on /bench-baseline", ms(b.baselineMs), "1×"],
        [`press "Reset <task>" → dialog "Reset task" visible, focus on Cancel`, ms(b.dialogReadyMs), "–"],
      ],
    ),
  );
  out.push("");

  const s = r.scale;
  out.push(`## 5. Scale: ${s.seededTasks.toLocaleString("en")} extra tasks in ${s.region}`);
  out.push("");
  out.push(
    `The simulator reseeded with \`seed.scale = ${s.seededTasks}\`. Console: \`GET /api/jobs\` (fetch, sequential); direct: the same ` +
      `DescribeDtsJobs through the SDK, alternating with it; median of ${s.repetitions} each. Invariant checked on every console ` +
      "request through the simulator's call log: exactly one DescribeDtsJobs call, for the page shown.",
  );
  out.push("");
  out.push(
    table(
      ["request", "total tasks", "console", "simulator (direct)", "ratio", "DescribeDtsJobs calls per request", "pages read"],
      s.cases.map((c) => [
        c.name,
        c.total ?? "–",
        ms(c.consoleMs),
        ms(c.directMs),
        x(c.ratio),
        [...new Set(c.callsPerRequest)].join(", "),
        [...new Set(c.pagesRequested)].join(", "),
      ]),
    ),
  );
  out.push("");
  out.push(`Invariant "one DescribeDtsJobs call per console request, for the page shown": **${s.oneCallPerRequest ? "holds" : "VIOLATED"}**.`);
  out.push("");
  if (r.quota) out.push("", ...renderQuota(r.quota));
  if (r.profile) out.push(...renderProfile(r.profile, r.loadDtsCallsPerRequest));
  return out.join("\n");
}

function renderProfile(p: ProfileFigures, loadCalls: number | undefined): string[] {
  const out: string[] = [];
  out.push("## 6. Where next-server spends its CPU: a profile under load");
  out.push("");
  out.push(
    `A separate stack started as \`node --cpu-prof\` (bench/lib/profile.ts; \`npx tsx bench/profile.ts\` runs it alone), ` +
      `${p.connections} connections on \`GET /api/jobs\` for ${p.durationS} s after a warm-up; only samples inside the load window ` +
      `count. ${p.requests} requests (${round(p.run.throughput)} req/s, p50 ${ms(p.run.p50)}); next-server's main thread was busy ` +
      `${ms(p.busyMsPerRequest)} per request (sample interval ${round(p.sampleIntervalUs)} µs). Self time: the time the code itself was ` +
      "on the CPU, not its callees. Environment: " +
      Object.entries(p.env).map(([k, v]) => `\`${k}=${v}\``).join(", ") +
      ".",
  );
  out.push("");
  out.push(table(["where the code comes from", "share of the window", "ms per request"], p.topSources.map((e) => [e.name, `${round(e.percent)} %`, e.msPerRequest.toFixed(3)])));
  out.push("");
  out.push(table(["function (self time)", "share of the window", "ms per request"], p.topFunctions.map((e) => [`\`${e.name}\``, `${round(e.percent)} %`, e.msPerRequest.toFixed(3)])));
  out.push("");
  // What stands in the way of the CPU goals, read off the profile: how much of the busy time is the
  // console's own code (the app bundle) and how much the platform under it.
  const share = (pick: (name: string) => boolean) => p.topSources.filter((e) => pick(e.name)).reduce((sum, e) => sum + e.msPerRequest, 0);
  const own = share((n) => n.startsWith("app bundle"));
  const platform = share((n) => n.startsWith("node:") || n.startsWith("next ") || n === "(garbage collector)" || n.startsWith("(native"));
  out.push(
    `What stands in the way: of the ${ms(p.busyMsPerRequest)} the main thread is busy per request, the console's own code (the app ` +
      `bundle, which includes the bundled libraries: the DTS SDK, Kysely, zod) takes ${own.toFixed(3)} ms; Node.js's web request ` +
      `machinery, Next.js's server and garbage collection take ${platform.toFixed(3)} ms. The platform's share alone is above the ` +
      "1.5 ms goal on this machine, so the remaining gap is in the route handler's platform, not in the console's code.",
  );
  out.push("");
  out.push(
    "How the DTS read gate was set for every measurement of this report: `DTS_READ_FRESHNESS_MS=0` (no list is reused from the cache) " +
      "and DTS_LIST/DETAIL_CALLS_PER_SECOND at 1,000,000 (no pacing), so the console makes its own DescribeDtsJobs call for each " +
      "request, like the direct side (bench/lib/server.ts `BENCH_DTS_ENV`). Identical requests in flight at the same moment are " +
      "still made once (coalescing)" +
      (loadCalls === undefined ? "." : `: under the load runs the simulator received ${loadCalls.toFixed(3)} DescribeDtsJobs calls per console response.`),
  );
  out.push("");
  return out;
}

/**
 * A full run writes <YYYY-MM-DD>.{json,md} (the day's last run wins) and latest.{json,md}; a quick
 * run writes only quick.{json,md}, so a development run never replaces the reference figures.
 * Returns the Markdown path.
 */
export function writeReport(r: Report): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const names = r.quick ? ["quick"] : [r.machine.date.slice(0, 10), "latest"];
  const json = `${JSON.stringify(r, null, 2)}\n`;
  const md = `${renderMarkdown(r)}\n`;
  for (const base of names) {
    // Write then rename, so a reader never sees half a report.
    for (const [ext, content] of [
      ["json", json],
      ["md", md],
    ] as const) {
      const file = path.join(RESULTS_DIR, `${base}.${ext}`);
      fs.writeFileSync(`${file}.tmp`, content);
      fs.renameSync(`${file}.tmp`, file);
    }
  }
  return path.join(RESULTS_DIR, `${names[0]}.md`);
}
