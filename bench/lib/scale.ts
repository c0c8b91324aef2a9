// Scale: the simulator holds 10,000 extra tasks in one region. For page 1, page 200 and a search by
// name, time the console's GET /api/jobs against the same DescribeDtsJobs call made directly, and
// check through the simulator's call log that every console request cost exactly ONE
// DescribeDtsJobs call for exactly the page shown (the console must never walk the pages).
import type { RunningSimulator } from "../../simulator/index";
import { listQuery, type DirectCaller } from "./dts-direct";
import { timedGet } from "./http-measure";
import { elapsedMs, median, ratio } from "./stats";
import { PAGE_SIZE, REGION } from "./targets";

export interface ScaleCase {
  name: string;
  /** The console request (path and query). */
  path: string;
  consoleMs: number;
  directMs: number;
  ratio: number;
  /** DescribeDtsJobs calls per console request, one entry per request (all must be 1). */
  callsPerRequest: number[];
  /** PageNumber each of those calls asked for (must be the page shown). */
  pagesRequested: string[];
  total: number | null;
}

export interface ScaleFigures {
  seededTasks: number;
  region: string;
  repetitions: number;
  cases: ScaleCase[];
  /** The invariant: every console request → exactly one DescribeDtsJobs call, for its own page. */
  oneCallPerRequest: boolean;
}

interface ListBody {
  items?: Array<{ name: string }>;
  total?: number;
}

export interface ScaleInput {
  baseUrl: string;
  simulator: RunningSimulator;
  direct: DirectCaller;
  headers: Record<string, string>;
  scale: number;
  repetitions: number;
}

export async function measureScale(input: ScaleInput): Promise<ScaleFigures> {
  const { simulator, direct } = input;
  const seedStarted = process.hrtime.bigint();
  // Direct calls back to back burst past DTS's rate limit on purpose: it is off for this measurement.
  simulator.control.reset({ seed: { scale: input.scale, scaleRegion: REGION }, rateLimit: false });
  console.log(`  seeded ${input.scale} tasks in ${REGION} in ${Math.round(elapsedMs(seedStarted))} ms`);

  const listPath = (page: number, q?: string) =>
    `/api/jobs?region=${REGION}&type=sync&pageSize=${PAGE_SIZE}&page=${page}${q ? `&q=${encodeURIComponent(q)}` : ""}`;

  // A real task name from deep in the list, so the search has exactly the cost of a real one.
  const page200 = await timedGet(`${input.baseUrl}${listPath(200)}`, input.headers);
  const searchName = (page200.body as ListBody | null)?.items?.[0]?.name;
  if (page200.status !== 200 || !searchName) throw new Error(`page 200 answered ${page200.status}: cannot pick a name to search`);

  const cases = [
    { name: "page 1", page: 1, q: undefined },
    { name: "page 200", page: 200, q: undefined },
    { name: `search by name ("${searchName}")`, page: 1, q: searchName },
  ];

  const results: ScaleCase[] = [];
  for (const c of cases) {
    const path = listPath(c.page, c.q);
    const query = listQuery({ region: REGION, page: c.page, pageSize: PAGE_SIZE, name: c.q });
    // Unmeasured warm-up of both sides.
    await timedGet(`${input.baseUrl}${path}`, input.headers);
    await direct(query);
    const consoleMs: number[] = [];
    const directMs: number[] = [];
    const callsPerRequest: number[] = [];
    const pagesRequested: string[] = [];
    let total: number | null = null;
    for (let i = 0; i < input.repetitions; i++) {
      simulator.control.clearCalls();
      const answer = await timedGet(`${input.baseUrl}${path}`, input.headers);
      if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`);
      const calls = simulator.control.calls({ action: "DescribeDtsJobs" });
      callsPerRequest.push(calls.length);
      pagesRequested.push(...calls.map((call) => call.params.PageNumber ?? "?"));
      consoleMs.push(answer.ms);
      total = (answer.body as ListBody).total ?? null;

      const t0 = process.hrtime.bigint();
      const reply = await direct(query);
      directMs.push(elapsedMs(t0));
      if (reply.httpStatus !== 200) throw new Error(`direct DescribeDtsJobs answered ${reply.httpStatus}`);
    }
    const consoleMedian = median(consoleMs);
    const directMedian = median(directMs);
    results.push({
      name: c.name,
      path,
      consoleMs: consoleMedian,
      directMs: directMedian,
      ratio: ratio(consoleMedian, directMedian),
      callsPerRequest,
      pagesRequested,
      total,
    });
  }
  const oneCallPerRequest = results.every(
    (r, i) => r.callsPerRequest.every((n) => n === 1) && r.pagesRequested.every((p) => p === String(cases[i]?.page)),
  );
  return { seededTasks: input.scale, region: REGION, repetitions: input.repetitions, cases: results, oneCallPerRequest };
}
