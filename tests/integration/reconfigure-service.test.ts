// Reconfiguring a reset task from its snapshot: the real simulator over HTTP, the real signed
// client, a real SQLite file. The precheck timeline moves only on the simulator's events (reads of
// DescribePreCheckStatus, /__sim/precheck/advance), never on the clock.
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { SEED_FIXTURES, type SeedFixture } from "@/simulator/seed-fixtures";
import { SECRET_SENT } from "@/simulator/call-log";
import { openDatabase } from "@/lib/db/open";
import type { AuditStore } from "@/lib/db/store";
import { ERROR_STATUS } from "@/lib/api/errors";
import { DomainError } from "@/lib/domain/errors";
import type { Direction } from "@/lib/domain/task";
import { performReset } from "@/lib/reset/perform-reset";
import { performReconfigure } from "@/lib/reconfigure/perform-reconfigure";
import { followReconfiguration } from "@/lib/reconfigure/follow";
import { reconcileReconfiguration } from "@/lib/reconfigure/reconcile";
import { getReconfiguration, type Reconfiguration } from "@/lib/audit/reconfigurations";
import { toReconfigurationRecord } from "@/lib/reconfigure/dto";
import { auditStorePerTest, harnessPerSuite, TEST_ACTOR, ctxOf } from "./dts-harness";

const { oneWayRunning, twoWayRunning, failedWithError, prechecking } = SEED_FIXTURES;
const actor = TEST_ACTOR;
const SOURCE_CANARY = "src-CANARY-pw-5f1e9a";
const DEST_CANARY = "dst-CANARY-pw-0c77b2";
const passwords = { sourcePassword: SOURCE_CANARY, destinationPassword: DEST_CANARY };

const h = harnessPerSuite();
let dbFile: string;
let store: AuditStore;
auditStorePerTest("reconfigure-", (temp) => ({ dbFile, store } = temp), () => store);

const deps = () => (ctxOf({ client: h.client(), store }));

