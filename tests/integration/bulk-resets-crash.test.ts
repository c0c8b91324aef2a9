// A bulk reset survives the death of the console process working it (issue 22): real console
// processes (bulk-worker-child.ts: the real route handlers and the real bulk worker) killed with
// SIGKILL while the simulator holds their in-flight ResetDtsJob (DTS applied it, the answer never
// came back). On SQLite the restarted process resumes the bulk; on PostgreSQL the surviving
// instance takes it over once the dead one's lease (BULK_LEASE_MS) runs out. Either way every
// task gets exactly one ResetDtsJob (the simulator's call log is the witness), the held item is
// never re-sent but left `unknown` with its record pending, and reconciliation resolves it.
// Nothing here sleeps for a guessed time: held calls, process exits and bulk states are waited for.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BulkPlan, BulkResult } from "@/lib/domain/bulk";
import { RECONCILE_AFTER_MS, type ReconcileReport } from "@/lib/reset/reconcile";
import { DEFAULT_SETTINGS } from "@/lib/context";
import { PG_TEST_URL } from "../unit/audit-helpers";
import { JsonLineChild } from "./json-line-child";
import { SIM_KEY, startHarness, type CallEntry, type Harness } from "./dts-harness";
import type { BulkChildCommand, BulkRouteName, RouteAnswer } from "./bulk-worker-child";

const RATE = 5;
const LEASE_MS = 2_000;
const ITEMS = 6;
/** Items that go through before the one DTS holds (the hold is armed once they have). */
const BEFORE_HELD = 2;
const SETTLE_MS = DEFAULT_SETTINGS.settleMs;

/** One console process, driven by JSON lines. */
class Console extends JsonLineChild<BulkChildCommand> {
  static async start(env: NodeJS.ProcessEnv): Promise<Console> {
    const { child, lines } = await JsonLineChild.spawnReady("bulk-worker-child.ts", env);
    return new Console(child, lines);
  }

  route(route: BulkRouteName, pathname: string, options: { method?: string; cookie?: string; body?: unknown; params?: Record<string, string> } = {}): Promise<RouteAnswer> {
    return this.send<RouteAnswer>({ op: "route", route, path: pathname, ...options });
  }

  async bulk(id: string, cookie: string): Promise<BulkResult> {
    const answer = await this.route("bulk", `/api/bulk-resets/${id}`, { cookie, params: { id } });
    expect(answer.status).toBe(200);
    return (answer.body as { bulk: BulkResult }).bulk;
  }

  active(): Promise<string[]> {
    return this.send<string[]>({ op: "active" });
  }
}

interface Item {
  region: string;
  jobId: string;
  instanceId: string;
  direction: "Forward" | "Reverse";
}

interface HeldCall {
  id: string;
  params: Record<string, string>;
  applied: boolean;
  clientClosed: boolean;
}

/** Polls `probe` until it answers something (not undefined): a state, never a guessed duration. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The simulator's side of one suite: holds, the call log, the candidates. */
function simulator(h: () => Harness) {
  const heldCalls = async (): Promise<HeldCall[]> => ((await (await h().control("holds")).json()) as { held: HeldCall[] }).held;
  return {
    heldCalls,
    /** Arms a hold of the next `count` ResetDtsJob calls; answers the hold's ID. */
    async hold(count: number, runAt: "release" | "hold"): Promise<string> {
      const response = await h().control("holds", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: "ResetDtsJob", count, runAt }) });
      expect(response.status).toBe(201);
      return ((await response.json()) as { hold: { id: string } }).hold.id;
    },
    /** Waits for the event "held call `id` reached DTS" (`h1.2`: the second call hold h1 held). */
    heldCall: (id: string) => until(`held call ${id}`, async () => (await heldCalls()).find((c) => c.id === id)),
    async release(id: string): Promise<void> {
      expect((await h().control(`holds/${id}/release`, { method: "POST" })).status).toBe(200);
    },
  };
}

/** ResetDtsJob calls per task ID, whatever DTS answered. */
function callsPerJob(calls: CallEntry[]): Map<string, CallEntry[]> {
  const per = new Map<string, CallEntry[]>();
  for (const call of calls) per.set(call.params.DtsJobId!, [...(per.get(call.params.DtsJobId!) ?? []), call]);
  return per;
}

async function signIn(instance: Console): Promise<string> {
  const answer = await instance.route("signIn", "/api/auth/sign-in", { method: "POST", body: { username: "demo", password: "dts-demo-password" } });
  expect(answer.status).toBe(200);
  return answer.setCookie!.split(";")[0]!;
}

