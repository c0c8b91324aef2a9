// Two console instances on one PostgreSQL and one simulator: two separate Node processes
// (instance-child.ts), each with its own connection pool, running the real route handlers and the
// real reconciliation, the simulator's call log as the witness. (Route handlers in child processes
// rather than two full Next.js servers: same code paths from the handler down, minus the HTTP
// server, at a fraction of the start-up time on two cores.) Needs PG_TEST_URL; skipped without it,
// required under CI=true (audit-helpers.ts).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RECONCILE_AFTER_MS, type ReconcileReport } from "@/lib/reset/reconcile";
import { DEFAULT_SETTINGS } from "@/lib/context";

const DEFAULT_SETTLE_MS = DEFAULT_SETTINGS.settleMs;
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import { PG_TEST_URL } from "../unit/audit-helpers";
import { JsonLineChild } from "./json-line-child";
import { SIM_KEY, startHarness, type Harness } from "./dts-harness";
import type { InstanceCommand } from "./instance-child";
import { forwardCall, type ResetAnswer, type ResetCall } from "./reset-route-client";

const { oneWayRunning } = SEED_FIXTURES;

/** One console process, driven by JSON lines. */
class Instance extends JsonLineChild<InstanceCommand> {
  static async start(env: NodeJS.ProcessEnv): Promise<Instance> {
    const { child, lines } = await JsonLineChild.spawnReady("instance-child.ts", env);
    return new Instance(child, lines);
  }

  request(route: "signIn" | "signOut" | "session" | "health", options: { cookie?: string; body?: unknown; clientAddress?: string } = {}) {
    return this.send<{ status: number; setCookie: string | null; body: Record<string, unknown> | null }>({ op: "request", route, ...options });
  }
}

const database = `mi_${randomBytes(5).toString("hex")}`;
let admin: pg.Client;
let h: Harness;
let env: NodeJS.ProcessEnv;
let a: Instance;
let b: Instance;
let cookie: string;