async function json(path: string, method = "POST", body?: unknown) {
  const response = await h.control(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

async function reset(fixture: SeedFixture, direction: Direction = "Forward") {
  const confirmation = direction === "Forward" ? fixture.jobId : fixture.reverseJobId!;
  const { record } = await performReset(deps(), fixture.jobId, {
    region: fixture.region as never, instanceId: fixture.instanceId, direction, confirmation, reason: "reconfigure test",
  }, actor);
  expect(record.status).toBe("succeeded");
  return record;
}

async function lastConfigureParams(): Promise<Record<string, string>> {
  const calls = await h.calls("ConfigureDtsJob");
  expect(calls.length).toBeGreaterThan(0);
  return calls.at(-1)!.params;
}

/** Follows until the progress is final (each step reads the precheck once: one simulator event). */
async function followToEnd(rec: Reconfiguration, maxSteps = 10): Promise<Reconfiguration> {
  let current = rec;
  for (let i = 0; i < maxSteps && !["synchronizing", "precheck_failed", "failed"].includes(current.progress); i++) {
    current = await followReconfiguration(deps(), current);
  }
  return current;
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

const COMMON_RESERVE = {
  "whitelist.dms.online.ddl.enable": "false",
  filterDDL: "false",
  "sqlparser.dms.original.ddl": "true",
  // 43200 in Detail (seconds) → 720 minutes in ConfigureDtsJob.
  maxRetryTime: "720",
  destSSL: "0",
  srcSSL: "0",
  dbListCaseChangeMode: "default",
  targetTableMode: "0",
  autoStartModulesAfterConfig: "none",
};

describe("ConfigureDtsJob parameters are the mapping of the snapshot, with DTS's casing", () => {
  it("MySQL (RDS) to PolarDB", async () => {
    const r = await reset(oneWayRunning);
    const { record } = await performReconfigure(deps(), r.id, passwords, actor);
    const sent = await lastConfigureParams();
    expect(sent).toMatchObject({
      DtsJobId: oneWayRunning.jobId,
      DtsInstanceId: oneWayRunning.instanceId,
      RegionId: oneWayRunning.region,
      JobType: "SYNC",
      DtsJobName: oneWayRunning.name,
      SourceEndpointInstanceType: "RDS",
      SourceEndpointEngineName: "MYSQL",
      SourceEndpointRegion: "cn-hangzhou",
      SourceEndpointInstanceID: "rm-bp162kryivb8a3c5",
      SourceEndpointDatabaseName: "orders",
      SourceEndpointUserName: "dts_sync",
      DestinationEndpointInstanceType: "PolarDB",
      DestinationEndpointEngineName: "PolarDB",
      DestinationEndpointInstanceID: "pc-bp19x0ab1cd2ef3g",
      DestinationEndpointDataBaseName: "orders",
      StructureInitialization: "true",
      DataInitialization: "true",
      DataSynchronization: "true",
      SourceEndpointPassword: SECRET_SENT,
      DestinationEndpointPassword: SECRET_SENT,
    });
    // Not sent: no SynchronizationDirection on a one-way task, no IP for a cloud instance, no lowercase DatabaseName on the destination.
    expect(sent).not.toHaveProperty("SynchronizationDirection");
    expect(sent).not.toHaveProperty("SourceEndpointIP");
    expect(sent).not.toHaveProperty("DestinationEndpointDatabaseName");
    expect(JSON.parse(sent.DbList!)).toEqual({ orders: { name: "orders", all: true } });
    expect(JSON.parse(sent.Reserve!)).toEqual(COMMON_RESERVE);
    expect(record).toMatchObject({ status: "succeeded", resolvedBy: "response", httpStatus: 200 });
    expect(record.requestId).toBeTruthy();
    // Recorded: every parameter, no password.
    expect(record.parameters).not.toHaveProperty("SourceEndpointPassword");
    expect(record.parameters["Reserve.maxRetryTime"]).toBe("720");

    const done = await followToEnd(record);
    expect(done.progress).toBe("synchronizing");
    expect(done.startStatus).toBe("succeeded");
    expect(await h.calls("StartDtsJob")).toHaveLength(1);
    // DescribeDtsJobDetail returns the configuration afterwards, in display case, never a password.
    const detail = await h.client().getJobDetail({ region: oneWayRunning.region, jobId: oneWayRunning.jobId, direction: "Forward" });
    expect(detail.status).toBe("Synchronizing");
    expect(detail.raw.DestinationEndpoint).toMatchObject({ EngineName: "POLARDB", InstanceType: "POLARDB", DatabaseName: "orders" });
    expect(JSON.stringify(detail.raw)).not.toContain(SOURCE_CANARY);
  });

  it("self-managed MySQL to MySQL: the address is sent for OTHER", async () => {
    const r = await reset(failedWithError);
    await performReconfigure(deps(), r.id, passwords, actor);
    const sent = await lastConfigureParams();
    expect(sent).toMatchObject({
      SourceEndpointInstanceType: "OTHER", SourceEndpointEngineName: "MYSQL", SourceEndpointIP: "47.98.120.33", SourceEndpointPort: "3306",
      DestinationEndpointInstanceType: "RDS", DestinationEndpointEngineName: "MYSQL", DestinationEndpointDataBaseName: "logistics",
    });
    expect(sent).not.toHaveProperty("SourceEndpointInstanceID");
  });

  it("MySQL to Kafka", async () => {
    await json(`jobs/${prechecking.jobId}/status`, "POST", { status: "Synchronizing" });
    const r = await reset(prechecking);
    await performReconfigure(deps(), r.id, passwords, actor);
    const sent = await lastConfigureParams();
    expect(sent).toMatchObject({
      SourceEndpointInstanceType: "RDS", SourceEndpointEngineName: "MYSQL",
      DestinationEndpointInstanceType: "KAFKA", DestinationEndpointEngineName: "KAFKA", DestinationEndpointInstanceID: "alikafka_post-cn-7pp2bz47x00d",
    });
    expect(sent).not.toHaveProperty("DestinationEndpointDataBaseName");
  });

  it("a two-way instance: forward first, the reverse task only once the forward one is Synchronizing", async () => {
    await json("precheck", "PATCH", { readsPerStage: null });
    const reverseReset = await reset(twoWayRunning, "Reverse");
    const forwardReset = await reset(twoWayRunning, "Forward");

    // Reverse first is refused: the forward task is Not Configured.
    const early = await refusal(performReconfigure(deps(), reverseReset.id, passwords, actor));
    expect(early).toMatchObject({ status: 409, code: "not_reconfigurable" });
    expect(early.message).toMatch(/forward task first/);
    expect(await h.calls("ConfigureDtsJob")).toHaveLength(0);

    const { record: forward } = await performReconfigure(deps(), forwardReset.id, passwords, actor);
    const sentForward = await lastConfigureParams();
    expect(sentForward).toMatchObject({ SynchronizationDirection: "Forward", DtsJobId: twoWayRunning.jobId, SourceEndpointEngineName: "MYSQL", DestinationEndpointEngineName: "MYSQL" });
    expect(forward.progress).toBe("prechecking");
    // Still refused while the forward task is prechecking (the timeline waits for the test).
    expect(await refusal(performReconfigure(deps(), reverseReset.id, passwords, actor))).toMatchObject({ code: "not_reconfigurable" });
    await json("precheck/advance", "POST", { jobId: twoWayRunning.jobId });
    await json("precheck/advance", "POST", { jobId: twoWayRunning.jobId });
    expect((await followReconfiguration(deps(), forward)).progress).toBe("synchronizing");

    await performReconfigure(deps(), reverseReset.id, passwords, actor);
    const sentReverse = await lastConfigureParams();
    expect(sentReverse).toMatchObject({ SynchronizationDirection: "Reverse", DtsJobId: twoWayRunning.reverseJobId });
    expect(JSON.parse(sentReverse.Reserve!)).toMatchObject({ filterDDL: "false", targetTableMode: "0" });
  });

  it("operator overrides are sent; fixed parameters cannot be overridden", async () => {
    const r = await reset(oneWayRunning);
    await performReconfigure(deps(), r.id, { ...passwords, overrides: { "Reserve.targetTableMode": "2", DataInitialization: "false" } }, actor);
    const sent = await lastConfigureParams();
    expect(sent.DataInitialization).toBe("false");
    expect(JSON.parse(sent.Reserve!).targetTableMode).toBe("2");
    const { reconfigureRequestSchema } = await import("@/lib/domain/reconfigure-request");
    expect(reconfigureRequestSchema.safeParse({ ...passwords, overrides: { DtsJobId: "x" } }).success).toBe(false);
    expect(reconfigureRequestSchema.safeParse({ sourcePassword: "", destinationPassword: "x" }).success).toBe(false);
  });
});

describe("guards", () => {
  it("refuses a task that is no longer Not Configured; a change tracking task never gets ConfigureDtsJob", async () => {
    const r = await reset(oneWayRunning);
    await json(`jobs/${oneWayRunning.jobId}/status`, "POST", { status: "Synchronizing" });
    expect(await refusal(performReconfigure(deps(), r.id, passwords, actor))).toMatchObject({ status: 409, code: "not_reconfigurable" });
    // Change tracking tasks are configured with ConfigureSubscription (reconfigure-subscription.test.ts):
    // ConfigureDtsJob's destination parameters are refused for one, before anything is sent.
    const sub = await reset(SEED_FIXTURES.subscribeNormal);
    const refused = await refusal(performReconfigure(deps(), sub.id, { ...passwords, overrides: { DestinationEndpointInstanceType: "RDS" } }, actor));
    expect(refused).toMatchObject({ status: 400, code: "invalid_request" });
    expect(await h.calls("ConfigureDtsJob")).toHaveLength(0);
    expect(await h.calls("ConfigureSubscription")).toHaveLength(0);
  });

  it("replays the same idempotency key without a second call", async () => {
    const r = await reset(oneWayRunning);
    const first = await performReconfigure(deps(), r.id, { ...passwords, idempotencyKey: "reconf-key-0001" }, actor);
    const again = await performReconfigure(deps(), r.id, { ...passwords, idempotencyKey: "reconf-key-0001" }, actor);
    expect(again).toMatchObject({ replayed: true, record: { id: first.record.id } });
    expect(await h.calls("ConfigureDtsJob")).toHaveLength(1);
  });

  it("follows a new task ID after the reset", async () => {
    await json("config", "PATCH", { keepJobIdOnReset: false });
    const r = await reset(oneWayRunning);
    const { record } = await performReconfigure(deps(), r.id, passwords, actor);
    expect(record.jobId).not.toBe(oneWayRunning.jobId);
    expect((await lastConfigureParams()).DtsJobId).toBe(record.jobId);
  });
});

describe("the precheck", () => {
  it("shows a failed item with DTS's message, and ends precheck_failed", async () => {
    await json("precheck/failures", "POST", { item: "CHECK_CONN_SRC", message: "DTS-1020042 Access denied for user 'dts_sync' (using password: YES)" });
    const r = await reset(oneWayRunning);
    const { record } = await performReconfigure(deps(), r.id, passwords, actor);
    const done = await followToEnd(record);
    expect(done.progress).toBe("precheck_failed");
    expect(done.taskStatus).toBe("PrecheckFailed");
    expect(done.precheck?.failed).toEqual([
      expect.objectContaining({ item: "CHECK_CONN_SRC", state: "Failed", message: "DTS-1020042 Access denied for user 'dts_sync' (using password: YES)" }),
    ]);
    expect(toReconfigurationRecord(done).precheck?.failed[0]?.message).toContain("Access denied");
  });

  it("starts again after a passed precheck when DTS waits for it (PreCheckPass)", async () => {
    await json("precheck", "PATCH", { afterPrecheck: "wait-for-start" });
    const r = await reset(oneWayRunning);
    const { record } = await performReconfigure(deps(), r.id, passwords, actor);
    const done = await followToEnd(record);
    expect(done.progress).toBe("synchronizing");
    expect(done.resumeStatus).toBe("succeeded");
    expect(await h.calls("StartDtsJob")).toHaveLength(2);
  });
});

describe("an unknown outcome", () => {
  it("a fault mid-call (DTS applied it, the answer was lost) is unknown, never re-sent, and reconciliation resolves it", async () => {
    const r = await reset(oneWayRunning);
    await h.fault({ action: "ConfigureDtsJob", kind: "internal", effect: "apply" });
    const failed = await refusal(performReconfigure(deps(), r.id, passwords, actor));
    expect(failed).toMatchObject({ status: 504, code: "outcome_unknown" });
    expect(await h.calls("ConfigureDtsJob")).toHaveLength(1);
    const id = (failed.data.reconfiguration as { id: string }).id;
    const open = (await getReconfiguration(store, id))!;
    expect(open.status).toBe("unknown");
    expect(JSON.stringify(failed)).not.toContain(SOURCE_CANARY);

    const resolved = await reconcileReconfiguration(deps(), open);
    expect(resolved).toMatchObject({ status: "succeeded", resolvedBy: "reconciliation" });
    expect(resolved.reconciliationNote).toMatch(/took effect/);
  });

  it("a call DTS did not apply is resolved as failed once the settle window has passed", async () => {
    const r = await reset(oneWayRunning);
    await h.fault({ action: "ConfigureDtsJob", kind: "reset-connection" });
    const failed = await refusal(performReconfigure(deps(), r.id, passwords, actor));
    expect(failed.code).toBe("outcome_unknown");
    const open = (await getReconfiguration(store, (failed.data.reconfiguration as { id: string }).id))!;
    const resolved = await reconcileReconfiguration(ctxOf({ client: h.client(), store, settleMs: 0 }), open);
    expect(resolved).toMatchObject({ status: "failed", progress: "failed", resolvedBy: "reconciliation" });
  });

  it("a refused call is recorded as failed with DTS's code (502 dts_error)", async () => {
    const r = await reset(oneWayRunning);
    await h.fault({ action: "ConfigureDtsJob", kind: "dts-failure", errCode: "InvalidParameter.KafkaBrokerInvalid", errMessage: "Kafka broker invalid", httpStatusCode: 403 });
    const failed = await refusal(performReconfigure(deps(), r.id, passwords, actor));
    expect(failed).toMatchObject({ status: 502, code: "dts_error" });
    expect(failed.data.reconfiguration).toMatchObject({ status: "failed", progress: "failed", error: { code: "InvalidParameter.KafkaBrokerInvalid" } });
  });
});

describe("passwords", () => {
  it("are in no record, no DB byte and no simulator call log or held call", async () => {
    const r = await reset(oneWayRunning);
    await h.fault({ action: "ConfigureDtsJob", kind: "dts-failure", errCode: "InvalidParameter", errMessage: "bad", httpStatusCode: 400 });
    await refusal(performReconfigure(deps(), r.id, passwords, actor));
    const { record } = await performReconfigure(deps(), r.id, passwords, actor);
    await followToEnd(record);
    await store.close();
    for (const file of [dbFile, `${dbFile}-wal`]) {
      if (!fs.existsSync(file)) continue;
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(SOURCE_CANARY), file).toBe(false);
      expect(bytes.includes(DEST_CANARY), file).toBe(false);
    }
    const log = JSON.stringify(await h.calls());
    expect(log).not.toContain(SOURCE_CANARY);
    expect(log).not.toContain(DEST_CANARY);
    expect(log).toContain(SECRET_SENT);
    store = await openDatabase({ path: dbFile });
  });
});
