// "Start again" (issue 25) against the real simulator over HTTP with real signatures, on SQLite and
// PostgreSQL (the store arbitrates "one start in flight"): a reconfiguration whose precheck failed
// (a failure injected in the simulator and kept until cleared, as a cause stays until the operator
// fixes it) is started again; the StartDtsJob sent is checked; the same key never sends twice;
// concurrent requests send exactly one StartDtsJob (the first one held inside the simulator until
// the test releases it, never a sleep); a refused and an unknown start are recorded and resolved.
import { expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import type { AuditStore } from "@/lib/db/store";
import { ERROR_STATUS } from "@/lib/api/errors";
import { DomainError } from "@/lib/domain/errors";
import { offersStartAgain } from "@/lib/domain/start-again";
import { performReset } from "@/lib/reset/perform-reset";
import { performReconfigure } from "@/lib/reconfigure/perform-reconfigure";
import { followReconfiguration } from "@/lib/reconfigure/follow";
import { performStartAgain } from "@/lib/reconfigure/start-again";
import { followStartAttempt, reconcileStartAttempt } from "@/lib/reconfigure/follow-start";
import { toReconfigurationWithStarts, toStartAttemptRecord } from "@/lib/reconfigure/dto";
import { getReconfiguration, type Reconfiguration } from "@/lib/audit/reconfigurations";
import { getStartAttempt, listStartAttempts, type StartAttempt } from "@/lib/audit/start-attempts";
import { ctxOf, harnessPerSuite, TEST_ACTOR } from "./dts-harness";
import { describeDialects, freshLocation, storesClosedAfterEach } from "../unit/audit-helpers";

const { oneWayRunning } = SEED_FIXTURES;
const passwords = { sourcePassword: "src-pw-start-again", destinationPassword: "dst-pw-start-again" };
const ACCESS_DENIED = "DTS-1020042 Access denied for user 'dts_sync'@'100.104.0.0/16' (using password: YES)";
const REPAIR = "Grant the account access from DTS's CIDR blocks, then start the precheck again.";

const h = harnessPerSuite();

async function control(path: string, method = "POST", body?: unknown) {
  const response = await h.control(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    return { status: ERROR_STATUS[e.code], code: e.code, message: e.message, data: e.data };
  }
  throw new Error("expected a DomainError");
}

const FINAL = ["synchronizing", "precheck_failed", "failed"];

describeDialects("Start again", (dialect) => {
  const open = storesClosedAfterEach();
  let store: AuditStore;
  const deps = () => ctxOf({ client: h.client(), store });

  async function followToEnd(rec: Reconfiguration): Promise<Reconfiguration> {
    let current = rec;
    for (let i = 0; i < 10 && !FINAL.includes(current.progress); i++) current = await followReconfiguration(deps(), current);
    return current;
  }
  async function followAttempt(attempt: StartAttempt): Promise<StartAttempt> {
    let current = attempt;
    for (let i = 0; i < 10 && !FINAL.includes(current.progress); i++) current = await followStartAttempt(deps(), current);
    return current;
  }

  /** A reset and reconfigured one-way task whose precheck failed on an item that stays failing until cleared. */
  async function precheckFailed(): Promise<Reconfiguration> {
    store = await open(freshLocation(dialect));
    await control("precheck/failures", "POST", { jobId: oneWayRunning.jobId, item: "CHECK_CONN_SRC", repairMethod: REPAIR, persistent: true });
    const { record: reset } = await performReset(deps(), oneWayRunning.jobId, {
      region: oneWayRunning.region as never, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: "start again",
    }, TEST_ACTOR);
    const { record } = await performReconfigure(deps(), reset.id, passwords, TEST_ACTOR);
    const done = await followToEnd(record);
    expect(done.progress).toBe("precheck_failed");
    expect(done.precheck?.failed).toEqual([{ item: "CHECK_CONN_SRC", state: "Failed", message: ACCESS_DENIED, repairMethod: REPAIR }]);
    return done;
  }

  it("starts again after an injected precheck failure: fails while the cause stays, runs once it is fixed, each StartDtsJob sent once", async () => {
    const rec = await precheckFailed();
    expect(offersStartAgain(toReconfigurationWithStarts(rec, []))).toBe(true);
    const startsBefore = (await h.calls("StartDtsJob")).length;

    // Not fixed yet: DTS runs the precheck again and it fails again, with its advice.
    const first = await performStartAgain(deps(), rec.id, { idempotencyKey: "start-again-1" }, TEST_ACTOR);
    const starts = await h.calls("StartDtsJob");
    expect(starts).toHaveLength(startsBefore + 1);
    expect(starts.at(-1)!.params).toMatchObject({
      DtsJobId: oneWayRunning.jobId, DtsInstanceId: oneWayRunning.instanceId, SynchronizationDirection: "Forward", RegionId: oneWayRunning.region,
    });
    expect(first.replayed).toBe(false);
    expect(first.record).toMatchObject({ status: "succeeded", resolvedBy: "response", statusBefore: "PrecheckFailed", reconfigurationId: rec.id });
    expect(first.record.requestId).toMatch(/\S/);
    expect(toStartAttemptRecord(first.record).equivalent.cli).toBe(
      `aliyun dts StartDtsJob --RegionId ${oneWayRunning.region} --DtsJobId ${oneWayRunning.jobId} --DtsInstanceId ${oneWayRunning.instanceId} --SynchronizationDirection Forward`,
    );
    const again = await followAttempt(first.record);
    expect(again.progress).toBe("precheck_failed");
    expect(again.precheck?.failed[0]).toMatchObject({ item: "CHECK_CONN_SRC", message: ACCESS_DENIED, repairMethod: REPAIR });
    expect(offersStartAgain(toReconfigurationWithStarts(rec, await listStartAttempts(store, rec.id)))).toBe(true);

    // The same key is the same start: answered from the record, nothing sent.
    const replay = await performStartAgain(deps(), rec.id, { idempotencyKey: "start-again-1" }, TEST_ACTOR);
    expect(replay).toMatchObject({ replayed: true, record: { id: first.record.id } });
    expect(await h.calls("StartDtsJob")).toHaveLength(startsBefore + 1);

    // The operator fixes the cause.
    expect(await control(`precheck/failures?jobId=${oneWayRunning.jobId}`, "DELETE")).toEqual({ cleared: 1 });
    const second = await performStartAgain(deps(), rec.id, { idempotencyKey: "start-again-2" }, TEST_ACTOR);
    const running = await followAttempt(second.record);
    expect(running).toMatchObject({ progress: "synchronizing", taskStatus: "Synchronizing" });
    expect(await h.calls("StartDtsJob")).toHaveLength(startsBefore + 2);
    const attempts = await listStartAttempts(store, rec.id);
    expect(attempts.map((a) => a.id)).toEqual([second.record.id, first.record.id]);
    // The reconfiguration's own record is unchanged: what came after is the attempts'.
    expect((await getReconfiguration(store, rec.id))!.progress).toBe("precheck_failed");
    expect(offersStartAgain(toReconfigurationWithStarts(rec, attempts))).toBe(false);

    // Running now: refused from the records, nothing read or sent.
    const refused = await refusal(performStartAgain(deps(), rec.id, { idempotencyKey: "start-again-3" }, TEST_ACTOR));
    expect(refused).toMatchObject({ status: 409, code: "not_startable" });
    expect(await h.calls("StartDtsJob")).toHaveLength(startsBefore + 2);
  });

  it("starts again a task whose first StartDtsJob DTS refused (still Not Started)", async () => {
    store = await open(freshLocation(dialect));
    const { record: reset } = await performReset(deps(), oneWayRunning.jobId, {
      region: oneWayRunning.region as never, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: "start refused",
    }, TEST_ACTOR);
    await h.fault({ action: "StartDtsJob", kind: "dts-failure", errCode: "OperationDenied.JobStatus", errMessage: "The job status does not allow this operation.", httpStatusCode: 403 });
    const { record } = await performReconfigure(deps(), reset.id, passwords, TEST_ACTOR);
    const stuck = await followToEnd(record);
    expect(stuck).toMatchObject({ progress: "failed", taskStatus: "NotStarted", startStatus: "failed", startErrorCode: "OperationDenied.JobStatus" });
    expect(offersStartAgain(toReconfigurationWithStarts(stuck, []))).toBe(true);
    const again = await performStartAgain(deps(), stuck.id, { idempotencyKey: "after-refused-start" }, TEST_ACTOR);
    expect(again.record.statusBefore).toBe("NotStarted");
    expect((await followAttempt(again.record)).progress).toBe("synchronizing");
  });

  it("a first start of unknown outcome that did not take effect is judged so past the settle window, and Start again is offered", async () => {
    store = await open(freshLocation(dialect));
    const { record: reset } = await performReset(deps(), oneWayRunning.jobId, {
      region: oneWayRunning.region as never, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: "start lost",
    }, TEST_ACTOR);
    // DTS did nothing, and the console cannot know it: a 500 is an unknown outcome.
    await h.fault({ action: "StartDtsJob", kind: "internal" });
    const { record } = await performReconfigure(deps(), reset.id, passwords, TEST_ACTOR);
    const open1 = (await getReconfiguration(store, record.id))!;
    expect(open1).toMatchObject({ startStatus: "unknown", progress: "configuring" });
    // Within the settle window (the default 5 minutes), Not Started proves nothing yet.
    expect((await followReconfiguration(deps(), open1)).startStatus).toBe("unknown");
    const settled = await followReconfiguration(ctxOf({ client: h.client(), store, settleMs: 0 }), open1);
    expect(settled).toMatchObject({ startStatus: "failed", progress: "failed", taskStatus: "NotStarted" });
    expect(settled.startErrorMessage).toMatch(/did not take effect/);
    expect(offersStartAgain(toReconfigurationWithStarts(settled, []))).toBe(true);
  });

  it("concurrent Start again requests send exactly one StartDtsJob", async () => {
    const rec = await precheckFailed();
    await control("precheck/failures", "DELETE");
    const startsBefore = (await h.calls("StartDtsJob")).length;
    await control("holds", "POST", { action: "StartDtsJob", count: 1, runAt: "release" });
    const requests = Array.from({ length: 8 }, (_, i) =>
      performStartAgain(deps(), rec.id, { idempotencyKey: `concurrent-start-${i}` }, TEST_ACTOR).then(
        (outcome) => ({ ok: true as const, outcome }),
        (error: unknown) => ({ ok: false as const, error: error as DomainError }),
      ),
    );
    // Wait for the event: the one StartDtsJob reached DTS and waits there.
    for (;;) {
      const held = (await (await h.control("holds")).json()) as { held: unknown[] };
      if (held.held.length > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await control("holds/release", "POST");
    const results = await Promise.all(requests);
    const sent = results.filter((r) => r.ok);
    expect(sent).toHaveLength(1);
    for (const r of results) {
      if (!r.ok) expect(["reconfigure_in_progress", "task_just_reconfigured"]).toContain(r.error.code);
    }
    expect(await h.calls("StartDtsJob")).toHaveLength(startsBefore + 1);
    expect(await listStartAttempts(store, rec.id)).toHaveLength(1);
  });

  it("records a StartDtsJob DTS refused with its code and RequestId, and a start of unknown outcome is resolved from the task, never re-sent", async () => {
    const rec = await precheckFailed();
    await control("precheck/failures", "DELETE");
    await h.fault({ action: "StartDtsJob", kind: "dts-failure", errCode: "OperationDenied.JobStatus", errMessage: "The job status does not allow this operation.", httpStatusCode: 403 });
    const refused = await refusal(performStartAgain(deps(), rec.id, { idempotencyKey: "refused-start-1" }, TEST_ACTOR));
    expect(refused).toMatchObject({ status: 502, code: "dts_error" });
    const failedId = (refused.data.startAttempt as { id: string }).id;
    const failed = (await getStartAttempt(store, failedId))!;
    expect(failed).toMatchObject({ status: "failed", progress: "failed", errorCode: "OperationDenied.JobStatus", resolvedBy: "response" });
    expect(failed.requestId).toMatch(/\S/);
    expect(offersStartAgain(toReconfigurationWithStarts(rec, [failed]))).toBe(true);

    // DTS applied it, the answer was lost.
    await h.fault({ action: "StartDtsJob", kind: "internal", effect: "apply" });
    const lost = await refusal(performStartAgain(deps(), rec.id, { idempotencyKey: "lost-start-1" }, TEST_ACTOR));
    expect(lost).toMatchObject({ status: 504, code: "outcome_unknown" });
    const startsAfter = (await h.calls("StartDtsJob")).length;
    const unknown = (await getStartAttempt(store, (lost.data.startAttempt as { id: string }).id))!;
    expect(unknown.status).toBe("unknown");
    // In flight for everyone until resolved: a further start is refused, nothing sent.
    expect(await refusal(performStartAgain(deps(), rec.id, { idempotencyKey: "lost-start-2" }, TEST_ACTOR))).toMatchObject({ code: "reconfigure_in_progress" });
    const resolved = await reconcileStartAttempt(deps(), unknown);
    expect(resolved).toMatchObject({ status: "succeeded", resolvedBy: "reconciliation" });
    expect(resolved.reconciliationNote).toMatch(/took effect/);
    expect(await h.calls("StartDtsJob")).toHaveLength(startsAfter);
  });
});
