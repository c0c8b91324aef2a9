// The guarded reset and reconciliation: real simulator over HTTP, real SQLite file.
import { describe, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import { openDatabase } from "@/lib/db/open";
import type { AuditStore } from "@/lib/db/store";
import { getReset, listResetsForInstance } from "@/lib/audit/reset-queries";
import { ERROR_STATUS } from "@/lib/api/errors";
import { DomainError } from "@/lib/domain/errors";
import { performReset } from "@/lib/reset/perform-reset";
import { reconcileOnce } from "@/lib/reset/reconcile";
import { auditStorePerTest, harnessPerSuite, oneWayResetRequest, TEST_ACTOR, ctxOf } from "./dts-harness";

const { oneWayRunning, twoWayRunning } = SEED_FIXTURES;
const actor = TEST_ACTOR;

const h = harnessPerSuite();
let dbFile: string;
let store: AuditStore;
auditStorePerTest("reset-service-", (temp) => ({ dbFile, store } = temp), () => store);

const request = oneWayResetRequest;

/** The domain error a reset was refused with, and the status the API answers it with. */
async function apiError(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string; extra: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const { code, message, data } = error as DomainError;
    return { status: ERROR_STATUS[code], code, message, extra: data };
  }
  throw new Error("expected a DomainError");
}

describe("performReset", () => {
  it("records the attempt with a snapshot of what the reset destroys, then the outcome", async () => {
    const { record, replayed } = await performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, request(), actor);
    expect(replayed).toBe(false);
    expect(record).toMatchObject({
      status: "succeeded",
      httpStatus: 200,
      resolvedBy: "response",
      jobId: oneWayRunning.jobId,
      resetJobId: oneWayRunning.jobId,
      taskName: oneWayRunning.name,
      actor: { username: "alice" },
    });
    expect(record.requestId).toBeTruthy();
    // The snapshot is the task BEFORE the reset: endpoints and selected objects still there.
    expect(record.snapshotJob).toMatchObject({ DtsJobId: oneWayRunning.jobId, Status: "Synchronizing" });
    expect((record.snapshotJob.SourceEndpoint as Record<string, unknown>).InstanceID).toBeTruthy();
    expect(record.snapshotDetail.DbObject).toContain("orders");
    expect(record.snapshotDetail.MigrationMode).toBeTruthy();
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
  });

  it("resets the reverse task of a two-way instance, confirmed with the reverse task's ID", async () => {
    const { record } = await performReset(
      ctxOf({ client: h.client(), store }),
      twoWayRunning.jobId,
      request({ region: twoWayRunning.region, instanceId: twoWayRunning.instanceId, direction: "Reverse", confirmation: twoWayRunning.reverseJobId! }),
      actor,
    );
    expect(record).toMatchObject({ status: "succeeded", direction: "Reverse", resetJobId: twoWayRunning.reverseJobId });
    expect(record.snapshotDetail.DtsJobId).toBe(twoWayRunning.reverseJobId);
    expect((await h.calls("ResetDtsJob"))[0]?.params.SynchronizationDirection).toBe("Reverse");
  });

  it("records a failure with DTS's code, message, RequestId and status", async () => {
    await h.fault({ action: "ResetDtsJob", kind: "dts-failure", times: 1, errCode: "InvalidParameter", errMessage: "The Value of Input Parameter %s is not valid.", dynamicMessage: "DtsInstanceId" });
    const error = await apiError(performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, request(), actor));
    expect(error).toMatchObject({ status: 502, code: "dts_error" });
    expect(error.extra).toMatchObject({ dtsCode: "InvalidParameter", retrySafe: true });
    const [record] = await listResetsForInstance(store, oneWayRunning.instanceId);
    expect(record).toMatchObject({
      status: "failed",
      errorCode: "InvalidParameter",
      errorMessage: "The Value of Input Parameter DtsInstanceId is not valid.",
      errorKind: "invalid",
      httpStatus: 200,
      retrySafe: true,
      resolvedBy: "response",
    });
    expect(record?.requestId).toBeTruthy();
    expect(record?.finishedAt).toBeTruthy();
  });

  it("records an unknown outcome after a timeout and sends the reset once", async () => {
    await h.fault({ action: "ResetDtsJob", kind: "hang", times: 1, holdMs: 3_000 });
    const error = await apiError(performReset(ctxOf({ client: h.client({ readTimeoutMs: 300, connectTimeoutMs: 300 }), store }), oneWayRunning.jobId, request(), actor));
    expect(error).toMatchObject({ status: 504, code: "outcome_unknown" });
    const [record] = await listResetsForInstance(store, oneWayRunning.instanceId);
    expect(record).toMatchObject({ status: "unknown", errorKind: "unknown_outcome", retrySafe: false });
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
  });

  it("replays an idempotency key without calling DTS again", async () => {
    const body = request({ idempotencyKey: "replay-key-12345" });
    const first = await performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, body, actor);
    const second = await performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, body, actor);
    expect(second).toMatchObject({ replayed: true, record: { id: first.record.id } });
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
  });

  it("lets only one of two concurrent resets of the same task through", async () => {
    await h.fault({ action: "ResetDtsJob", kind: "latency", latencyMs: 400, times: 2 });
    const results = await Promise.allSettled([
      performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, request(), actor),
      performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, request(), actor),
    ]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatchObject({ code: expect.stringMatching(/reset_in_progress|not_resettable|task_just_reset/) });
    expect(ERROR_STATUS[(rejected[0]?.reason as DomainError).code]).toBe(409);
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
  });

  it("does not send the reset when the audit record cannot be written", async () => {
    // A closed store fails every write, as a full disk or a lost volume would. (Tests run as
    // root, so file permissions cannot make SQLite refuse.)
    await store.close();
    const error = await apiError(performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, request(), actor));
    expect(error).toMatchObject({ status: 503, code: "audit_unavailable" });
    expect(error.message).toMatch(/NOT sent/);
    expect(await h.calls("ResetDtsJob")).toHaveLength(0);
    store = await openDatabase({ path: dbFile });
  });
});