/** `count` sync tasks the plan (a dry run through the route) finds eligible, from two regions. */
async function eligibleItems(h: Harness, instance: Console, cookie: string, count: number): Promise<Item[]> {
  const all: Item[] = [];
  for (const region of ["cn-hangzhou", "cn-shanghai"]) {
    const { jobs } = (await (await h.control(`jobs?region=${region}&jobType=SYNC`)).json()) as { jobs: { instanceId: string; forward: { jobId: string } }[] };
    for (const job of jobs) all.push({ region, jobId: job.forward.jobId, instanceId: job.instanceId, direction: "Forward" });
  }
  const answer = await instance.route("create", "/api/bulk-resets", { method: "POST", cookie, body: { items: all, reason: "plan", confirmation: "", dryRun: true } });
  expect(answer.status).toBe(200);
  const eligible = (answer.body as { plan: BulkPlan }).plan.items.filter((i) => i.eligible).map(({ region, jobId, instanceId, direction }) => ({ region, jobId, instanceId, direction }));
  expect(eligible.length).toBeGreaterThanOrEqual(count);
  const sh = eligible.filter((i) => i.region === "cn-shanghai").slice(0, count / 2);
  return [...sh, ...eligible.filter((i) => i.region !== "cn-shanghai")].slice(0, count);
}

/**
 * Starts the bulk on `creator` and drives it to the kill point: the first BEFORE_HELD resets held
 * (runAt "release") and let through one by one, then a hold that lets DTS apply the next reset
 * but keeps its answer ("DTS did it, the answer is late") armed before the last of them is let
 * through, so that it takes exactly the next item. Answers the bulk's ID and the held call.
 */
async function startAndHoldMidway(
  sim: ReturnType<typeof simulator>,
  creator: Console,
  cookie: string,
  items: Item[],
  onFirstHeld: (bulkId: string) => Promise<void> = async () => undefined,
): Promise<{ id: string; held: HeldCall }> {
  const first = await sim.hold(BEFORE_HELD, "release");
  const created = await creator.route("create", "/api/bulk-resets", { method: "POST", cookie, body: { items, reason: "source failover: bulk crash test", confirmation: String(items.length) } });
  expect(created.status).toBe(202);
  const id = (created.body as { bulk: BulkResult }).bulk.id;
  for (let n = 1; n <= BEFORE_HELD; n++) {
    const call = await sim.heldCall(`${first}.${n}`);
    expect(call.params.DtsJobId).toBe(items[n - 1]!.jobId);
    if (n === 1) await onFirstHeld(id);
    const late = n === BEFORE_HELD ? await sim.hold(1, "hold") : null;
    await sim.release(call.id);
    if (late) {
      const held = await sim.heldCall(`${late}.1`);
      expect(held).toMatchObject({ applied: true, params: { DtsJobId: items[BEFORE_HELD]!.jobId } });
      return { id, held };
    }
  }
  throw new Error("unreachable");
}

/** What the bulk looks like while its third reset is held: two done, one in flight, the rest waiting. */
function expectMidway(bulk: BulkResult): void {
  expect(bulk.status).toBe("running");
  expect(bulk.items.map((i) => i.status)).toEqual([
    ...Array.from({ length: BEFORE_HELD }, () => "succeeded"),
    "running",
    ...Array.from({ length: ITEMS - BEFORE_HELD - 1 }, () => "queued"),
  ]);
}

/**
 * After the takeover: every item but the held one reset by the new worker, the held one `unknown`
 * (its record pending, never re-sent), then, once the held answer is let go and reconciliation has
 * run, the bulk `succeeded` with one ResetDtsJob per task.
 */
