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
import type { PostgresFigures } from "./postgres-http";
import type { PageRenderFigures } from "./page-render";
import type { ScaleFigures } from "./scale";
import { quotaGoals, renderQuota, type QuotaFigures } from "./quota";
import { median, round } from "./stats";

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
  /** next-server's CPU per render of /jobs and of the baseline page (issue 26). */
  pageRender?: PageRenderFigures;
  scale: ScaleFigures;
  /** 50 readers against DTS's enforced rate limit (bench/lib/quota.ts). */
  quota?: QuotaFigures;
  /** CPU profile of next-server under the list's load (absent from reports older than issue 15). */
  profile?: ProfileFigures;
  /** PostgreSQL (two instances) against SQLite (one) over HTTP (issue 26). */
  postgres?: PostgresFigures;
  /** DescribeDtsJobs calls the simulator received per console response during the load runs. */
  loadDtsCallsPerRequest?: number;
  goals: Goal[];
}

const ms = (v: number) => `${round(v)} ms`;
const x = (v: number) => `${round(v)}×`;

export function goalsOf(r: Omit<Report, "goals">): Goal[] {
  const goals: Goal[] = [];
  // Issue 26: every performance goal is a ratio to the floor of the stack, measured in the same run.
  for (const level of r.overhead) {
    goals.push({
      name: `next-server CPU per GET /api/jobs vs the floor route, ${level.concurrency} connection${level.concurrency === 1 ? "" : "s"}`,
      goal: "≤ 1.25×",
      value: `${x(level.cpuRatio)} (${ms(level.consoleCpuMsPerRequest)} vs ${ms(level.floorCpuMsPerRequest)})`,
      met: level.cpuRatio <= 1.25,
    });
  }
  const c1 = r.overhead.find((l) => l.concurrency === 1);
  if (c1) {
    goals.push({
      name: "latency p50 added over the floor route, 1 connection",
      goal: "≤ 1 ms",
      value: `${ms(c1.addedP50Ms)} (${ms(c1.consoleP50)} vs ${ms(c1.floorP50)})`,
      met: c1.addedP50Ms <= 1,
    });
  }
  goals.push({
    name: `next-server RSS peak under ${r.load.connections} connections vs the bare build's`,
    goal: "≤ 1.25×",
    value: `${x(r.load.rssRatio)} (${round(r.load.rssPeakMiB)} vs ${round(r.load.bareRssPeakMiB)} MiB)`,
    met: r.load.rssRatio <= 1.25,
  });
  const rowRatio = r.browser.firstRowMs / r.browser.baselineMs;
  goals.push({
    name: "first task row on /jobs vs the baseline page's h1",
    goal: "≤ 1.5×",
    value: `${x(rowRatio)} (${ms(r.browser.firstRowMs)} vs ${ms(r.browser.baselineMs)})`,
    met: rowRatio <= 1.5,
  });
  // The baseline page's own weight, measured in this run: the goal is at most 20 KiB above it (and
  // within bench/budget.json, which check:budget enforces in CI).
  const baselinePage = r.weight.pages.find((p) => p.route === "/bench-baseline");
  const baselineKiB = baselinePage?.state === "measured" ? baselinePage.gzipKiB : Number.NaN;
  for (const line of r.weight.budget) {
    if (line.verdict !== "ok" && line.verdict !== "over") continue;
    const kib = line.gzipKiB ?? 0;
    goals.push({
      name: `JS per page ${line.route} (gzip) vs the baseline page's ${round(baselineKiB)} KiB`,
      goal: `≤ baseline + 20 KiB, and ≤ ${line.limitKiB} KiB (budget.json)`,
      value: `${round(kib)} KiB (+${round(kib - baselineKiB)} KiB)`,
      met: line.verdict === "ok" && kib <= baselineKiB + 20,
    });
  }
  if (r.postgres) {
    const p = r.postgres;
    goals.push({
      name: "PostgreSQL (2 instances) vs SQLite (1): history list p50 over HTTP",
      goal: "≤ 1.5×",
      value: `${x(p.listP50Ratio)} (${ms(p.postgres.listP50Ms)} vs ${ms(p.sqlite.listP50Ms)})`,
      met: p.listP50Ratio <= 1.5,
    });
    goals.push({
      name: "PostgreSQL (2 instances) vs SQLite (1): resets per second over HTTP",
      goal: "≥ 0.67×",
      value: `${x(p.resetsPerSecondRatio)} (${round(p.postgres.resetsPerSecond)} vs ${round(p.sqlite.resetsPerSecond)}/s)`,
      met: p.resetsPerSecondRatio >= 0.67,
    });
    goals.push({ name: "errors, PostgreSQL and SQLite runs", goal: "0", value: String(p.errors), met: p.errors === 0 });
  }
  goals.push({
    name: `errors under load (${r.load.connections} connections), the console`,
    goal: "0",
    // The bare build's own (timeouts of an overloaded machine, not the console's) are shown beside.
    value: `${r.load.errors + r.load.non2xx} (bare build: ${r.load.bareErrors})`,
    met: r.load.errors + r.load.non2xx === 0,
  });
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

  out.push("## The floors");
  out.push("");
  out.push(
    "Every goal is a ratio to a floor of the stack the console stands on, measured side by side in the same run, in rounds " +
      "that alternate the two sides (each ratio taken within a round; the median over rounds reported):",
  );
  out.push("");
  out.push(
    "- **The floor route** (`GET /api/jobs/bench-floor`, app/api/jobs/bench-floor/route.bench.ts): a bare Next.js route handler " +
      "in the same build and on the same next-server, making the same signed DescribeDtsJobs with the same SDK " +
      "(`@alicloud/openapi-core`, one client per process, V3 signature, SDK retries off) to the same simulator with the same " +
      "keys, and answering DTS's JSON unchanged: no session, no validation, no quota gate, no mapping, no security headers. " +
      "It exists only in the benchmark's build: next.config.js adds the `bench.ts` page extension when `BENCH_FLOOR=1`, which " +
      "bench/lib/server.ts `buildApp` sets; the build is checked to hold it, and `npm run check:budget` checks that a " +
      "production build does not (tests/integration/bench-floor.test.ts checks the configuration).",
  );
  out.push(
    "- **The bare build** (memory): a second `next start` of the same build, with its own simulator (same seed), that is only " +
      "ever asked for the floor route: the server never loads a console route, its session store or its caches. \"The same " +
      "load\" is the same 50 connections for the same time with the same DTS work per request (below); its peak RSS is the floor.",
  );
  out.push("- **The baseline page** (`/bench-baseline`): the same build's root layout with one `<h1>` and the role check every page makes.");
  out.push("- **SQLite** (one console instance) for PostgreSQL (two console instances on one database).");
  out.push("");
  out.push(
    "Connection i of every load asks for page i + 1 (the simulator holds " +
      "enough tasks), so no two requests in flight are identical and each costs its own DescribeDtsJobs on both sides: the " +
      "console's read gate would make identical reads in flight one call (coalescing), which the floor has not. The DTS calls " +
      "per response are counted from the simulator's call log and shown beside each figure.",
  );
  out.push("");

  out.push("## 1. Server CPU and latency: `GET /api/jobs` vs the floor route, same server");
  out.push("");
  out.push(
    "autocannon, keep-alive connections, a fixed number of requests per side and round. CPU: next-server's CPU time " +
      "(user + system, all threads, /proc) per response, which other load on the machine changes less than latency (no " +
      "queueing in it); both sides are the same process, so contention hits them alike within a round. Latency percentiles " +
      "from raw samples. \"added\" is console − floor within a round.",
  );
  out.push("");
  out.push(
    table(
      [
        "connections",
        "requests/round × rounds",
        "CPU/request console",
        "CPU/request floor",
        "CPU ratio",
        "p50 console",
        "p50 floor",
        "p50 added",
        "p99 console",
        "p99 floor",
        "DTS calls/response console / floor",
        "errors",
      ],
      r.overhead.map((l) => [
        l.concurrency,
        `${l.requestsPerRound} × ${l.rounds.length}`,
        ms(l.consoleCpuMsPerRequest),
        ms(l.floorCpuMsPerRequest),
        x(l.cpuRatio),
        ms(l.consoleP50),
        ms(l.floorP50),
        ms(l.addedP50Ms),
        ms(l.consoleP99),
        ms(l.floorP99),
        `${round(l.consoleDtsCallsPerRequest)} / ${round(l.floorDtsCallsPerRequest)}`,
        l.errors,
      ]),
    ),
  );
  out.push("");

  const load = r.load;
  out.push(`## 2. Load and memory: ${load.connections} connections × ${load.durationS} s, the console vs the bare build`);
  out.push("");
  out.push(
    `autocannon, ${load.connections} keep-alive connections, ${load.runs.length} round(s) of ${load.durationS} s per side, alternating ` +
      "which goes first, both servers started fresh for this and given the same warm-up. Console: `GET /api/jobs`, signed in. " +
      "Bare build: the floor route on a `next start` of the same build that serves nothing else. (Not the server of section 1: " +
      "RSS is the high-water mark of all a process has served, since V8 and malloc keep what they grew to.) Memory: VmRSS of each next-server sampled every 250 ms; " +
      "the ratio is console peak / bare peak within a round.",
  );
  out.push("");
  out.push(
    table(
      ["side", "throughput", "p50", "p99", "responses", "errors", "next-server CPU/request", "DTS calls/response", "RSS peak", "RSS peak ratio"],
      [
        [
          "console",
          `${round(load.throughput)} req/s`,
          ms(load.p50),
          ms(load.p99),
          load.totalResponses,
          load.non2xx + load.errors,
          ms(load.serverCpuMsPerRequest),
          round(load.dtsCallsPerRequest),
          `${round(load.rssPeakMiB)} MiB`,
          x(load.rssRatio),
        ],
        [
          "bare build",
          `${round(median(load.bareRuns.map((b) => b.throughput)))} req/s`,
          ms(median(load.bareRuns.map((b) => b.p50))),
          ms(median(load.bareRuns.map((b) => b.p99))),
          load.bareRuns.reduce((n, b) => n + b.ok + b.non2xx, 0),
          load.bareErrors,
          ms(load.bareServerCpuMsPerRequest),
          round(load.bareDtsCallsPerRequest),
          `${round(load.bareRssPeakMiB)} MiB`,
          "1×",
        ],
      ],
    ),
  );
  out.push("");
  out.push(
    table(
      ["round", "side", "throughput", "p99", "CPU/request", "RSS before", "RSS peak (anonymous + file-backed)", "RSS after"],
      load.runs.flatMap((run, i) => {
        const b = load.bareRuns[i];
        const row = (side: string, v: typeof run) => [
          i + 1,
          side,
          `${round(v.throughput)} req/s`,
          ms(v.p99),
          ms(v.serverCpuMsPerRequest),
          `${round(v.rssBeforeMiB)} MiB`,
          `${round(v.rssPeakMiB)} MiB (${round(v.rssPeakAnonMiB)} + ${round(v.rssPeakFileMiB)})`,
          `${round(v.rssAfterMiB)} MiB`,
        ];
        return b ? [row("console", run), row("bare build", b)] : [row("console", run)];
      }),
    ),
  );
  out.push("");
  out.push(...renderCaches());
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
  if (b.phases) {
    const { list, baseline } = b.phases;
    out.push(
      "Where the time goes (Navigation Timing, medians, ms from navigation start): the first byte is the server's render " +
        "(the list's DescribeDtsJobs included, since the page carries the first page of tasks); the HTML's last byte; the HTML " +
        "parsed (DOM interactive); the deferred scripts run (DOMContentLoaded, hydration starts); the element visible.",
    );
    out.push("");
    const row = (name: string, pick: (p: typeof list) => number, unit = ms) => [name, unit(pick(list)), unit(pick(baseline)), unit(pick(list) - pick(baseline))];
    const kib = (v: number) => `${round(v / 1024)} KiB`;
    out.push(
      table(
        ["phase", "/jobs (first row)", "baseline (h1)", "difference"],
        [
          row("first byte of the HTML", (p) => p.responseStart),
          row("last byte of the HTML", (p) => p.responseEnd),
          row("HTML parsed (DOM interactive)", (p) => p.domInteractive),
          row("DOMContentLoaded end", (p) => p.domContentLoaded),
          row("element visible", (p) => p.mark),
          row("HTML size (decoded)", (p) => p.htmlBytes, kib),
          row("scripts loaded", (p) => p.scripts, (v) => String(round(v))),
        ],
      ),
    );
    out.push("");
    if (r.pageRender) {
      const pr = r.pageRender;
      out.push(
        `The server's share, measured apart (${pr.rounds} alternating rounds of ${pr.requestsPerRound} sequential GETs of each page's HTML): ` +
          `next-server spends ${ms(pr.list.serverCpuMs)} of CPU per render of the task list against ${ms(pr.baseline.serverCpuMs)} for the ` +
          `baseline page (${x(pr.cpuRatio)}), p50 ${ms(pr.list.p50Ms)} against ${ms(pr.baseline.p50Ms)}, for ${round(pr.list.htmlKiB)} KiB of HTML ` +
          `against ${round(pr.baseline.htmlKiB)} KiB. The list's render includes its DescribeDtsJobs, the 20 rows (one markup: each row ` +
          "lays itself out as a card below the md breakpoint), each with its status, endpoints, copy button and reset button, " +
          "and the RSC payload that carries the rows' data and the page's messages (the dialogs' included) to the browser.",
      );
      out.push("");
    }
    out.push(
      list.mark <= list.domInteractive + 1
        ? "The row is in the DOM before the HTML is parsed to the end: the HTML carries the rows (server-rendered), so nothing waits for hydration or a client fetch; the difference is the server's render and the HTML's transfer."
        : "The row appears after the HTML is parsed: it waits for scripts (hydration or a client-only part).",
    );
    out.push("");
  }

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
  if (r.postgres) out.push(...renderPostgres(r.postgres));
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
    `Of the ${ms(p.busyMsPerRequest)} the main thread is busy per request, the console's own code (the app bundle, which ` +
      `includes the bundled libraries: Kysely, zod, next-intl) takes ${own.toFixed(3)} ms; Node.js's HTTP and web-stream ` +
      `machinery, Next.js's server, the SDK (external) and garbage collection take ${platform.toFixed(3)} ms. The floor route ` +
      "pays the platform's share as well: what the console adds over it (section 1) is the app bundle's share (the session " +
      "lookup, the query's and DTS answer's validation with zod, the read gate, the mapping) and the garbage it leaves for the collector.",
  );
  out.push("");
  out.push(
    "How the DTS read gate was set for every measurement of this report: `DTS_READ_FRESHNESS_MS=0` (no list is reused from the cache) " +
      "and DTS_LIST/DETAIL_CALLS_PER_SECOND at 1,000,000 (no pacing), so the console makes its own DescribeDtsJobs call for each " +
      "request, like the floor route (bench/lib/server.ts `BENCH_DTS_ENV`). Identical requests in flight at the same moment are " +
      "still made once (coalescing), which is why every load asks for a page per connection" +
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

/**
 * Every cache the console keeps in a server process, and its bound (issue 26: none may grow with
 * traffic). Kept by hand beside the code it names; a new cache belongs here.
 */
export const CONSOLE_CACHES: Array<{ where: string; what: string; bound: string }> = [
  { where: "lib/dts/quota.ts `cache`", what: "DTS list and detail answers, reused for DTS_READ_FRESHNESS_MS and served stale while DTS limits", bound: "500 entries (maxCacheEntries), oldest dropped first" },
  { where: "lib/dts/quota.ts `inFlight`", what: "reads in flight, shared by identical readers (coalescing)", bound: "the reads in flight: each entry leaves when its call settles" },
  { where: "lib/dts/quota.ts `buckets`", what: "the pacing windows, one per account, action and region", bound: "accounts × 2 actions × DTS regions (zod enum): fixed by the configuration" },
  { where: "lib/dts/transport.ts `clients`", what: "one SDK client per DTS endpoint", bound: "the DTS regions' endpoints, or the one override" },
  { where: "lib/db/sqlite.ts `statements`", what: "prepared SQLite statements per SQL text", bound: "256 statements, oldest dropped first" },
  { where: "lib/auth/throttle.ts `queues`", what: "sign-in attempts waiting on one key's lock", bound: "20 waiters per key; a key leaves when its last waiter does" },
  { where: "lib/bulk/worker.ts `lastSent`", what: "when this process last sent a ResetDtsJob, per account", bound: "one number per configured account" },
  { where: "lib/domain/format.ts `FORMATTERS`", what: "Intl.DateTimeFormat per interface language", bound: "2 (en, zh-CN)" },
  { where: "lib/auth/page-guard.ts `cache()`", what: "the page's authentication, React's per-request cache", bound: "one request: dropped when the render ends" },
];

function renderCaches(): string[] {
  return [
    "What holds memory: every cache the console keeps in a server process has a bound that does not grow with traffic:",
    "",
    table(["cache", "holds", "bound"], CONSOLE_CACHES.map((c) => [c.where, c.what, c.bound])),
  ];
}

function renderPostgres(p: PostgresFigures): string[] {
  return [
    "## 7. PostgreSQL (two console instances) against SQLite (one), over HTTP",
    "",
    `${p.cluster}; SQLite: one console instance on its database file; all three instances share one simulator. History list: ` +
      `\`GET /api/resets\` (session lookup, a page of the reset history and its count), ${p.connections} keep-alive connections ` +
      `for ${p.listDurationS} s, split evenly over the instances, p50 of the merged samples. Resets: \`POST /api/jobs/{jobId}/reset\` ` +
      `on ${p.resetsPerRound} distinct resettable tasks per side and round (claim, DescribeDtsJobDetail re-read, fenced attempt, ` +
      `ResetDtsJob, finish), ${p.workers} concurrent clients split over the instances; resets per second of wall-clock time. ` +
      `${p.rounds.length} rounds alternating which dialect goes first; ratios per round, medians reported.`,
    "",
    table(
      ["round", "list p50 SQLite", "list p50 PostgreSQL", "ratio", "list/s SQLite", "list/s PostgreSQL", "resets/s SQLite", "resets/s PostgreSQL", "ratio", "reset p50 SQLite", "reset p50 PostgreSQL"],
      p.rounds.map((r, i) => [
        i + 1,
        ms(r.sqlite.listP50Ms),
        ms(r.postgres.listP50Ms),
        x(r.postgres.listP50Ms / r.sqlite.listP50Ms),
        round(r.sqlite.listPerSecond),
        round(r.postgres.listPerSecond),
        round(r.sqlite.resetsPerSecond),
        round(r.postgres.resetsPerSecond),
        x(r.postgres.resetsPerSecond / r.sqlite.resetsPerSecond),
        ms(r.sqlite.resetP50Ms),
        ms(r.postgres.resetP50Ms),
      ]),
    ),
    "",
  ];
}
