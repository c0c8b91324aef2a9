// The state changes beyond a plain reset that write their notification in their own transaction
// (issue 24), on SQLite and PostgreSQL: the sign-in that locks a name out (once, never with the
// password), a reset whose answer was lost and its resolution by reconciliation, a bulk's start
// and finish with its counts. Each is checked in the outbox and as a delivery for a channel
// subscribed to every event. Real store, real simulator, a hand-moved clock for the sign-ins.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import { openDatabase } from "@/lib/db/open";
import type { AuditStore } from "@/lib/db/store";
import { createContext, DEFAULT_SETTINGS, type ConsoleContext } from "@/lib/context";
import { singleAccount } from "@/lib/accounts/registry";
import { performReset } from "@/lib/reset/perform-reset";
import { reconcileOnce } from "@/lib/reset/reconcile";
import { signIn } from "@/lib/auth/sign-in";
import { finishBulk, insertBulk, markStarted, moveItem, takeLease } from "@/lib/bulk/store";
import { createChannel } from "@/lib/notify/channels";
import { SUBSCRIBABLE_EVENTS } from "@/lib/domain/notifications";
import { listDeliveries } from "@/lib/notify/store";
import { createUser, manualClock, POLICY } from "../unit/auth-helpers";
import { describeDialects, freshLocation } from "../unit/audit-helpers";
import { oneWayResetRequest, startHarness, TEST_ACTOR, type Harness } from "./dts-harness";

process.env.LOG_LEVEL = "silent";
const { oneWayRunning } = SEED_FIXTURES;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ rateLimit: false });
});
afterAll(() => h.close());

interface EventRow {
  type: string;
  subject_kind: string;
  subject_id: string;
  summary: string;
}

async function events(store: AuditStore): Promise<Array<Omit<EventRow, "summary"> & { summary: Record<string, unknown> }>> {
  const rows = await sql<EventRow>`select type, subject_kind, subject_id, summary from notification_events order by occurred_at, type`.execute(store.db);
  return rows.rows.map((r) => ({ ...r, summary: JSON.parse(r.summary) as Record<string, unknown> }));
}

describeDialects("notifications of every state change", (dialect) => {
  let store: AuditStore;
  let ctx: ConsoleContext;

  beforeEach(async () => {
    await h.control("reset", { method: "POST" });
    store = await openDatabase(freshLocation(dialect));
    ctx = createContext({
      store,
      accounts: singleAccount(h.client({ readTimeoutMs: 300, connectTimeoutMs: 300 })),
      settings: { notify: { ...DEFAULT_SETTINGS.notify, allowLoopback: true, keys: { current: randomBytes(32), previous: null } } },
    });
    // Every event but the test: no worker runs here, so the deliveries stay pending for the checks.
    await createChannel(ctx, { kind: "webhook", name: "everything", url: "http://127.0.0.1:9/hook", events: [...SUBSCRIBABLE_EVENTS], language: "en", enabled: true, secret: null }, "admin");
  });
  afterEach(async () => {
    await store.close();
  });

  it("the failure that locks a name out is reported once, without the password", async () => {
    await createUser(store, "alice", "operator");
    const clock = manualClock();
    const wrong = "not-the-password-xyz";
    for (let n = 0; n < 7; n++) {
      await signIn({ store, mode: "live", policy: POLICY, now: clock.now }, { username: "alice", password: wrong, clientAddress: "192.0.2.50", userAgent: "vitest", previousSessionToken: null });
      clock.advance(60_000); // past each growing delay, so every try is counted until the lock
    }
    const locked = (await events(store)).filter((e) => e.type === "sign_in.locked_out");
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ subject_kind: "user", subject_id: "alice", summary: { username: "alice", clientAddress: "192.0.2.50", lockedForMinutes: 15 } });
    expect(JSON.stringify(await events(store))).not.toContain(wrong);
    expect((await listDeliveries(store, { limit: 10 })).map((d) => d.eventType)).toEqual(["sign_in.locked_out"]);
  });

  it("a reset whose answer was lost is reported unknown, then resolved by reconciliation", async () => {
    await h.fault({ action: "ResetDtsJob", kind: "hang", times: 1, holdMs: 3_000, effect: "apply" });
    await expect(performReset(ctx, oneWayRunning.jobId, oneWayResetRequest(), TEST_ACTOR)).rejects.toMatchObject({ code: "outcome_unknown" });
    expect((await events(store)).map((e) => e.type)).toEqual(["reset.unknown"]);
    const report = await reconcileOnce(createContext({ store, accounts: singleAccount(h.client()), settings: ctx.settings }));
    expect(report.resolved).toBe(1);
    const all = await events(store);
    expect(all.map((e) => e.type)).toEqual(["reset.unknown", "reset.unknown_resolved"]);
    expect(all[1]).toMatchObject({ subject_kind: "reset", summary: { outcome: "succeeded", resolvedBy: "reconciliation", task: oneWayRunning.jobId } });
    expect(all[0]!.subject_id).toBe(all[1]!.subject_id);
  });

  it("a bulk's start and finish are reported with its counts", async () => {
    const id = randomBytes(8).toString("hex");
    const now = new Date();
    const task = { account: "default", region: oneWayRunning.region, jobId: oneWayRunning.jobId, instanceId: oneWayRunning.instanceId, direction: "Forward" as const, taskName: oneWayRunning.name };
    await insertBulk(
      store,
      { id, idempotencyKey: null, status: "queued", reason: "failover", creator: { username: "alice", role: "operator", owner: "alice", address: null, userAgent: null }, createdAt: now, callsPerSecond: 1, itemsHash: "h", approvalExpiresAt: null },
      [
        { ...task, targetJobId: task.jobId, planStatus: "Synchronizing", planHash: "p", status: "queued", errorCode: null, errorMessage: null },
        { ...task, jobId: "other0000000001", targetJobId: "other0000000001", planStatus: "Locked", planHash: "p", status: "skipped", errorCode: "not_resettable", errorMessage: "locked" },
      ],
    );
    expect(await takeLease(store, id, "lease-1", now, 30_000)).toBe(true);
    await markStarted(store, id, "lease-1", now);
    const later = new Date(now.getTime() + 1_000);
    expect(await moveItem(store, id, 0, "lease-1", "queued", { status: "running" })).toBe(true);
    expect(await moveItem(store, id, 0, "lease-1", "running", { status: "failed", error_code: "dts_error", finished_at: later.toISOString() })).toBe(true);
    expect(await finishBulk(store, id, "lease-1", later)).toBe(true);
    const bulkEvents = (await events(store)).filter((e) => e.subject_kind === "bulk");
    expect(bulkEvents.map((e) => e.type)).toEqual(["bulk.started", "bulk.finished"]);
    expect(bulkEvents[0]!.summary).toMatchObject({ status: "running", total: 2, queued: 1, skipped: 1 });
    expect(bulkEvents[1]!.summary).toMatchObject({ status: "finished", total: 2, queued: 0, failed: 1, skipped: 1, succeeded: 0 });
    // A second finish moves nothing and reports nothing.
    expect(await finishBulk(store, id, "lease-1", later)).toBe(false);
    expect((await events(store)).filter((e) => e.type === "bulk.finished")).toHaveLength(1);
  });
});