async function expectResumedAndReconciled(h: Harness, sim: ReturnType<typeof simulator>, worker: Console, cookie: string, id: string, items: Item[], held: HeldCall): Promise<void> {
  const waiting = await until("the resumed bulk to work every other item", async () => {
    const bulk = await worker.bulk(id, cookie);
    return bulk.counts.queued === 0 && bulk.counts.running === 0 ? bulk : undefined;
  });
  expect(waiting.counts).toMatchObject({ succeeded: ITEMS - 1, unknown: 1, failed: 0, skipped: 0, cancelled: 0 });
  // Stored as finished, but not done while an outcome is unknown.
  expect(waiting.status).toBe("running");
  expect(waiting.finishedAt).toBeNull();
  const heldItem = waiting.items[BEFORE_HELD]!;
  expect(heldItem).toMatchObject({ jobId: items[BEFORE_HELD]!.jobId, status: "unknown", resetId: expect.any(String) });
  expect(waiting.items.filter((i) => i.status === "succeeded").map((i) => i.jobId)).toEqual(items.filter((_, n) => n !== BEFORE_HELD).map((i) => i.jobId));

  const record = await worker.route("reset", `/api/resets/${heldItem.resetId}`, { cookie, params: { id: heldItem.resetId! } });
  expect(record.status).toBe(200);
  const reset = (record.body as { reset: { status: string; requestedAt: string; bulkId: string; jobId: string } }).reset;
  expect(reset).toMatchObject({ status: "pending", bulkId: id, jobId: items[BEFORE_HELD]!.jobId });

  // The held call is still the only ResetDtsJob of its task: still held (its caller gone), not re-sent.
  const stillHeld = await sim.heldCalls();
  expect(stillHeld.map((c) => c.id)).toEqual([held.id]);
  expect(stillHeld[0]!.clientClosed).toBe(true);
  // Let DTS answer into the void: the simulator logs the call it applied at arrival.
  await sim.release(held.id);
  const calls = await h.calls("ResetDtsJob");
  const perJob = callsPerJob(calls);
  expect([...perJob.keys()].sort()).toEqual(items.map((i) => i.jobId).sort());
  for (const [jobId, list] of perJob) expect({ jobId, verdicts: list.map((c) => c.verdict) }).toEqual({ jobId, verdicts: ["ok"] });
  expect(calls).toHaveLength(ITEMS);

  // Reconciliation, at a time past the settle window, reads the task (Not Configured) and resolves the record.
  const now = new Date(Date.parse(reset.requestedAt) + RECONCILE_AFTER_MS + SETTLE_MS + 1_000).toISOString();
  const report = await worker.send<ReconcileReport>({ op: "reconcile", now, settleMs: SETTLE_MS });
  expect(report.resolved).toBe(1);
  const done = await worker.bulk(id, cookie);
  expect(done.status).toBe("succeeded");
  expect(done.counts).toMatchObject({ succeeded: ITEMS, unknown: 0, failed: 0, queued: 0, running: 0 });
  expect(done.items.every((i) => i.status === "succeeded" && i.resetId)).toBe(true);
  expect(done.finishedAt).not.toBeNull();
  const resolved = await worker.route("reset", `/api/resets/${heldItem.resetId}`, { cookie, params: { id: heldItem.resetId! } });
  expect((resolved.body as { reset: { status: string } }).reset.status).toBe("succeeded");
  // Reconciliation reads; it never sends.
  expect(await h.calls("ResetDtsJob")).toHaveLength(ITEMS);
}

function consoleEnv(h: Harness, db: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DTS_MODE: "simulator",
    DTS_ENDPOINT: h.url,
    LOG_LEVEL: "silent",
    SIMULATOR_ACCESS_KEY_ID: SIM_KEY.accessKeyId,
    SIMULATOR_ACCESS_KEY_SECRET: SIM_KEY.accessKeySecret,
    BULK_RESET_CALLS_PER_SECOND: String(RATE),
    BULK_LEASE_MS: String(LEASE_MS),
  };
  delete env.DATABASE_URL;
  delete env.AUDIT_DB_PATH;
  return { ...env, ...db };
}

