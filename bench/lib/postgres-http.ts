// PostgreSQL against SQLite over HTTP (issue 26): the console as deployed on each, measured side
// by side in the same run. SQLite: one console instance (its single database file). PostgreSQL:
// two console instances on one database of a throwaway cluster started as the tests start it
// (scripts/pg-test-cluster.sh), the load split evenly over both. All three share one simulator.
//
// list: GET /api/resets (session lookup, one page of the reset history and its count: the list
//       that reads the database), `connections` keep-alive connections for a fixed time;
//       p50 from the merged raw samples.
// reset: POST /api/jobs/{jobId}/reset on resettable tasks, each task reset once (the guarded
//       path: claim, DescribeDtsJobDetail re-read, fenced attempt, ResetDtsJob, finish), from
//       `workers` concurrent clients; resets per second of wall-clock time.
// Rounds alternate which dialect goes first; the ratios are per round, their median reported.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { resetBlockedReason } from "../../lib/domain/status";
import type { RunningSimulator } from "../../simulator/index";
import { runAutocannon } from "./http-measure";
import { startStack, type Stack } from "./server";
import { establishSession, type Session } from "./session";
import { elapsedMs, median, percentile, ratio } from "./stats";
import { REGION } from "./targets";

const HISTORY_PATH = "/api/resets";

export interface DialectRun {
  listP50Ms: number;
  listP99Ms: number;
  listPerSecond: number;
  listErrors: number;
  resets: number;
  resetsPerSecond: number;
  resetP50Ms: number;
  /** Non-200 answers and failures among the resets (goal 0). */
  resetErrors: number;
}

export interface PostgresRound {
  sqlite: DialectRun;
  postgres: DialectRun;
}

export interface PostgresFigures {
  connections: number;
  listDurationS: number;
  workers: number;
  resetsPerRound: number;
  rounds: PostgresRound[];
  /** Medians over rounds, same-round ratios. */
  listP50Ratio: number;
  resetsPerSecondRatio: number;
  sqlite: { listP50Ms: number; resetsPerSecond: number };
  postgres: { listP50Ms: number; resetsPerSecond: number };
  errors: number;
  cluster: string;
}

interface Target {
  stack: Stack;
  session: Session;
}

export interface PostgresInput {
  simulator: RunningSimulator;
  connections: number;
  listDurationS: number;
  workers: number;
  resetsPerRound: number;
  rounds: number;
  /** Where the throwaway cluster lives (scripts/pg-test-cluster.sh's DIR). */
  clusterDir: string;
  env: Record<string, string>;
}

/** Resettable SYNC tasks (Forward) in REGION, as the reset dialog would allow them. */
function resettable(simulator: RunningSimulator): Array<{ jobId: string; instanceId: string }> {
  return simulator.control
    .jobs({ region: REGION, jobType: "SYNC" })
    .filter((job) => !job.shape && resetBlockedReason(job.forward.status) === null)
    .map((job) => ({ jobId: job.forward.jobId, instanceId: job.instanceId }));
}

async function listRun(targets: Target[], connections: number, durationS: number) {
  const samples: number[] = [];
  const share = Math.max(1, Math.round(connections / targets.length));
  const runs = await Promise.all(
    targets.map((t) => runAutocannon({ url: `${t.stack.baseUrl}${HISTORY_PATH}`, connections: share, durationS, headers: t.session.headers, samples })),
  );
  const errors = runs.reduce((n, r) => n + r.errors + r.non2xx, 0);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), perSecond: runs.reduce((n, r) => n + r.throughput, 0), errors };
}

