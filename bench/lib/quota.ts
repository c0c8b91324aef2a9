// 50 readers against the enforced limit: 50 concurrent readers loop on the task list's API for a
// fixed time, over a few distinct pages and regions (so not everything is one cached answer) and
// many identical ones, while the simulator enforces DTS's documented limits (DescribeDtsJobs 20
// calls/s per account and region: https://www.alibabacloud.com/help/en/dts/developer-reference/api-describedtsjobs).
// Reported: answers, errors (goal 0), DescribeDtsJobs calls per second per region from the
// simulator's call log (goal: at or under the limit in every one-second window), throttled calls
// (goal 0), and how old the data served was (`freshness.asOf`).
import type { RunningSimulator } from "../../simulator/index";
import { median, round } from "./stats";

/** Distinct lists the readers ask for; reader i asks for LIST_PATHS[i % length], over and over. */
export const QUOTA_PATHS = [
  "/api/jobs?region=cn-hangzhou&type=sync&pageSize=20",
  "/api/jobs?region=cn-hangzhou&type=sync&pageSize=20&page=2",
  "/api/jobs?region=cn-hangzhou&type=subscribe&pageSize=20",
  "/api/jobs?region=cn-shanghai&type=sync&pageSize=20",
  "/api/jobs?region=ap-southeast-1&type=sync&pageSize=10",
] as const;

export interface QuotaFigures {
  connections: number;
  durationS: number;
  paths: readonly string[];
  /** The simulator's DescribeDtsJobs limit during the run (calls/s per account and region). */
  limitPerSecond: number;
  answers: number;
  /** Non-2xx answers plus requests that failed outright. */
  errors: number;
  /** Answers served from the cache because DTS was limiting (`freshness.limited`). */
  limitedAnswers: number;
  /** DescribeDtsJobs calls the simulator received, per region: mean per second, and the most in any 1-s window. */
  dtsCalls: Array<{ region: string; calls: number; perSecondMean: number; perSecondMax: number }>;
  /** Calls (any action) the simulator answered with a throttling error. */
  throttled: number;
  /** Age of the data served (answer received − freshness.asOf), ms. */
  ageMedianMs: number;
  ageMaxMs: number;
}

export interface QuotaInput {
  baseUrl: string;
  simulator: RunningSimulator;
  headers: Record<string, string>;
  connections: number;
  durationS: number;
}

/** The most timestamps (ms, sorted) that fall in any window of `windowMs`. */
function busiestWindow(times: readonly number[], windowMs = 1_000): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

export async function measureQuota(input: QuotaInput): Promise<QuotaFigures> {
  const { simulator } = input;
  // The documented limits, on (the simulator's default; set again in case a measurement before
  // switched them off for its direct bursts).
  const config = simulator.control.updateConfig({ rateLimit: true });
  simulator.control.clearCalls();

  const started = Date.now();
  const deadline = started + input.durationS * 1_000;
  let answers = 0;
  let errors = 0;
  let limitedAnswers = 0;
  const ages: number[] = [];

  async function reader(index: number): Promise<void> {
    const url = `${input.baseUrl}${QUOTA_PATHS[index % QUOTA_PATHS.length]}`;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(url, { headers: input.headers });
        const body = (await response.json().catch(() => null)) as { freshness?: { asOf?: string; limited?: boolean } } | null;
        const received = Date.now();
        if (!response.ok) {
          errors++;
          continue;
        }
        answers++;
        if (body?.freshness?.limited) limitedAnswers++;
        const asOf = Date.parse(body?.freshness?.asOf ?? "");
        if (Number.isFinite(asOf)) ages.push(Math.max(0, received - asOf));
      } catch {
        errors++;
      }
    }
  }
  await Promise.all(Array.from({ length: input.connections }, (_, i) => reader(i)));
  const elapsedS = (Date.now() - started) / 1_000;

  const calls = simulator.control.calls();
  const byRegion = new Map<string, number[]>();
  for (const call of calls) {
    if (call.action !== "DescribeDtsJobs") continue;
    const region = call.params.Region ?? call.params.RegionId ?? "";
    const times = byRegion.get(region) ?? [];
    times.push(Date.parse(call.at));
    byRegion.set(region, times);
  }
  const dtsCalls = [...byRegion.entries()]
    .map(([region, times]) => {
      times.sort((a, b) => a - b);
      return { region, calls: times.length, perSecondMean: times.length / elapsedS, perSecondMax: busiestWindow(times) };
    })
    .sort((a, b) => a.region.localeCompare(b.region));

  return {
    connections: input.connections,
    durationS: input.durationS,
    paths: QUOTA_PATHS,
    limitPerSecond: config.rateLimit.callsPerSecond,
    answers,
    errors,
    limitedAnswers,
    dtsCalls,
    throttled: calls.filter((c) => c.code !== null && /Throttling/.test(c.code)).length,
    ageMedianMs: ages.length ? median(ages) : Number.NaN,
    ageMaxMs: ages.length ? Math.max(...ages) : Number.NaN,
  };
}

export interface QuotaGoal {
  name: string;
  goal: string;
  value: string;
  met: boolean;
}

export function quotaGoals(q: QuotaFigures): QuotaGoal[] {
  const busiest = Math.max(0, ...q.dtsCalls.map((c) => c.perSecondMax));
  return [
    { name: `errors, ${q.connections} readers against the enforced limit`, goal: "0", value: String(q.errors), met: q.errors === 0 },
    {
      name: "DescribeDtsJobs calls per region, busiest second",
      goal: `≤ ${q.limitPerSecond}/s`,
      value: `${busiest}/s`,
      met: busiest <= q.limitPerSecond,
    },
    { name: "calls throttled by DTS", goal: "0", value: String(q.throttled), met: q.throttled === 0 },
  ];
}

export function renderQuota(q: QuotaFigures): string[] {
  const out: string[] = [];
  out.push(`## 50 readers against the enforced limit: ${q.connections} readers × ${q.durationS} s`);
  out.push("");
  out.push(
    `${q.connections} concurrent readers loop on \`GET /api/jobs\`, reader i on path i mod ${q.paths.length} (${q.paths
      .map((p) => `\`${p.replace("/api/jobs?", "")}\``)
      .join(", ")}), while the simulator enforces DescribeDtsJobs ${q.limitPerSecond} calls/s per account and region ` +
      "(and DescribeDtsJobDetail 40). DTS calls are counted from the simulator's call log; the age is the time from " +
      "`freshness.asOf` (when DTS produced the list) to the answer's arrival.",
  );
  out.push("");
  out.push(
    [
      "| answers | errors | answers marked \"DTS is limiting requests\" | throttled calls | age of data, median | age, max |",
      "|---|---|---|---|---|---|",
      `| ${q.answers} | ${q.errors} | ${q.limitedAnswers} | ${q.throttled} | ${round(q.ageMedianMs)} ms | ${round(q.ageMaxMs)} ms |`,
    ].join("\n"),
  );
  out.push("");
  out.push(
    [
      "| region | DescribeDtsJobs calls | per second, mean | per second, busiest 1-s window |",
      "|---|---|---|---|",
      ...q.dtsCalls.map((c) => `| ${c.region} | ${c.calls} | ${round(c.perSecondMean)} | ${c.perSecondMax} |`),
    ].join("\n"),
  );
  out.push("");
  return out;
}
