// The server's share of the first row (issue 26): next-server's CPU per render of the task list's
// HTML and of the baseline page's, fetched one at a time (as a browser's navigation asks for it)
// in alternating rounds, and the HTML's size. The list's render includes its DescribeDtsJobs (the
// page carries the first page of tasks) and both of its layouts (the table for wide screens and
// the cards for phones, one of the two hidden by CSS).
import { cpuMs } from "./server";
import { elapsedMs, median, ratio } from "./stats";
import { JOBS_PAGE } from "./targets";

export interface PageRenderSide {
  /** next-server CPU ms per render (median over rounds). */
  serverCpuMs: number;
  /** Wall-clock ms from request to the last byte (median over every request). */
  p50Ms: number;
  htmlKiB: number;
}

export interface PageRenderFigures {
  rounds: number;
  requestsPerRound: number;
  list: PageRenderSide;
  baseline: PageRenderSide;
  /** Median over rounds of list CPU / baseline CPU, same round. */
  cpuRatio: number;
}

export async function measurePageRender(input: { baseUrl: string; serverPid: number; headers: Record<string, string>; rounds: number; requests: number }): Promise<PageRenderFigures> {
  const fetchPage = async (path: string) => {
    const t0 = process.hrtime.bigint();
    const response = await fetch(`${input.baseUrl}${path}`, { headers: input.headers });
    const html = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    return { ms: elapsedMs(t0), bytes: Buffer.byteLength(html) };
  };
  const side = async (path: string) => {
    const before = cpuMs(input.serverPid);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < input.requests; i++) {
      const one = await fetchPage(path);
      times.push(one.ms);
      bytes = one.bytes;
    }
    return { cpu: (cpuMs(input.serverPid) - before) / input.requests, times, bytes };
  };
  // Unmeasured warm-up of both.
  for (let i = 0; i < 3; i++) {
    await fetchPage(JOBS_PAGE);
    await fetchPage("/bench-baseline");
  }
  const list: Array<Awaited<ReturnType<typeof side>>> = [];
  const baseline: Array<Awaited<ReturnType<typeof side>>> = [];
  for (let r = 0; r < input.rounds; r++) {
    if (r % 2 === 0) {
      list.push(await side(JOBS_PAGE));
      baseline.push(await side("/bench-baseline"));
    } else {
      baseline.push(await side("/bench-baseline"));
      list.push(await side(JOBS_PAGE));
    }
  }
  const summary = (runs: typeof list): PageRenderSide => ({
    serverCpuMs: median(runs.map((x) => x.cpu)),
    p50Ms: median(runs.flatMap((x) => x.times)),
    htmlKiB: (runs.at(-1)?.bytes ?? 0) / 1024,
  });
  return {
    rounds: input.rounds,
    requestsPerRound: input.requests,
    list: summary(list),
    baseline: summary(baseline),
    cpuRatio: median(list.map((x, i) => ratio(x.cpu, baseline[i]?.cpu ?? Number.NaN))),
  };
}
