// HTTP latency and throughput measurement. Two generators with one result shape:
//  - autocannon against the console (plain GETs, optional session header);
//  - a loop of signed SDK calls against the simulator (each request needs its own signature and
//    nonce, so it cannot be replayed by a load generator).
// Both keep every latency sample (autocannon's own histogram rounds to whole milliseconds), and
// percentiles are taken on the raw samples.
import autocannon from "autocannon";
import type { DirectCaller } from "./dts-direct";
import { elapsedMs, percentile } from "./stats";

export interface LatencyRun {
  /** Successful (2xx) responses; latencies are theirs. */
  ok: number;
  /** Non-2xx answers. */
  non2xx: number;
  /** Socket errors and timeouts. */
  errors: number;
  p50: number;
  p99: number;
  /** Completed responses per second of wall-clock time. */
  throughput: number;
  durationS: number;
  statusCodes: Record<string, number>;
}

function summarize(latencies: number[], non2xx: number, errors: number, wallMs: number, statusCodes: Record<string, number>): LatencyRun {
  return {
    ok: latencies.length,
    non2xx,
    errors,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    throughput: ((latencies.length + non2xx) / wallMs) * 1000,
    durationS: wallMs / 1000,
    statusCodes,
  };
}

export interface AutocannonInput {
  url: string;
  connections: number;
  /** Either a fixed number of requests (latency runs) or a duration in seconds (load runs). */
  amount?: number;
  durationS?: number;
  headers?: Record<string, string>;
  /** Stops a fixed-amount run after this long whatever is left (default 90 s): runs stay bounded. */
  timeLimitS?: number;
  /**
   * The path (and query) connection i asks for, over and over, instead of `url`'s: distinct pages
   * per connection keep identical requests from being in flight at once (the console's read gate
   * would make those one DTS call, a bare handler would not).
   */
  pathForConnection?: (connection: number) => string;
  /** Receives every 2xx latency too (to merge the samples of runs made side by side). */
  samples?: number[];
}

export function runAutocannon(input: AutocannonInput): Promise<LatencyRun> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let non2xx = 0;
  let errors = 0;
  let first = 0n;
  let last = 0n;
  let connection = 0;
  const perConnection = input.pathForConnection;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: input.url,
        connections: input.connections,
        ...(input.amount ? { amount: input.amount } : { duration: input.durationS ?? 10 }),
        headers: input.headers ?? {},
        timeout: 10,
        // The result arrives on the next sample tick: keep that short so runs don't idle.
        sampleInt: 100,
        ...(perConnection
          ? { setupClient: (client) => client.setRequests([{ method: "GET", path: perConnection(connection++), headers: input.headers ?? {} }]) }
          : {}),
      },
      (error, result) => {
        clearTimeout(limit);
        if (error) return reject(error);
        // autocannon's own counters include timeouts in `errors`; ours come from the same events.
        errors = Math.max(errors, result.errors);
        const wall = first && last ? Number(last - first) / 1e6 : result.duration * 1000;
        resolve(summarize(latencies, non2xx, errors, wall, statusCodes));
      },
    );
    const limit = setTimeout(() => instance.stop(), (input.timeLimitS ?? 90) * 1000);
    instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      const now = process.hrtime.bigint();
      if (!first) first = now - BigInt(Math.round(responseTime * 1e6));
      last = now;
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) {
        latencies.push(responseTime);
        input.samples?.push(responseTime);
      }
      else non2xx += 1;
    });
    instance.on("reqError", () => {
      errors += 1;
    });
  });
}

export interface DirectLoopInput {
  call: DirectCaller;
  query: Record<string, string>;
  concurrency: number;
  count: number;
  /** Stop early after this long, whatever the count (keeps a slow machine's run bounded). */
  timeLimitMs: number;
}

/** `concurrency` workers issue signed calls back to back until `count` calls or the time limit. */
export async function runDirectLoop(input: DirectLoopInput): Promise<LatencyRun> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let non2xx = 0;
  let errors = 0;
  let issued = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (issued < input.count && elapsedMs(started) < input.timeLimitMs) {
      issued += 1;
      const t0 = process.hrtime.bigint();
      try {
        const answer = await input.call(input.query);
        const ms = elapsedMs(t0);
        statusCodes[answer.httpStatus] = (statusCodes[answer.httpStatus] ?? 0) + 1;
        if (answer.httpStatus >= 200 && answer.httpStatus < 300 && answer.body.Success !== false) latencies.push(ms);
        else non2xx += 1;
      } catch (error) {
        // The SDK throws for HTTP >= 400: count it as a non-2xx answer when it has a status.
        const status = (error as { statusCode?: number }).statusCode;
        if (status) {
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          non2xx += 1;
        } else errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, worker));
  return summarize(latencies, non2xx, errors, elapsedMs(started), statusCodes);
}

/** One timed GET (scale measurements, where each request is checked individually). */
export async function timedGet(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; status: number; body: unknown }> {
  const t0 = process.hrtime.bigint();
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  const body: unknown = await response.json().catch(() => null);
  return { ms: elapsedMs(t0), status: response.status, body };
}