describe("reconciliation", () => {
  const later = (seconds: number) => () => new Date(Date.now() + seconds * 1000);

  it.each([
    ["apply", "succeeded", /took effect/, 31],
    // A task still in its old state proves nothing until the settle window has passed: DTS may
    // finish a reset after answering. Only then is the attempt called failed.
    ["skip", "failed", /did not take effect/, 301],
  ] as const)("resolves an unknown outcome from the task's state (DTS %s)", async (effect, status, note, resolvedAfterSeconds) => {
    await h.fault({ action: "ResetDtsJob", kind: "hang", times: 1, holdMs: 3_000, effect });
    await apiError(performReset(ctxOf({ client: h.client({ readTimeoutMs: 300, connectTimeoutMs: 300 }), store }), oneWayRunning.jobId, request(), actor));

    // The answer already arrived as "unknown": no live request waits on it, so the task is read at
    // once (no minimum age). A reset that took effect is resolved now; one that did not waits out
    // the settle window.
    const first = await reconcileOnce(ctxOf({ client: h.client(), store }));
    if (effect === "skip") {
      expect(first).toMatchObject({ resolved: 0, waiting: 1 });
      expect(await reconcileOnce(ctxOf({ client: h.client(), store, now: later(31) }))).toMatchObject({ resolved: 0, waiting: 1 });
      expect((await listResetsForInstance(store, oneWayRunning.instanceId))[0]?.status).toBe("unknown");
      const report = await reconcileOnce(ctxOf({ client: h.client(), store, now: later(resolvedAfterSeconds) }));
      expect(report.resolved).toBe(1);
    } else {
      expect(first).toMatchObject({ resolved: 1 });
    }
    const [record] = await listResetsForInstance(store, oneWayRunning.instanceId);
    expect(record).toMatchObject({ status, resolvedBy: "reconciliation" });
    expect(record?.reconciliationNote).toMatch(note);
    expect(record?.reconciledAt).toBeTruthy();
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
  });

  it("records when a successful reset was first seen to have taken effect", async () => {
    const { record } = await performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, request(), actor);
    expect(record.verifiedAt).toBeNull();
    expect((await reconcileOnce(ctxOf({ client: h.client(), store }))).verified).toBe(1);
    expect((await getReset(store, record.id))?.verifiedAt).toBeTruthy();
    expect((await reconcileOnce(ctxOf({ client: h.client(), store }))).verified).toBe(0);
  });

  it("follows the task to its new ID when DTS gives it one", async () => {
    await h.control("config", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ keepJobIdOnReset: false }) });
    try {
      const { record } = await performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, request(), actor);
      await reconcileOnce(ctxOf({ client: h.client(), store }));
      const verified = await getReset(store, record.id);
      expect(verified?.verifiedAt).toBeTruthy();
      expect(verified?.jobIdAfter).toBeTruthy();
      expect(verified?.jobIdAfter).not.toBe(oneWayRunning.jobId);
    } finally {
      await h.control("config", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ keepJobIdOnReset: true }) });
    }
  });
});
