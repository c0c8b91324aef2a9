// Server overhead: GET /api/jobs through the console against the same signed DescribeDtsJobs made
// directly to the simulator with the same SDK and parameters the console's server uses. The
// difference is what the console adds on top of the DTS call: Next's routing, the session check,
// validation, the response's parsing and mapping, JSON, and its own HTTP hop.
//
// Console side: autocannon (keep-alive connections, a fixed number of requests).
// Direct side: `concurrency` loops of SDK calls (each signed, fresh nonce), a fixed count.
// Rounds alternate which side goes first, and each figure is the median over rounds.
//
// Latency on a shared 2-core machine moves with everyone else's load, so CPU time per request is
// recorded too: the console path's (next-server + this process) minus the direct path's (this
// process) is the console's cost in CPU, which has no queueing in it (heavy contention still
// inflates it somewhat: shared caches and cores).
import { listQuery, type DirectCaller } from "./dts-direct";
import { runAutocannon, runDirectLoop, type LatencyRun } from "./http-measure";
import { cpuMs } from "./server";
import { median, ratio } from "./stats";
import { LIST_PATH, PAGE_SIZE, REGION } from "./targets";

export interface MeasuredRun extends LatencyRun {
  /** CPU ms per request, all processes of the path: next-server (console side only) + this process. */
  cpuMsPerRequest: number;
  /** next-server's share of it (0 on the direct side). */
  serverCpuMsPerRequest: number;
}

export interface OverheadRound {
  console: MeasuredRun;
  direct: MeasuredRun;
}

export interface OverheadLevel {
  concurrency: number;
  requestsPerRound: number;
  rounds: OverheadRound[];
  consoleP50: number;
  consoleP99: number;
  directP50: number;
  directP99: number;
  /** Median over rounds of (console p50 − direct p50), same round. */
  overheadP50Ms: number;
  overheadP99Ms: number;
  /** Median over rounds of console p50 / direct p50, same round. */
  ratioP50: number;
  ratioP99: number;
  /** Median over rounds: next-server CPU ms per request (its own work plus its SDK call's client side). */
  serverCpuMsPerRequest: number;
  /** Median over rounds of (console path CPU − direct path CPU) per request. */
  cpuOverheadMsPerRequest: number;
  errors: number;
}

export interface OverheadInput {
  baseUrl: string;
  serverPid: number;
  direct: DirectCaller;
  headers: Record<string, string>;
  rounds: number;
  /** Requests per side and round at each concurrency. */
  levels: Array<{ concurrency: number; requests: number }>;
}

/** Runs `measure`, adding the CPU time this process and (if given) next-server spent on it. */
async function withCpu(serverPid: number | null, measure: () => Promise<LatencyRun>): Promise<MeasuredRun> {
  const ownBefore = process.cpuUsage();
  const serverBefore = serverPid === null ? 0 : cpuMs(serverPid);
  const run = await measure();
  const own = process.cpuUsage(ownBefore);
  const responses = Math.max(1, run.ok + run.non2xx);
  const serverCpu = serverPid === null ? 0 : cpuMs(serverPid) - serverBefore;
  const ownCpu = (own.user + own.system) / 1000;
  return { ...run, cpuMsPerRequest: (serverCpu + ownCpu) / responses, serverCpuMsPerRequest: serverCpu / responses };
}

export async function measureOverhead(input: OverheadInput): Promise<OverheadLevel[]> {
  const url = `${input.baseUrl}${LIST_PATH}`;
  const query = listQuery({ region: REGION, page: 1, pageSize: PAGE_SIZE });
  const consoleRun = (concurrency: number, requests: number) =>
    withCpu(input.serverPid, () => runAutocannon({ url, connections: concurrency, amount: requests, headers: input.headers }));
  const directRun = (concurrency: number, requests: number) =>
    withCpu(null, () => runDirectLoop({ call: input.direct, query, concurrency, count: requests, timeLimitMs: 60_000 }));

  // Warm-up (unmeasured): JIT, Next's lazily loaded route module, keep-alive sockets.
  await consoleRun(16, 300);
  await directRun(16, 300);

  const levels: OverheadLevel[] = [];
  for (const { concurrency, requests } of input.levels) {
    const rounds: OverheadRound[] = [];
    for (let r = 0; r < input.rounds; r++) {
      const consoleFirst = r % 2 === 0;
      const first = await (consoleFirst ? consoleRun : directRun)(concurrency, requests);
      const second = await (consoleFirst ? directRun : consoleRun)(concurrency, requests);
      const round = consoleFirst ? { console: first, direct: second } : { console: second, direct: first };
      rounds.push(round);
      console.log(
        `  c=${concurrency} round ${r + 1}/${input.rounds}: console p50 ${round.console.p50.toFixed(2)} ms, ` +
          `direct p50 ${round.direct.p50.toFixed(2)} ms; CPU/request ${round.console.cpuMsPerRequest.toFixed(2)} vs ` +
          `${round.direct.cpuMsPerRequest.toFixed(2)} ms`,
      );
    }
    const of = (pick: (round: OverheadRound) => number) => median(rounds.map(pick));
    levels.push({
      concurrency,
      requestsPerRound: requests,
      rounds,
      consoleP50: of((x) => x.console.p50),
      consoleP99: of((x) => x.console.p99),
      directP50: of((x) => x.direct.p50),
      directP99: of((x) => x.direct.p99),
      overheadP50Ms: of((x) => x.console.p50 - x.direct.p50),
      overheadP99Ms: of((x) => x.console.p99 - x.direct.p99),
      ratioP50: of((x) => ratio(x.console.p50, x.direct.p50)),
      ratioP99: of((x) => ratio(x.console.p99, x.direct.p99)),
      serverCpuMsPerRequest: of((x) => x.console.serverCpuMsPerRequest),
      cpuOverheadMsPerRequest: of((x) => x.console.cpuMsPerRequest - x.direct.cpuMsPerRequest),
      errors: rounds.reduce((n, x) => n + x.console.errors + x.console.non2xx + x.direct.errors + x.direct.non2xx, 0),
    });
  }
  return levels;
}
