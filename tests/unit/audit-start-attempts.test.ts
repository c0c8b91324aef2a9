// The start_attempts table (migration 0009, "Start again"): on both dialects, one StartDtsJob in
// flight per task and direction whatever the requests (the partial unique index, also under many
// simultaneous writers), the key replayed, and the append-only rules.
import { afterEach, beforeEach, expect, it } from "vitest";
import { sql } from "kysely";
import type { AuditStore } from "@/lib/db/store";
import { beginAttempt, finishAttempt } from "@/lib/audit/reset-attempts";
import { beginReconfiguration, finishReconfigureCall } from "@/lib/audit/reconfigurations";
import { beginStartAttempt, finishStartAttempt, recordAttemptObservation, resolveStartAttempt, type NewStartAttempt } from "@/lib/audit/start-attempts";
import { claimTask, releaseClaim } from "@/lib/guarded/claims";
import { describeDialects, openFreshStore } from "./audit-helpers";

const actor = { username: "alice", role: "operator", address: null, userAgent: null };
const ref = { account: "default", region: "cn-hangzhou", instanceId: "dtsj1", direction: "Forward" as const };

describeDialects("the start_attempts table", (dialect) => {
  let store: AuditStore;
  let reconfigurationId: string;

  async function underClaim<T>(work: (claim: Parameters<typeof beginStartAttempt>[2]) => Promise<T>): Promise<T> {
    const claimed = await claimTask(store, ref, "reconfigure", new Date());
    if (!claimed.claimed) throw new Error("the task is claimed");
    try {
      return await work(claimed.claim);
    } finally {
      await releaseClaim(store, claimed.claim);
    }
  }

  beforeEach(async () => {
    store = await openFreshStore(dialect);
    const reset = await beginAttempt(store, {
      idempotencyKey: null, jobId: "j1", instanceId: "dtsj1", region: "cn-hangzhou", jobType: "SYNC", taskName: "t", direction: "Forward",
      resetJobId: "j1", reason: "why", actor, snapshotJob: {}, snapshotDetail: {},
    });
    if (reset.kind !== "created") throw new Error(reset.kind);
    await finishAttempt(store, reset.record.id, { status: "succeeded", finishedAt: new Date() });
    const rec = await underClaim((claim) =>
      beginReconfiguration(store, {
        idempotencyKey: null, account: "default", resetId: reset.record.id, jobId: "j1", instanceId: "dtsj1", region: "cn-hangzhou", direction: "Forward",
        taskName: "t", actor, requestedAt: new Date(), parameters: { DtsJobName: "t" },
      }, claim, new Date(0)),
    );
    if (rec.kind !== "created") throw new Error(rec.kind);
    await finishReconfigureCall(store, rec.record.id, { status: "succeeded", at: new Date() });
    reconfigurationId = rec.record.id;
  });
  afterEach(() => store.close());

  const input = (key: string | null = null): NewStartAttempt => ({
    idempotencyKey: key, reconfigurationId, account: "default", region: "cn-hangzhou", instanceId: "dtsj1", jobId: "j1", direction: "Forward",
    taskName: "t", actor, requestedAt: new Date(), statusBefore: "PrecheckFailed",
  });

  it("allows one start in flight per task and direction, and replays a key", async () => {
    const first = await underClaim((claim) => beginStartAttempt(store, input("start-key-1"), claim, new Date(0)));
    expect(first.kind).toBe("created");
    expect((await underClaim((claim) => beginStartAttempt(store, input(), claim, new Date(0)))).kind).toBe("in_progress");
    expect((await underClaim((claim) => beginStartAttempt(store, input("start-key-1"), claim, new Date(0)))).kind).toBe("replay");
    if (first.kind !== "created") throw new Error(first.kind);
    await finishStartAttempt(store, first.record.id, { status: "failed", at: new Date(), errorCode: "OperationDenied.JobStatus" });
    // Once it has an outcome, the next start (a new decision) may be written.
    expect((await underClaim((claim) => beginStartAttempt(store, input(), claim, new Date(Date.now() + 60_000)))).kind).toBe("created");
  });

  it("lets exactly one of many simultaneous unresolved inserts in, whatever the claims (the index arbitrates)", async () => {
    const row = (i: number) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, idempotency_key: null, reconfiguration_id: reconfigurationId, account: "default", region: "cn-hangzhou",
      instance_id: "dtsj1", job_id: "j1", direction: "Forward", task_name: "t", actor_username: "alice", actor_role: "operator", actor_address: null,
      actor_user_agent: null, requested_at: new Date().toISOString(), status_before: "NotStarted", status: "pending", progress: "starting",
    });
    const db = store.db.withTables<{ start_attempts: Record<string, unknown> }>() as never as import("kysely").Kysely<{ start_attempts: Record<string, unknown> }>;
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => db.insertInto("start_attempts").values(row(i)).execute()));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses deletes, rewrites and moves backwards", async () => {
    const begun = await underClaim((claim) => beginStartAttempt(store, input(), claim, new Date(0)));
    if (begun.kind !== "created") throw new Error(begun.kind);
    const id = begun.record.id;
    await expect(sql`DELETE FROM start_attempts WHERE id = ${id}`.execute(store.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE start_attempts SET job_id = 'other' WHERE id = ${id}`.execute(store.db)).rejects.toThrow(/cannot change/);
    await finishStartAttempt(store, id, { status: "unknown", at: new Date() });
    expect(await resolveStartAttempt(store, id, { status: "succeeded", at: new Date(), note: "moved on" })).toMatchObject({ status: "succeeded", resolvedBy: "reconciliation" });
    await expect(sql`UPDATE start_attempts SET status = 'pending' WHERE id = ${id}`.execute(store.db)).rejects.toThrow(/illegal status transition/);
    expect(await recordAttemptObservation(store, id, { progress: "precheck_failed", taskStatus: "PrecheckFailed", at: new Date() })).toMatchObject({ progress: "precheck_failed" });
    // A final progress is never overwritten: the guarded update does nothing, and the trigger refuses it.
    expect(await recordAttemptObservation(store, id, { progress: "prechecking", taskStatus: "Prechecking", at: new Date() })).toBeNull();
    await expect(sql`UPDATE start_attempts SET progress = 'prechecking' WHERE id = ${id}`.execute(store.db)).rejects.toThrow(/illegal progress transition/);
  });
});
