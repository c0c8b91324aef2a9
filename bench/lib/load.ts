// Load and the memory floor (issue 26): 50 keep-alive connections for a fixed time, in rounds that
// alternate two servers of the same build, both started fresh for this and warmed up alike:
//  - the console: GET /api/jobs, signed in;
//  - the bare build: a second `next start` of the same build (its own simulator, same seed) that
//    is only ever asked for the floor route (the same signed DescribeDtsJobs, DTS's JSON as it
//    is), so it has never loaded a console route, its session store or its caches.
// "The same load" on both: the same connections, duration and request rate limit (none), and the
// same DTS work per request: connection i asks for page i + 1, so every request costs its own
// DescribeDtsJobs on both sides (the call log counts them). Per run: throughput, latency, errors,
// next-server CPU per response and its peak VmRSS (sampled every 250 ms). The ratio is taken per
// round (console peak / bare peak) and its median reported.
import type { RunningSimulator } from "../../simulator/index";
import { measuredRun, type MeasuredRun } from "./overhead";
import { rssMiB, rssPartsMiB, sleep } from "./server";
import { median, ratio } from "./stats";
import { FLOOR_PATH, LIST_PATH } from "./targets";

export interface LoadRun extends MeasuredRun {
  rssBeforeMiB: number;
  rssPeakMiB: number;
  /** The peak reading's parts: anonymous (V8 heap, malloc) and file-backed (mapped code). */
  rssPeakAnonMiB: number;
  rssPeakFileMiB: number;
  rssAfterMiB: number;
}

export interface LoadServer {
  baseUrl: string;
  serverPid: number;
  simulator: RunningSimulator;
  headers: Record<string, string>;
}

export interface LoadFigures {
  connections: number;
  durationS: number;
  /** The console's runs (GET /api/jobs). */
  runs: LoadRun[];
  /** The bare build's runs (the floor route on a server that serves nothing else). */
  bareRuns: LoadRun[];
  /** Medians over the console's runs. */
  throughput: number;
  p50: number;
  p99: number;
  /** Summed over the console's runs. */
  errors: number;
  non2xx: number;
  totalResponses: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  /** Highest reading of the console's next-server over all its runs. */
  rssPeakMiB: number;
  /** Highest reading of the bare build's next-server over all its runs. */
  bareRssPeakMiB: number;
  /** Median over rounds of console peak / bare peak, same round: the goal's figure. */
  rssRatio: number;
  /** next-server CPU ms per response over the console's runs (median). */
  serverCpuMsPerRequest: number;
  bareServerCpuMsPerRequest: number;
  dtsCallsPerRequest: number;
  bareDtsCallsPerRequest: number;
  /** The bare build's errors (non-2xx + socket), summed. */
  bareErrors: number;
}

export interface LoadInput {
  console: LoadServer;
  bare: LoadServer;
  connections: number;
  durationS: number;
  runs: number;
}

async function runWithRss(server: LoadServer, path: string, connections: number, durationS: number): Promise<LoadRun> {
  const rssBeforeMiB = rssMiB(server.serverPid);
  let rssPeakMiB = rssBeforeMiB;
  let parts = rssPartsMiB(server.serverPid);
  const sample = () => {
    const now = rssMiB(server.serverPid);
    if (now > rssPeakMiB) {
      rssPeakMiB = now;
      parts = rssPartsMiB(server.serverPid);
    }
  };
  const sampler = setInterval(sample, 250);
  try {
    const run = await measuredRun(server, path, { connections, durationS });
    sample();
    const rssAfterMiB = rssMiB(server.serverPid);
    return { ...run, rssBeforeMiB, rssAfterMiB, rssPeakMiB, rssPeakAnonMiB: parts.anon, rssPeakFileMiB: parts.file };
  } finally {
    clearInterval(sampler);
  }
}

export async function measureLoad(input: LoadInput): Promise<LoadFigures> {
  const { connections, durationS } = input;
  // The same unmeasured warm-up of both (JIT, the route modules, keep-alive sockets).
  await measuredRun(input.console, LIST_PATH, { connections: 16, amount: 400 });
  await measuredRun(input.bare, FLOOR_PATH, { connections: 16, amount: 400 });
  const runs: LoadRun[] = [];
  const bareRuns: LoadRun[] = [];
  for (let i = 0; i < input.runs; i++) {
    const consoleFirst = i % 2 === 0;
    const order = consoleFirst ? (["console", "bare"] as const) : (["bare", "console"] as const);
    for (const which of order) {
      const run = which === "console"
        ? await runWithRss(input.console, LIST_PATH, connections, durationS)
        : await runWithRss(input.bare, FLOOR_PATH, connections, durationS);
      (which === "console" ? runs : bareRuns).push(run);
      console.log(
        `  round ${i + 1}/${input.runs} ${which.padEnd(7)}: ${run.throughput.toFixed(0)} req/s, p99 ${run.p99.toFixed(1)} ms, ${run.non2xx + run.errors} errors, ` +
          `CPU/request ${run.serverCpuMsPerRequest.toFixed(2)} ms, DTS calls/request ${run.dtsCallsPerRequest.toFixed(2)}, RSS peak ${run.rssPeakMiB.toFixed(0)} MiB`,
      );
      // Let the server settle (sockets close, GC) so runs are comparable.
      await sleep(1_000);
    }
  }
  const sum = (list: LoadRun[], pick: (r: LoadRun) => number) => list.reduce((n, r) => n + pick(r), 0);
  return {
    connections,
    durationS,
    runs,
    bareRuns,
    throughput: median(runs.map((r) => r.throughput)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: sum(runs, (r) => r.errors),
    non2xx: sum(runs, (r) => r.non2xx),
    totalResponses: sum(runs, (r) => r.ok + r.non2xx),
    rssBeforeMiB: runs[0]?.rssBeforeMiB ?? Number.NaN,
    rssAfterMiB: runs.at(-1)?.rssAfterMiB ?? Number.NaN,
    rssPeakMiB: Math.max(...runs.map((r) => r.rssPeakMiB)),
    bareRssPeakMiB: Math.max(...bareRuns.map((r) => r.rssPeakMiB)),
    rssRatio: median(runs.map((r, i) => ratio(r.rssPeakMiB, bareRuns[i]?.rssPeakMiB ?? Number.NaN))),
    serverCpuMsPerRequest: median(runs.map((r) => r.serverCpuMsPerRequest)),
    bareServerCpuMsPerRequest: median(bareRuns.map((r) => r.serverCpuMsPerRequest)),
    dtsCallsPerRequest: median(runs.map((r) => r.dtsCallsPerRequest)),
    bareDtsCallsPerRequest: median(bareRuns.map((r) => r.dtsCallsPerRequest)),
    bareErrors: sum(bareRuns, (r) => r.errors + r.non2xx),
  };
}
