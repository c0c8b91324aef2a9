// Load: 50 concurrent keep-alive connections on the task list's API for a fixed time, repeated;
// throughput, p99, errors (non-2xx + socket errors + timeouts; the goal is none) and the
// next-server process's resident memory before the first run and after the last.
import { runAutocannon, type LatencyRun } from "./http-measure";
import { cpuMs, rssMiB, sleep } from "./server";
import { median } from "./stats";
import { LIST_PATH } from "./targets";

export interface LoadRun extends LatencyRun {
  /** next-server CPU ms per response in this run. */
  serverCpuMsPerRequest: number;
  /** This process's CPU ms per response (the in-process simulator and the load generator). */
  benchCpuMsPerRequest: number;
  rssAfterMiB: number;
}

export interface LoadFigures {
  connections: number;
  durationS: number;
  runs: LoadRun[];
  /** Medians over runs. */
  throughput: number;
  p50: number;
  p99: number;
  /** Summed over all runs. */
  errors: number;
  non2xx: number;
  totalResponses: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  /** Highest reading taken once a second during the runs. */
  rssPeakMiB: number;
  /** next-server CPU ms per response over all runs (all its threads). */
  serverCpuMsPerRequest: number;
}

export interface LoadInput {
  baseUrl: string;
  serverPid: number;
  headers: Record<string, string>;
  connections: number;
  durationS: number;
  runs: number;
}

export async function measureLoad(input: LoadInput): Promise<LoadFigures> {
  const rssBeforeMiB = rssMiB(input.serverPid);
  const cpuBefore = cpuMs(input.serverPid);
  let rssPeakMiB = rssBeforeMiB;
  const sampler = setInterval(() => {
    const now = rssMiB(input.serverPid);
    if (now > rssPeakMiB) rssPeakMiB = now;
  }, 1_000);
  const runs: LoadRun[] = [];
  try {
    for (let i = 0; i < input.runs; i++) {
      // Per-run CPU shows which side a change between runs comes from: the console or the simulator.
      const serverCpu = cpuMs(input.serverPid);
      const benchCpu = process.cpuUsage();
      const result = await runAutocannon({
        url: `${input.baseUrl}${LIST_PATH}`,
        connections: input.connections,
        durationS: input.durationS,
        headers: input.headers,
      });
      const responses = Math.max(1, result.ok + result.non2xx);
      const bench = process.cpuUsage(benchCpu);
      const run: LoadRun = {
        ...result,
        serverCpuMsPerRequest: (cpuMs(input.serverPid) - serverCpu) / responses,
        benchCpuMsPerRequest: (bench.user + bench.system) / 1000 / responses,
        rssAfterMiB: rssMiB(input.serverPid),
      };
      runs.push(run);
      console.log(
        `  run ${i + 1}/${input.runs}: ${run.throughput.toFixed(0)} req/s, p99 ${run.p99.toFixed(1)} ms, ${run.non2xx + run.errors} errors, ` +
          `CPU/request next-server ${run.serverCpuMsPerRequest.toFixed(2)} ms, bench ${run.benchCpuMsPerRequest.toFixed(2)} ms`,
      );
      // Let the server settle between runs (sockets close, GC) so runs are comparable.
      if (i < input.runs - 1) await sleep(2_000);
    }
  } finally {
    clearInterval(sampler);
  }
  const rssAfterMiB = rssMiB(input.serverPid);
  const totalResponses = runs.reduce((n, r) => n + r.ok + r.non2xx, 0);
  return {
    connections: input.connections,
    durationS: input.durationS,
    runs,
    throughput: median(runs.map((r) => r.throughput)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    totalResponses,
    rssBeforeMiB,
    rssAfterMiB,
    rssPeakMiB: Math.max(rssPeakMiB, rssAfterMiB),
    serverCpuMsPerRequest: (cpuMs(input.serverPid) - cpuBefore) / Math.max(1, totalResponses),
  };
}