function databaseUrl(): string {
  const url = new URL(PG_TEST_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function query<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function signInDemo(instance: Instance, clientAddress = "198.51.100.7"): Promise<string> {
  const answer = await instance.request("signIn", { body: { username: "demo", password: "dts-demo-password" }, clientAddress });
  expect(answer.status).toBe(200);
  return answer.setCookie!.split(";")[0]!;
}

describe.skipIf(!PG_TEST_URL)("two console instances on one PostgreSQL", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_TEST_URL });
    await admin.connect();
    await admin.query(`create database ${database}`);
    h = await startHarness();
    env = {
      ...process.env,
      DATABASE_URL: databaseUrl(),
      DTS_MODE: "simulator",
      DTS_ENDPOINT: h.url,
      LOG_LEVEL: "silent",
      SIMULATOR_ACCESS_KEY_ID: SIM_KEY.accessKeyId,
      SIMULATOR_ACCESS_KEY_SECRET: SIM_KEY.accessKeySecret,
    };
    // Both start together on an empty database: the migrations run once, under the advisory lock.
    [a, b] = await Promise.all([Instance.start(env), Instance.start(env)]);
    cookie = await signInDemo(a);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await h?.close();
    await admin?.query(`drop database if exists ${database} with (force)`);
    await admin?.end();
  });

  beforeEach(async () => {
    await h.control("reset", { method: "POST" });
  });

  it("migrated once although both started together, and both report postgres in /api/health", async () => {
    expect((await query<{ name: string }>("select name from kysely_migration order by name")).length).toBeGreaterThanOrEqual(3);
    for (const instance of [a, b]) expect(await instance.request("health")).toMatchObject({ status: 200, body: { status: "ok", db: "postgres" } });
  });

  it("twenty concurrent resets of one task spread over both send exactly one ResetDtsJob", async () => {
    const calls: ResetCall[] = Array.from({ length: 20 }, (_, i) => ({
      jobId: oneWayRunning.jobId,
      body: {
        region: oneWayRunning.region,
        instanceId: oneWayRunning.instanceId,
        direction: "Forward",
        confirmation: oneWayRunning.jobId,
        reason: "Stuck after DDL on orders.order_item",
        ...(i % 3 === 0 ? { idempotencyKey: `multi-shared-${i % 2}` } : {}),
      },
    }));
    const [fromA, fromB] = await Promise.all([
      a.send<ResetAnswer[]>({ op: "resets", cookie, calls: calls.filter((_, i) => i % 2 === 0) }),
      b.send<ResetAnswer[]>({ op: "resets", cookie, calls: calls.filter((_, i) => i % 2 === 1) }),
    ]);
    const answers = [...fromA, ...fromB];
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
    const done = answers.filter((x) => x.status === 200 && x.replayed === false);
    expect(done).toHaveLength(1);
    for (const answer of answers) {
      if (answer === done[0]) continue;
      if (answer.status === 200) expect(answer).toMatchObject({ replayed: true, resetId: done[0]!.resetId });
      else expect(["reset_in_progress", "task_just_reset", "not_resettable"]).toContain(answer.code);
    }
  });

  it("the same idempotency key sent to both at once sends one call and names one record", async () => {
    const call = forwardCall("Same key from two browsers", { idempotencyKey: `same-key-${randomBytes(4).toString("hex")}` });
    const answers = (await Promise.all([a, b, a, b].map((instance) => instance.send<ResetAnswer[]>({ op: "resets", cookie, calls: [call] })))).flat();
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
    const named = new Set(answers.filter((x) => x.status === 200).map((x) => x.resetId));
    expect(named.size).toBe(1);
    for (const answer of answers) if (answer.status !== 200) expect(answer.code).toBe("reset_in_progress");
    expect(await query("select id from reset_attempts where idempotency_key = $1", [call.body.idempotencyKey])).toHaveLength(1);
  });

  it("a session made on one works on the other, and sign-out on the other ends it on both", async () => {
    const session = await signInDemo(b, "198.51.100.20");
    expect(await a.request("session", { cookie: session })).toMatchObject({ status: 200, body: { user: { username: "demo" } } });
    expect(await b.request("signOut", { cookie: session })).toMatchObject({ status: 200, body: { signedOut: true } });
    for (const instance of [a, b]) expect((await instance.request("session", { cookie: session })).status).toBe(401);
  });

  it("failed sign-ins spread over both are counted once each: throttled on both", async () => {
    // Ten wrong passwords at once for one (unknown) name, five per instance, each from its own
    // address. The name allows one free failure, then a wait: counted atomically across both,
    // exactly two attempts are checked and the other eight are refused before any check.
    const wrong = (instance: Instance, i: number) =>
      instance.request("signIn", { body: { username: "mallory", password: "not-the-password" }, clientAddress: `203.0.113.${i}` });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => wrong(i % 2 === 0 ? a : b, i)));
    expect(answers.filter((x) => x.status === 401)).toHaveLength(2);
    expect(answers.filter((x) => x.status === 429)).toHaveLength(8);
    for (const [i, instance] of [a, b].entries()) expect((await wrong(instance, 50 + i)).status).toBe(429);
    const [row] = await query<{ failures: number }>("select failures from sign_in_throttle where key like 'user:%'");
    expect(row?.failures).toBe(2);
  });

  it("an instance killed while DTS holds its reset: the survivor resolves the attempt, once, whoever else reconciles", async () => {
    // DTS applies the reset on arrival but holds its answer ("DTS did it, the answer is late").
    const hold = (await (
      await h.control("holds", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: "ResetDtsJob", runAt: "hold" }) })
    ).json()) as { hold: { id: string } };
    const victim = await Instance.start(env);
    const call: ResetCall = {
      jobId: oneWayRunning.jobId,
      body: { region: oneWayRunning.region, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: "Killed mid-reset" },
    };
    void victim.send({ op: "resets", cookie, calls: [call] }).catch(() => undefined);
    // Wait for the event "the call reached DTS" (not a sleep).
    for (;;) {
      const { held } = (await (await h.control("holds")).json()) as { held: unknown[] };
      if (held.length === 1) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    victim.child.kill("SIGKILL");
    await victim.exited;
    const [pending] = await query<{ id: string; status: string; requested_at: string }>("select id, status, requested_at from reset_attempts where reason = 'Killed mid-reset'");
    expect(pending?.status).toBe("pending");

    // Both survivors reconcile at once, at an injected time past the settle window.
    const now = new Date(Date.parse(pending!.requested_at) + RECONCILE_AFTER_MS + DEFAULT_SETTLE_MS + 1_000).toISOString();
    const reports = await Promise.all([a, b].map((instance) => instance.send<ReconcileReport>({ op: "reconcile", now, settleMs: DEFAULT_SETTLE_MS })));
    expect(reports.reduce((sum, r) => sum + r.resolved, 0)).toBe(1);
    const [resolved] = await query<{ status: string; resolved_by: string; reconciled_at: string }>("select status, resolved_by, reconciled_at from reset_attempts where id = $1", [pending!.id]);
    expect(resolved).toMatchObject({ status: "succeeded", resolved_by: "reconciliation", reconciled_at: now });
    await h.control(`holds/${hold.hold.id}/release`, { method: "POST" });
  });
});
