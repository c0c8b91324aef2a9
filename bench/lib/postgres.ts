// PostgreSQL beside SQLite, at the database layer: the queries a list request and a reset request
// make, from 50 concurrent workers, against one SQLite file (one process's single connection) and
// against one PostgreSQL database through two pools (two "instances"). Store-level, not HTTP: it
// isolates what the dialect changes; the HTTP figures of `npm run bench` are SQLite's.
//
//   PG_BENCH_URL=postgres://... npx tsx --conditions=react-server bench/lib/postgres.ts [--seconds 10]
//
// list path: the session lookup (sessions ⋈ users by id) + one history page with its count.
// reset path: claim → claimed attempt (fenced insert + "just reset" check, one transaction) →
// finish, on a task of its own per iteration.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type OpenDatabaseOptions } from "../../lib/db/open";
import type { AuditStore } from "../../lib/db/store";
import { claimTask } from "../../lib/guarded/claims";
import { beginClaimedAttempt, finishAttempt, listResets } from "../../lib/audit/reset-attempts";
import { authDb } from "../../lib/auth/store/tables";
import { elapsedMs, percentile, round } from "./stats";

const CONNECTIONS = 50;

export interface PathFigures {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
}

export interface DialectFigures {
  dialect: "sqlite" | "postgres";
  instances: number;
  list: PathFigures;
  reset: PathFigures;
}

let sequence = 0;
// Alike tests/unit/audit-helpers.ts's attemptInput on purpose: the bench does not import test
// helpers (they register vitest hooks), and its attempt is a smaller one.
function attempt(instanceId: string) {
  const jobId = `benchjob${String(++sequence).padStart(7, "0")}`;
  return {
    idempotencyKey: null,
    jobId,
    instanceId,
    region: "cn-hangzhou",
    jobType: "SYNC",
    taskName: "bench",
    direction: "Forward" as const,
    resetJobId: jobId,
    reason: "benchmark reset",
    actor: { username: "bench", role: "operator", address: "127.0.0.1", userAgent: "bench" },
    snapshotJob: { DtsJobId: jobId },
    snapshotDetail: { DtsJobId: jobId, Status: "Synchronizing" },
  };
}

async function seed(store: AuditStore): Promise<string> {
  const now = new Date().toISOString();
  const userId = `bench-user-${randomBytes(4).toString("hex")}`;
  await authDb(store).insertInto("users").values({ id: userId, username: userId, role: "operator", password_hash: "$argon2id$bench", simulator_only: 1, disabled_at: null, created_at: now, created_by: "bench", updated_at: now, password_changed_at: now, last_sign_in_at: null }).execute();
  const sessionId = `bench-session-${randomBytes(4).toString("hex")}`;
  await authDb(store).insertInto("sessions").values({ id: sessionId, secret_hash: "x", user_id: userId, created_at: now, last_seen_at: now, client_address: null, user_agent: null }).execute();
  for (let i = 0; i < 200; i++) {
    const claimed = await claimTask(store, { account: "default", region: "cn-hangzhou", instanceId: `benchseed${String(i).padStart(6, "0")}`, direction: "Forward" }, "reset", new Date());
    if (!claimed.claimed) continue;
    const made = await beginClaimedAttempt(store, attempt(claimed.claim.ref.instanceId), claimed.claim, new Date(Date.now() - 60_000));
    if (made.kind === "created") await finishAttempt(store, made.record.id, { status: "succeeded", finishedAt: new Date(), requestId: "R", httpStatus: 200 });
  }
  return sessionId;
}

async function drive(stores: AuditStore[], seconds: number, work: (store: AuditStore, worker: number) => Promise<void>): Promise<PathFigures> {
  const samples: number[] = [];
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      const store = stores[worker % stores.length]!;
      while (Date.now() < until) {
        const start = process.hrtime.bigint();
        await work(store, worker);
        samples.push(elapsedMs(start));
      }
    }),
  );
  return { requests: samples.length, p50Ms: round(percentile(samples, 50)), p99Ms: round(percentile(samples, 99)), perSecond: round(samples.length / seconds) };
}

export async function measureDialect(location: OpenDatabaseOptions, instances: number, seconds: number): Promise<DialectFigures> {
  const stores: AuditStore[] = [];
  for (let i = 0; i < instances; i++) stores.push(await openDatabase(location));
  try {
    const sessionId = await seed(stores[0]!);
    const list = await drive(stores, seconds, async (store) => {
      await authDb(store).selectFrom("sessions").innerJoin("users", "users.id", "sessions.user_id").selectAll().where("sessions.id", "=", sessionId).executeTakeFirst();
      await listResets(store, {}, 1, 25);
    });
    let task = 0;
    const reset = await drive(stores, seconds, async (store, worker) => {
      const instanceId = `benchw${String(worker).padStart(3, "0")}t${String(++task).padStart(8, "0")}`;
      const claimed = await claimTask(store, { account: "default", region: "cn-hangzhou", instanceId, direction: "Forward" }, "reset", new Date());
      if (!claimed.claimed) return;
      const made = await beginClaimedAttempt(store, attempt(instanceId), claimed.claim, new Date(Date.now() - 1));
      if (made.kind === "created") await finishAttempt(store, made.record.id, { status: "succeeded", finishedAt: new Date(), requestId: "R", httpStatus: 200 });
    });
    return { dialect: stores[0]!.dialect, instances, list, reset };
  } finally {
    for (const store of stores) await store.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const url = process.env.PG_BENCH_URL ?? process.env.PG_TEST_URL;
  if (!url) throw new Error("Set PG_BENCH_URL (or PG_TEST_URL) to a PostgreSQL database the benchmark may create a database in");
  const seconds = Number(argv[argv.indexOf("--seconds") + 1] ?? 10) || 10;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-pg-"));
  const database = `bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${database}`);
  try {
    const target = new URL(url);
    target.pathname = `/${database}`;
    const sqlite = await measureDialect({ path: path.join(dir, "bench.sqlite") }, 1, seconds);
    const postgres = await measureDialect({ url: target.toString() }, 2, seconds);
    const row = (name: string, f: PathFigures) => `| ${name} | ${f.p50Ms} | ${f.p99Ms} | ${f.perSecond} |`;
    console.log(`${CONNECTIONS} concurrent workers, ${seconds} s per path, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(1)}`);
    console.log("| path | p50 ms | p99 ms | ops/s |\n|---|---|---|---|");
    console.log(row("list, SQLite (1 process)", sqlite.list));
    console.log(row("list, PostgreSQL (2 pools)", postgres.list));
    console.log(row("reset, SQLite (1 process)", sqlite.reset));
    console.log(row("reset, PostgreSQL (2 pools)", postgres.reset));
    console.log(`p50 ratio PostgreSQL/SQLite: list ${round(postgres.list.p50Ms / sqlite.list.p50Ms)}x, reset ${round(postgres.reset.p50Ms / sqlite.reset.p50Ms)}x (goal ≤ 1.5x)`);
    console.log(JSON.stringify({ sqlite, postgres }));
  } finally {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
