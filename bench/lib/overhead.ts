// Server overhead against the floor (issue 26): GET /api/jobs through the console against the
// floor route of the same build, on the same next-server (app/api/jobs/bench-floor/route.bench.ts:
// the same signed DescribeDtsJobs through the same SDK client, DTS's JSON answered unchanged, no
// session, no validation, no quota gate, no mapping). What the console costs above the floor is
// its own: the session lookup, validation, the read gate, the mapping, its headers.
//
// Both sides: autocannon over keep-alive connections, a fixed number of requests, connection i on
// page i + 1 (no two identical requests in flight: each costs its own DTS call on both sides; the
// simulator's call log counts them). Rounds alternate which side goes first; every figure is the
// median over rounds, and each ratio or difference is taken within one round.
//
// CPU: next-server's own CPU time (/proc, user + system, all threads) per response. It moves less
// than latency with other load on a shared machine (no queueing in it), and both sides are the same
// process, so contention hits them alike, round by round.
import type { RunningSimulator } from "../../simulator/index";
import { runAutocannon, type LatencyRun } from "./http-measure";
import { cpuMs } from "./server";
import { median, ratio } from "./stats";
import { FLOOR_PATH, LIST_PATH, pageForConnection } from "./targets";

export interface MeasuredRun extends LatencyRun {
  /** next-server CPU ms per response. */
  serverCpuMsPerRequest: number;
  /** DescribeDtsJobs calls the simulator received per response (1 when nothing was shared). */
  dtsCallsPerRequest: number;
}

export interface OverheadRound {
  console: MeasuredRun;
  floor: MeasuredRun;
}

export interface OverheadLevel {
  concurrency: number;
  requestsPerRound: number;
  rounds: OverheadRound[];
  consoleP50: number;
  consoleP99: number;
  floorP50: number;
  floorP99: number;
  /** Median over rounds of (console p50 − floor p50), same round. */
  addedP50Ms: number;
  addedP99Ms: number;
  /** Medians over rounds: next-server CPU ms per response, each side. */
  consoleCpuMsPerRequest: number;
  floorCpuMsPerRequest: number;
  /** Median over rounds of console CPU / floor CPU per response, same round: the goal's figure. */
  cpuRatio: number;
  consoleDtsCallsPerRequest: number;
  floorDtsCallsPerRequest: number;
  errors: number;
}

export interface OverheadInput {
  baseUrl: string;
  serverPid: number;
  simulator: RunningSimulator;
  headers: Record<string, string>;
  rounds: number;
  /** Requests per side and round at each concurrency. */
  levels: Array<{ concurrency: number; requests: number }>;
}

/** One autocannon run on `path` (connection i on page i + 1), with next-server's CPU and the DTS calls it cost. */
export async function measuredRun(
  input: Pick<OverheadInput, "baseUrl" | "serverPid" | "simulator" | "headers">,
  path: string,
  run: { connections: number; amount?: number; durationS?: number },
): Promise<MeasuredRun> {
  input.simulator.control.clearCalls();
  const before = cpuMs(input.serverPid);
  const result = await runAutocannon({
    url: `${input.baseUrl}${path}`,
    pathForConnection: pageForConnection(path),
    headers: input.headers,
    connections: run.connections,
    ...(run.amount ? { amount: run.amount } : { durationS: run.durationS }),
  });
  const serverCpu = cpuMs(input.serverPid) - before;
  const responses = Math.max(1, result.ok + result.non2xx);
  const calls = input.simulator.control.calls({ action: "DescribeDtsJobs" }).length;
  input.simulator.control.clearCalls();
  return { ...result, serverCpuMsPerRequest: serverCpu / responses, dtsCallsPerRequest: calls / responses };
}

export async function measureOverhead(input: OverheadInput): Promise<OverheadLevel[]> {
  const side = (path: string) => (concurrency: number, requests: number) => measuredRun(input, path, { connections: concurrency, amount: requests });
  const consoleRun = side(LIST_PATH);
  const floorRun = side(FLOOR_PATH);

  // Warm-up (unmeasured): JIT, Next's lazily loaded route modules, keep-alive sockets.
  await consoleRun(16, 400);
  await floorRun(16, 400);

  const levels: OverheadLevel[] = [];
  for (const { concurrency, requests } of input.levels) {
    const rounds: OverheadRound[] = [];
    for (let r = 0; r < input.rounds; r++) {
      const consoleFirst = r % 2 === 0;
      const first = await (consoleFirst ? consoleRun : floorRun)(concurrency, requests);
      const second = await (consoleFirst ? floorRun : consoleRun)(concurrency, requests);
      const round = consoleFirst ? { console: first, floor: second } : { console: second, floor: first };
      rounds.push(round);
      console.log(
        `  c=${concurrency} round ${r + 1}/${input.rounds}: p50 console ${round.console.p50.toFixed(2)} ms, floor ${round.floor.p50.toFixed(2)} ms; ` +
          `next-server CPU/request console ${round.console.serverCpuMsPerRequest.toFixed(2)} ms, floor ${round.floor.serverCpuMsPerRequest.toFixed(2)} ms ` +
          `(${ratio(round.console.serverCpuMsPerRequest, round.floor.serverCpuMsPerRequest).toFixed(2)}×)`,
      );
    }
    const of = (pick: (round: OverheadRound) => number) => median(rounds.map(pick));
    levels.push({
      concurrency,
      requestsPerRound: requests,
      rounds,
      consoleP50: of((x) => x.console.p50),
      consoleP99: of((x) => x.console.p99),
      floorP50: of((x) => x.floor.p50),
      floorP99: of((x) => x.floor.p99),
      addedP50Ms: of((x) => x.console.p50 - x.floor.p50),
      addedP99Ms: of((x) => x.console.p99 - x.floor.p99),
      consoleCpuMsPerRequest: of((x) => x.console.serverCpuMsPerRequest),
      floorCpuMsPerRequest: of((x) => x.floor.serverCpuMsPerRequest),
      cpuRatio: of((x) => ratio(x.console.serverCpuMsPerRequest, x.floor.serverCpuMsPerRequest)),
      consoleDtsCallsPerRequest: of((x) => x.console.dtsCallsPerRequest),
      floorDtsCallsPerRequest: of((x) => x.floor.dtsCallsPerRequest),
      errors: rounds.reduce((n, x) => n + x.console.errors + x.console.non2xx + x.floor.errors + x.floor.non2xx, 0),
    });
  }
  return levels;
}