async function resetRun(targets: Target[], tasks: Array<{ jobId: string; instanceId: string }>, workers: number) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      const target = targets[w % targets.length] as Target;
      for (let task = tasks[next++]; task; task = tasks[next++]) {
        const t0 = process.hrtime.bigint();
        try {
          const response = await fetch(`${target.stack.baseUrl}/api/jobs/${task.jobId}/reset`, {
            method: "POST",
            headers: { ...target.session.headers, "content-type": "application/json", origin: target.stack.baseUrl },
            body: JSON.stringify({
              region: REGION,
              instanceId: task.instanceId,
              direction: "Forward",
              confirmation: task.jobId,
              reason: "benchmark: PostgreSQL against SQLite",
              idempotencyKey: `bench-${randomBytes(8).toString("hex")}`,
            }),
          });
          await response.arrayBuffer();
          if (response.status === 200) latencies.push(elapsedMs(t0));
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const wallMs = elapsedMs(started);
  return { resets: latencies.length, perSecond: (latencies.length / wallMs) * 1000, p50: percentile(latencies, 50), errors };
}

async function measure(targets: Target[], tasks: Array<{ jobId: string; instanceId: string }>, input: PostgresInput): Promise<DialectRun> {
  const list = await listRun(targets, input.connections, input.listDurationS);
  const reset = await resetRun(targets, tasks, input.workers);
  return {
    listP50Ms: list.p50,
    listP99Ms: list.p99,
    listPerSecond: list.perSecond,
    listErrors: list.errors,
    resets: reset.resets,
    resetsPerSecond: reset.perSecond,
    resetP50Ms: reset.p50,
    resetErrors: reset.errors,
  };
}

function cluster(command: "start" | "stop", dir: string): string {
  return execFileSync("bash", ["scripts/pg-test-cluster.sh", command, dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

export async function measurePostgres(input: PostgresInput): Promise<PostgresFigures> {
  const url = cluster("start", input.clusterDir).split("\n").filter(Boolean).at(-1) ?? "";
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`scripts/pg-test-cluster.sh printed no URL: ${url}`);
  const database = `bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const stacks: Stack[] = [];
  try {
    await admin.query(`create database ${database}`);
    const target = new URL(url);
    target.pathname = `/${database}`;
    const start = async (env: Record<string, string>): Promise<Target> => {
      const stack = await startStack({ sharedSimulator: input.simulator, env: { ...input.env, ...env } });
      stacks.push(stack);
      return { stack, session: await establishSession(stack.baseUrl) };
    };
    const sqlite = [await start({})];
    // One after the other: the second finds the schema migrated by the first.
    const postgres = [await start({ DATABASE_URL: target.toString() }), await start({ DATABASE_URL: target.toString() })];

    input.simulator.control.updateConfig({ rateLimit: false });
    const pool = resettable(input.simulator);
    const needed = input.resetsPerRound * 2 * (input.rounds + 1);
    if (pool.length < needed) throw new Error(`${pool.length} resettable tasks in ${REGION}, ${needed} needed: seed more`);
    const take = () => pool.splice(0, input.resetsPerRound);

    // Unmeasured warm-up of every instance: JIT, route modules, pools.
    await measure(sqlite, take(), { ...input, listDurationS: 2 });
    await measure(postgres, take(), { ...input, listDurationS: 2 });

    const rounds: PostgresRound[] = [];
    for (let r = 0; r < input.rounds; r++) {
      const sqliteFirst = r % 2 === 0;
      const a = await measure(sqliteFirst ? sqlite : postgres, take(), input);
      const b = await measure(sqliteFirst ? postgres : sqlite, take(), input);
      const round = sqliteFirst ? { sqlite: a, postgres: b } : { sqlite: b, postgres: a };
      rounds.push(round);
      console.log(
        `  round ${r + 1}/${input.rounds}: list p50 SQLite ${round.sqlite.listP50Ms.toFixed(1)} ms, PostgreSQL ${round.postgres.listP50Ms.toFixed(1)} ms; ` +
          `resets/s SQLite ${round.sqlite.resetsPerSecond.toFixed(1)}, PostgreSQL ${round.postgres.resetsPerSecond.toFixed(1)}`,
      );
    }
    const of = (pick: (round: PostgresRound) => number) => median(rounds.map(pick));
    return {
      connections: input.connections,
      listDurationS: input.listDurationS,
      workers: input.workers,
      resetsPerRound: input.resetsPerRound,
      rounds,
      listP50Ratio: of((x) => ratio(x.postgres.listP50Ms, x.sqlite.listP50Ms)),
      resetsPerSecondRatio: of((x) => ratio(x.postgres.resetsPerSecond, x.sqlite.resetsPerSecond)),
      sqlite: { listP50Ms: of((x) => x.sqlite.listP50Ms), resetsPerSecond: of((x) => x.sqlite.resetsPerSecond) },
      postgres: { listP50Ms: of((x) => x.postgres.listP50Ms), resetsPerSecond: of((x) => x.postgres.resetsPerSecond) },
      errors: rounds.reduce((n, x) => n + x.sqlite.listErrors + x.sqlite.resetErrors + x.postgres.listErrors + x.postgres.resetErrors, 0),
      cluster: `scripts/pg-test-cluster.sh (${(await admin.query<{ server_version: string }>("show server_version")).rows[0]?.server_version ?? "?"}), one database, two console instances`,
    };
  } finally {
    for (const stack of stacks) await stack.stop();
    await admin.query(`drop database if exists ${database} with (force)`).catch(() => undefined);
    await admin.end();
    cluster("stop", input.clusterDir);
  }
}