describe("a SIGKILL mid-bulk on SQLite", { timeout: 120_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulk-resets-crash-"));
  let h: Harness;
  const sim = simulator(() => h);
  const started: Console[] = [];

  beforeAll(async () => {
    // The simulator's documented read limits stay on (the default).
    h = await startHarness();
  });
  beforeEach(async () => {
    await h.control("reset", { method: "POST" });
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((c) => c.stop()));
  });
  afterAll(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the restarted process resumes the bulk: every item done once, the held one unknown until reconciliation resolves it", async () => {
    const env = consoleEnv(h, { AUDIT_DB_PATH: path.join(dir, "audit.sqlite") });
    const first = await Console.start(env);
    started.push(first);
    const cookie = await signIn(first);
    const items = await eligibleItems(h, first, cookie, ITEMS);
    const { id, held } = await startAndHoldMidway(sim, first, cookie, items);
    expectMidway(await first.bulk(id, cookie));
    expect(await first.active()).toEqual([id]);

    await first.kill();
    expect(first.child.signalCode).toBe("SIGKILL");

    // The same file, a new process: it takes the bulk over once the dead one's lease runs out.
    const second = await Console.start(env);
    started.push(second);
    await expectResumedAndReconciled(h, sim, second, cookie, id, items, held);
  });

  it("killed while deciding an item (its task claimed, nothing sent yet): the restarted process still resets it, once", { timeout: 240_000 }, async () => {
    // Found by this suite, fails today (see the report of issue 22's crash tests): the dead
    // worker's claim on the task (CLAIM_LEASE_MS, two minutes) makes the restarted worker's
    // performReset refuse with reset_in_progress, which worker.ts takes for "another reset of this
    // task is in flight" and skips the item, although nothing was ever sent for it.
    const env = consoleEnv(h, { AUDIT_DB_PATH: path.join(dir, "audit-deciding.sqlite") });
    const first = await Console.start(env);
    started.push(first);
    const cookie = await signIn(first);
    const items = (await eligibleItems(h, first, cookie, ITEMS)).slice(0, 3);
    const reset = await sim.hold(1, "release");
    const created = await first.route("create", "/api/bulk-resets", { method: "POST", cookie, body: { items, reason: "source failover: bulk crash test", confirmation: "3" } });
    expect(created.status).toBe(202);
    const id = (created.body as { bulk: BulkResult }).bulk.id;
    const firstReset = await sim.heldCall(`${reset}.1`);
    // The next item's fresh detail read under its claim (after the plan's reads) is held: the worker is deciding.
    const armed = await h.control("holds", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: "DescribeDtsJobDetail", count: 1 }) });
    expect(armed.status).toBe(201);
    const detailHold = ((await armed.json()) as { hold: { id: string } }).hold.id;
    await sim.release(firstReset.id);
    const deciding = await sim.heldCall(`${detailHold}.1`);
    expect(deciding.params.DtsJobId).toBe(items[1]!.jobId);
    const midway = await first.bulk(id, cookie);
    expect(midway.items.map((i) => [i.status, i.resetId])).toEqual([
      ["succeeded", expect.any(String)],
      ["running", null],
      ["queued", null],
    ]);

    await first.kill();
    await sim.release(deciding.id);

    const second = await Console.start(env);
    started.push(second);
    // A worker that waits out the orphaned claim needs up to CLAIM_LEASE_MS (two minutes).
    const bulk = await until(
      "the resumed bulk to decide every item",
      async () => {
        const b = await second.bulk(id, cookie);
        return b.counts.queued === 0 && b.counts.running === 0 ? b : undefined;
      },
      180_000,
    );
    expect(bulk.items.map((i) => [i.jobId, i.status, i.error?.code ?? null])).toEqual(items.map((i) => [i.jobId, "succeeded", null]));
    expect(bulk.status).toBe("succeeded");
    const perJob = callsPerJob(await h.calls("ResetDtsJob"));
    expect([...perJob.keys()].sort()).toEqual(items.map((i) => i.jobId).sort());
    for (const [jobId, list] of perJob) expect({ jobId, calls: list.length }).toEqual({ jobId, calls: 1 });
  });
});

describe.skipIf(!PG_TEST_URL)("two console instances on one PostgreSQL, the one working a bulk killed", { timeout: 120_000 }, () => {
  const database = `bulk_${randomBytes(5).toString("hex")}`;
  let admin: pg.Client;
  let h: Harness;
  const sim = simulator(() => h);
  let env: NodeJS.ProcessEnv;
  let a: Console;
  let b: Console;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_TEST_URL });
    await admin.connect();
    await admin.query(`create database ${database}`);
    h = await startHarness();
    const url = new URL(PG_TEST_URL!);
    url.pathname = `/${database}`;
    env = consoleEnv(h, { DATABASE_URL: url.toString() });
    // Both start together on an empty database: the migrations run once, under the advisory lock.
    [a, b] = await Promise.all([Console.start(env), Console.start(env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await h?.close();
    await admin?.query(`drop database if exists ${database} with (force)`);
    await admin?.end();
  });

  it("the survivor takes the bulk over after BULK_LEASE_MS and finishes it: every task reset once, the held one reconciled", async () => {
    const cookie = await signIn(a);
    const items = await eligibleItems(h, a, cookie, ITEMS);
    let worker: Console | undefined;
    const { id, held } = await startAndHoldMidway(sim, a, cookie, items, async (bulkId) => {
      // While the first reset is held, the instance working the bulk has it; the other may only
      // have it for the moment its lease answers "busy". Both poll, so wait for exactly one.
      worker = await until("exactly one instance to be working the bulk", async () => {
        const [onA, onB] = await Promise.all([a.active(), b.active()]);
        if (onA.includes(bulkId) !== onB.includes(bulkId)) return onA.includes(bulkId) ? a : b;
        return undefined;
      });
    });
    const victim = worker!;
    const survivor = victim === a ? b : a;
    expectMidway(await survivor.bulk(id, cookie));

    await victim.kill();
    expect(victim.child.signalCode).toBe("SIGKILL");

    await expectResumedAndReconciled(h, sim, survivor, cookie, id, items, held);
  });
});
