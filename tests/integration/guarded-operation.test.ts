// The guarded operation across operations and instances (issue 20): a reset and a reconfiguration
// of one task exclude each other, an approved request is checked again under the claim, two
// instances reconcile an open reconfiguration once. The real simulator over HTTP (its call log is
// the witness; holds decide when DTS answers), a real store on both dialects.
import { afterEach, beforeEach, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import { openDatabase } from "@/lib/db/open";
import type { AuditStore } from "@/lib/db/store";
import { getReconfiguration } from "@/lib/audit/reconfigurations";
import { getResetRequest } from "@/lib/approvals/store";
import { approveRequest, requestReset, type Participant } from "@/lib/approvals/service";
import { DomainError } from "@/lib/domain/errors";
import type { ConsoleContext } from "@/lib/context";
import type { DtsClient } from "@/lib/dts";
import { performReset } from "@/lib/reset/perform-reset";
import { performReconfigure } from "@/lib/reconfigure/perform-reconfigure";
import { reconcileReconfigurations } from "@/lib/reconfigure/reconcile";
import { findTaskByInstanceId } from "@/lib/tasks/service";
import { describeDialects, freshLocation } from "../unit/audit-helpers";
import { ctxOf, harnessPerSuite, oneWayResetRequest, TEST_ACTOR } from "./dts-harness";

const { oneWayRunning } = SEED_FIXTURES;
const passwords = { sourcePassword: "src-guarded-pw-1", destinationPassword: "dst-guarded-pw-2" };
const alice: Participant = { username: "alice", role: "operator", owner: "alice", address: null, userAgent: null };
const bob: Participant = { username: "bob", role: "operator", owner: "bob", address: null, userAgent: null };

const h = harnessPerSuite();

async function post(path: string, body?: unknown): Promise<Response> {
  return h.control(path, { method: "POST", headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** Waits on the event "n calls reached DTS and wait for their release", never on the clock. */
async function heldCalls(n: number): Promise<void> {
  await expect.poll(async () => ((await (await h.control("holds")).json()) as { held: unknown[] }).held.length, { timeout: 20_000 }).toBe(n);
}

async function refusalOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error("expected a refusal");
}

describeDialects("the guarded operation", (dialect) => {
  let store: AuditStore;
  let second: AuditStore;
  const ctx = (s: AuditStore = store, client: DtsClient = h.client()): ConsoleContext => ctxOf({ client, store: s });

  beforeEach(async () => {
    const location = freshLocation(dialect);
    store = await openDatabase(location);
    // A second console instance's handle on the same database (its own pool on PostgreSQL).
    second = dialect === "postgres" ? await openDatabase(location) : store;
  });
  afterEach(async () => {
    await post("holds/release");
    if (second !== store) await second.close();
    await store.close();
  });

  /** A succeeded reset of the one-way task: it is Not Configured afterwards, ready to reconfigure. */
  async function resetTask() {
    const { record } = await performReset(ctx(), oneWayRunning.jobId, oneWayResetRequest(), TEST_ACTOR);
    expect(record.status).toBe("succeeded");
    return record;
  }

  it("a reset while a reconfiguration of the same task is in flight is refused, and only the ConfigureDtsJob is sent", async () => {
    const reset = await resetTask();
    // DTS applies the configuration at once and holds its answer: the task no longer shows Not
    // Configured, so on its own a reset of it would now pass every status check.
    await post("holds", { action: "ConfigureDtsJob", runAt: "hold" });
    const reconfiguring = performReconfigure(ctx(), reset.id, passwords, TEST_ACTOR);
    await heldCalls(1);
    const { task } = await findTaskByInstanceId(h.client(), oneWayRunning.region, oneWayRunning.instanceId, "sync", { fresh: true });
    expect(task.status).not.toBe("NotConfigured");

    const refused = await refusalOf(
      performReset(ctx(second), task.jobId, oneWayResetRequest({ confirmation: task.jobId, reason: "a second operator, meanwhile" }), { ...TEST_ACTOR, username: "dave" }),
    );
    expect(refused.code).toBe("reconfigure_in_progress");
    expect(await h.calls("ResetDtsJob")).toHaveLength(1); // the first reset only

    await post("holds/release");
    const { record } = await reconfiguring;
    expect(record.status).toBe("succeeded");
    expect(await h.calls("ConfigureDtsJob")).toHaveLength(1);
  });

  it("a second reconfiguration, from another instance, while the first's ConfigureDtsJob is in flight is refused", async () => {
    const reset = await resetTask();
    // The first ConfigureDtsJob reaches DTS and waits: its record is pending, its claim consumed.
    await post("holds", { action: "ConfigureDtsJob", runAt: "release" });
    const first = performReconfigure(ctx(), reset.id, passwords, TEST_ACTOR).catch((error: unknown) => error);
    await heldCalls(1);
    const refused = await refusalOf(performReconfigure(ctx(second), reset.id, passwords, { ...TEST_ACTOR, username: "dave" }));
    expect(refused.code).toBe("reconfigure_in_progress");
    await post("holds/release");
    await first;
    expect(await h.calls("ConfigureDtsJob")).toHaveLength(1);
  });

  it("an approved request whose task changed between the approval's check and the claim sends nothing and is invalidated", async () => {
    const settings = { approval: { required: true, ttlHours: 24 } };
    const body = oneWayResetRequest();
    const { request } = await requestReset(ctxOf({ client: h.client(), store, settings }), oneWayRunning.jobId, body, alice);

    // A client that lets the approval's own check read the task as it was, then changes the task
    // in DTS (the simulator) just before the reset's read under the claim: the window of fault 3.
    const real = h.client();
    let lists = 0;
    const racing: DtsClient = {
      ...real,
      async listJobs(input, options) {
        if (++lists === 2) {
          const changed = await post(`jobs/${oneWayRunning.jobId}/status`, { status: "Suspending" });
          expect(changed.status).toBe(200);
        }
        return real.listJobs(input, options);
      },
    };
    const error = await refusalOf(approveRequest(ctxOf({ client: racing, store, settings }), request.id, bob, null));
    expect(lists).toBe(2);
    expect(error.code).toBe("request_invalidated");
    expect(error.message).toMatch(/status changed from Synchronizing to Suspending/);
    expect(await h.calls("ResetDtsJob")).toHaveLength(0);
    expect((await getResetRequest(store, request.id))!.status).toBe("invalidated");
  });

  it.skipIf(dialect === "sqlite")("two instances reconcile an open reconfiguration once", async () => {
    const reset = await resetTask();
    // ConfigureDtsJob applied, its answer lost: the record stays "unknown" for reconciliation.
    await h.fault({ action: "ConfigureDtsJob", kind: "internal", effect: "apply" });
    const lost = await refusalOf(performReconfigure(ctx(), reset.id, passwords, TEST_ACTOR));
    expect(lost.code).toBe("outcome_unknown");
    const id = (lost.data.reconfiguration as { id: string }).id;
    expect((await getReconfiguration(store, id))!.status).toBe("unknown");
    const before = (await h.calls()).length;

    // Instance A leases the record and reads the task; DTS holds that read. Instance B's round,
    // meanwhile, finds the lease taken and reads nothing.
    await post("holds", { action: "DescribeDtsJobs", runAt: "release" });
    const a = reconcileReconfigurations(ctx(store));
    await heldCalls(1);
    const b = await reconcileReconfigurations(ctx(second));
    expect(b).toEqual({ followed: 0, skipped: 1 });
    await post("holds/release");
    expect(await a).toEqual({ followed: 1, skipped: 0 });

    const record = (await getReconfiguration(store, id))!;
    expect(record).toMatchObject({ status: "succeeded", resolvedBy: "reconciliation", startStatus: "succeeded" });
    const since = (await h.calls()).slice(before);
    // One read to resolve it, one StartDtsJob, from A alone.
    expect(since.filter((c) => c.action === "StartDtsJob")).toHaveLength(1);
  });
});
