// Reconfiguring a reset change tracking task with ConfigureSubscription: the real simulator over
// HTTP (which validates ConfigureSubscription as documented), the real signed client, a real
// SQLite file. MySQL: the seed's RDS MySQL change tracking task, reset and reconfigured through the
// guarded operation. PolarDB: a PolarDB for MySQL snapshot mapped, then sent by the real client to
// the simulator's reset change tracking task (the seed has no PolarDB change tracking task).
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import { SECRET_SENT } from "@/simulator/call-log";
import { openDatabase } from "@/lib/db/open";
import type { AuditStore } from "@/lib/db/store";
import { ERROR_STATUS } from "@/lib/api/errors";
import { DomainError } from "@/lib/domain/errors";
import { createContext, type Logger } from "@/lib/context";
import { performReset } from "@/lib/reset/perform-reset";
import { performReconfigure, toCallShape } from "@/lib/reconfigure/perform-reconfigure";
import { followReconfiguration } from "@/lib/reconfigure/follow";
import { reconcileReconfiguration } from "@/lib/reconfigure/reconcile";
import { mapSubscriptionSnapshot } from "@/lib/reconfigure/subscription-mapping";
import { getReconfiguration, type Reconfiguration } from "@/lib/audit/reconfigurations";
import { toReconfigurationRecord } from "@/lib/reconfigure/dto";
import { toResetDetail } from "@/lib/reset/dto";
import { resetsToJson } from "@/lib/audit/export";
import { subscriptionIssues } from "@/lib/domain/reconfigure-subscription";
import { auditStorePerTest, harnessPerSuite, TEST_ACTOR } from "./dts-harness";

const { subscribeNormal, oneWayRunning } = SEED_FIXTURES;
const CANARY = "sub-CANARY-pw-7d21c4";
const NETWORK = { SubscriptionInstanceVPCId: "vpc-bp1vwnn14rqpyiczj0000", SubscriptionInstanceVSwitchId: "vsw-bp10df3mxae6lpmku0000" };

const h = harnessPerSuite();
let dbFile: string;
let store: AuditStore;
auditStorePerTest("reconfigure-sub-", (temp) => ({ dbFile, store } = temp), () => store);

const logged: string[] = [];
const log: Logger = {
  debug: (event, fields = {}) => void logged.push(JSON.stringify({ event, fields })),
  info: (event, fields = {}) => void logged.push(JSON.stringify({ event, fields })),
  warn: (event, fields = {}) => void logged.push(JSON.stringify({ event, fields })),
  error: (event, fields = {}) => void logged.push(JSON.stringify({ event, fields })),
};
const deps = (settleMs?: number) =>
  createContext({ client: h.client(), store, log, settings: settleMs === undefined ? {} : { settleMs } });

async function json(path: string, method = "POST", body?: unknown) {
  const response = await h.control(path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

async function resetTracking() {
  const { record } = await performReset(deps(), subscribeNormal.jobId, {
    region: subscribeNormal.region as never, instanceId: subscribeNormal.instanceId, direction: "Forward", confirmation: subscribeNormal.jobId, reason: "reconfigure change tracking",
  }, TEST_ACTOR);
  expect(record.status).toBe("succeeded");
  return record;
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

async function followToEnd(rec: Reconfiguration, maxSteps = 10): Promise<Reconfiguration> {
  let current = rec;
  for (let i = 0; i < maxSteps && !["synchronizing", "precheck_failed", "failed"].includes(current.progress); i++) {
    current = await followReconfiguration(deps(), current);
  }
  return current;
}

describe("ConfigureSubscription from a MySQL (RDS) change tracking task's snapshot", () => {
  it("sends the mapped parameters once, starts the precheck and follows the task to Normal", async () => {
    const r = await resetTracking();
    const { record } = await performReconfigure(deps(), r.id, { sourcePassword: CANARY, overrides: NETWORK }, TEST_ACTOR);
    const calls = await h.calls("ConfigureSubscription");
    expect(calls).toHaveLength(1);
    expect(await h.calls("ConfigureDtsJob")).toHaveLength(0);
    const sent = calls[0]!.params;
    expect(sent).toMatchObject({
      DtsJobId: subscribeNormal.jobId,
      DtsInstanceId: subscribeNormal.instanceId,
      RegionId: subscribeNormal.region,
      DtsJobName: subscribeNormal.name,
      SourceEndpointInstanceType: "RDS",
      SourceEndpointEngineName: "MySQL",
      SourceEndpointRegion: "cn-hangzhou",
      SourceEndpointInstanceID: "rm-bp162kryivb8a3c5",
      SourceEndpointDatabaseName: "orders",
      SourceEndpointUserName: "dts_sync",
      SubscriptionInstanceNetworkType: "vpc",
      ...NETWORK,
      SubscriptionDataTypeDDL: "true",
      SubscriptionDataTypeDML: "true",
      SourceEndpointPassword: SECRET_SENT,
    });
    // Not ConfigureDtsJob's: no JobType, no destination, no direction, no autoStart switch (ignored by ConfigureSubscription).
    for (const name of ["JobType", "SynchronizationDirection", "DestinationEndpointInstanceType", "DestinationEndpointPassword", "SourceEndpointIP", "MaxDu", "MinDu", "Checkpoint"]) {
      expect(sent, name).not.toHaveProperty(name);
    }
    expect(sent).not.toHaveProperty("Reserve");
    expect(JSON.parse(sent.DbList!)).toEqual({ orders: { name: "orders", all: false, Table: { order_main: { name: "order_main", all: true }, order_item: { name: "order_item", all: true } } } });
    expect(record).toMatchObject({ status: "succeeded", resolvedBy: "response" });
    expect(record.parameters).not.toHaveProperty("SourceEndpointPassword");

    const done = await followToEnd(record);
    expect(done.progress).toBe("synchronizing");
    expect(done.taskStatus).toBe("Normal");
    expect(await h.calls("StartDtsJob")).toHaveLength(1);

    const view = toReconfigurationRecord(done);
    expect(view.api).toBe("ConfigureSubscription");
    expect(view.equivalent.cli).toMatch(/^aliyun dts ConfigureSubscription --RegionId cn-hangzhou --DtsJobId /);
    expect(view.equivalent.cli).toContain(`--SourceEndpointPassword "$DTS_SOURCE_PASSWORD"`);
    expect(view.equivalent.cli).not.toContain("DestinationEndpointPassword");
    expect(view.equivalent.sdk).toContain("client.configureSubscriptionWithOptions(request, runtime)");
  });

  it("asks for the VPC and vSwitch DTS does not report, before sending anything", async () => {
    const r = await resetTracking();
    const failed = await refusal(performReconfigure(deps(), r.id, { sourcePassword: CANARY }, TEST_ACTOR));
    expect(failed).toMatchObject({ status: 400, code: "invalid_request" });
    expect(failed.message).toMatch(/VPC ID is required/);
    expect(await h.calls("ConfigureSubscription")).toHaveLength(0);
  });

  it("refuses ConfigureDtsJob's parameters and the console's identity as overrides", async () => {
    const r = await resetTracking();
    const failed = await refusal(performReconfigure(deps(), r.id, { sourcePassword: CANARY, overrides: { ...NETWORK, DestinationEndpointInstanceType: "RDS" } }, TEST_ACTOR));
    expect(failed).toMatchObject({ status: 400, code: "invalid_request" });
    expect(await h.calls("ConfigureSubscription")).toHaveLength(0);
  });

  it("refuses a task that is no longer Not Configured (fresh re-read), sending nothing", async () => {
    const r = await resetTracking();
    await json(`jobs/${subscribeNormal.jobId}/status`, "POST", { status: "Normal" });
    expect(await refusal(performReconfigure(deps(), r.id, { sourcePassword: CANARY, overrides: NETWORK }, TEST_ACTOR))).toMatchObject({ status: 409, code: "not_reconfigurable" });
    expect(await h.calls("ConfigureSubscription")).toHaveLength(0);
  });

  it("a synchronization task still needs its destination password", async () => {
    const { record } = await performReset(deps(), oneWayRunning.jobId, {
      region: oneWayRunning.region as never, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: "destination password check",
    }, TEST_ACTOR);
    expect(await refusal(performReconfigure(deps(), record.id, { sourcePassword: CANARY }, TEST_ACTOR))).toMatchObject({ status: 400, code: "invalid_request" });
    expect(await h.calls("ConfigureDtsJob")).toHaveLength(0);
  });

  it("shows a failed precheck item with DTS's repair advice", async () => {
    await json("precheck/failures", "POST", { item: "CHECK_CONN_SRC", repairMethod: "Grant REPLICATION SLAVE to dts_sync, then start again." });
    const r = await resetTracking();
    const { record } = await performReconfigure(deps(), r.id, { sourcePassword: CANARY, overrides: NETWORK }, TEST_ACTOR);
    const done = await followToEnd(record);
    expect(done.progress).toBe("precheck_failed");
    expect(done.precheck?.failed).toEqual([expect.objectContaining({ item: "CHECK_CONN_SRC", repairMethod: "Grant REPLICATION SLAVE to dts_sync, then start again." })]);
  });

  it("an answer lost after DTS applied it is unknown, never re-sent, and reconciled from the task's status", async () => {
    const r = await resetTracking();
    await h.fault({ action: "ConfigureSubscription", kind: "internal", effect: "apply" });
    const failed = await refusal(performReconfigure(deps(), r.id, { sourcePassword: CANARY, overrides: NETWORK }, TEST_ACTOR));
    expect(failed).toMatchObject({ status: 504, code: "outcome_unknown" });
    expect(await h.calls("ConfigureSubscription")).toHaveLength(1);
    const open = (await getReconfiguration(store, (failed.data.reconfiguration as { id: string }).id))!;
    expect(open.status).toBe("unknown");
    const resolved = await reconcileReconfiguration(deps(), open);
    expect(resolved).toMatchObject({ status: "succeeded", resolvedBy: "reconciliation" });
  });
});

describe("ConfigureSubscription from a PolarDB for MySQL change tracking task's snapshot", () => {
  const polarDetail = {
    DtsJobId: subscribeNormal.jobId, DtsJobName: "polar-orders-cdc", JobType: "SUBSCRIBE", Status: "Normal",
    SourceEndpoint: { InstanceID: "pc-bp19x0ab1cd2ef3g", EngineName: "POLARDB", InstanceType: "POLARDB", Region: "cn-hangzhou", Port: "3306", DatabaseName: "orders", UserName: "dts_sub", RoleName: "", AliyunUid: "1234567890", SslSolutionEnum: "DISABLE" },
    DestinationEndpoint: {},
    DbObject: JSON.stringify({ orders: { name: "orders", all: true, state: "normal" } }),
    Reserved: JSON.stringify({ useJobTask: "1", maxRetryTime: 43200, vpcId: "vpc-polar-0001", vswitchId: "vsw-polar-0001" }),
    SubscriptionDataType: { Ddl: false, Dml: true },
    DestNetType: "VPC",
    Checkpoint: "1719705600",
    MaxDu: 8,
  };

  it("maps DTS's spelling to ConfigureSubscription's, and the simulator accepts what the client sends", async () => {
    const mapping = mapSubscriptionSnapshot({ DtsJobId: subscribeNormal.jobId, JobType: "SUBSCRIBE" }, polarDetail);
    expect(mapping.blockers).toEqual([]);
    expect(mapping.parameters).toMatchObject({
      SourceEndpointInstanceType: "PolarDB", SourceEndpointEngineName: "MySQL", SourceEndpointInstanceID: "pc-bp19x0ab1cd2ef3g",
      SubscriptionDataTypeDDL: "false", SubscriptionDataTypeDML: "true", SubscriptionInstanceNetworkType: "vpc",
      SubscriptionInstanceVPCId: "vpc-polar-0001", SubscriptionInstanceVSwitchId: "vsw-polar-0001",
    });
    expect(JSON.parse(mapping.parameters.DbList!)).toEqual({ orders: { name: "orders", all: true } });
    const codes = mapping.notes.map((n) => n.code);
    expect(codes).toEqual(expect.arrayContaining(["subscriptionEngineAs", "checkpointCleared", "serverlessNotReplayed", "reserveKeysDropped", "alertsNotReplayed", "consumerGroupsNotReplayed", "dbListStateDropped"]));
    expect(codes).not.toContain("subscriptionVpcMissing");
    expect(mapping.parameters).not.toHaveProperty("Checkpoint");
    expect(mapping.parameters).not.toHaveProperty("MaxDu");

    await resetTracking();
    const parameters = { ...mapping.parameters, DtsJobId: subscribeNormal.jobId, DtsInstanceId: subscribeNormal.instanceId, RegionId: subscribeNormal.region };
    expect(subscriptionIssues(parameters)).toEqual([]);
    const shape = toCallShape(parameters);
    const answer = await h.client().configureSubscription({ region: subscribeNormal.region, parameters: shape.query, dbList: shape.dbList, reserve: shape.reserve, sourcePassword: CANARY });
    expect(answer.jobId).toBe(subscribeNormal.jobId);
    const sent = (await h.calls("ConfigureSubscription"))[0]!.params;
    expect(sent).toMatchObject({ SourceEndpointInstanceType: "PolarDB", SourceEndpointEngineName: "MySQL", SubscriptionDataTypeDDL: "false", SourceEndpointPassword: SECRET_SENT });
    const detail = await h.client().getJobDetail({ region: subscribeNormal.region, jobId: subscribeNormal.jobId, direction: "Forward" }, { fresh: true });
    expect(detail.status).toBe("NotStarted");
    expect(detail.raw.SubscriptionDataType).toEqual({ Ddl: false, Dml: true });
    expect(JSON.stringify(detail.raw)).not.toContain(CANARY);
  });

  it("the simulator refuses what the reference refuses: another network type, ConfigureDtsJob's spelling", async () => {
    await resetTracking();
    const base = { DtsJobId: subscribeNormal.jobId, DtsJobName: "x", SourceEndpointInstanceType: "RDS", SourceEndpointInstanceID: "rm-1", SourceEndpointRegion: "cn-hangzhou", SubscriptionInstanceNetworkType: "vpc", ...NETWORK };
    const send = (parameters: Record<string, string>) =>
      h.client().configureSubscription({ region: subscribeNormal.region, parameters, dbList: `{"orders":{"name":"orders","all":true}}`, reserve: null, sourcePassword: CANARY });
    await expect(send({ ...base, SubscriptionInstanceNetworkType: "classic" })).rejects.toMatchObject({ details: { code: "InvalidParameter" } });
    await expect(send({ ...base, SourceEndpointEngineName: "MYSQL" })).rejects.toMatchObject({ details: { code: "InvalidParameter" } });
    await expect(send({ ...base, SourceEndpointInstanceType: "OTHER" })).rejects.toMatchObject({ details: { code: "InvalidParameter" } });
    const noSwitch: Record<string, string> = { ...base };
    delete noSwitch.SubscriptionInstanceVSwitchId;
    await expect(send(noSwitch)).rejects.toMatchObject({ details: { code: "MissingParameter" } });
  });
});

describe("the source password", () => {
  it("is in no log, record, export, database file or simulator call log", async () => {
    logged.length = 0;
    const r = await resetTracking();
    await h.fault({ action: "ConfigureSubscription", kind: "dts-failure", errCode: "InvalidParameter", errMessage: `bad ${CANARY}`, httpStatusCode: 400 });
    const refused = await refusal(performReconfigure(deps(), r.id, { sourcePassword: CANARY, overrides: NETWORK }, TEST_ACTOR));
    expect(JSON.stringify(refused)).not.toContain(CANARY);
    const { record } = await performReconfigure(deps(), r.id, { sourcePassword: CANARY, overrides: NETWORK }, TEST_ACTOR);
    const done = await followToEnd(record);
    const texts = [
      JSON.stringify(toReconfigurationRecord(done)),
      JSON.stringify(toResetDetail(r)),
      resetsToJson([r]),
      logged.join("\n"),
      JSON.stringify(await h.calls()),
    ];
    for (const text of texts) expect(text).not.toContain(CANARY);
    await store.close();
    for (const file of [dbFile, `${dbFile}-wal`]) {
      if (!fs.existsSync(file)) continue;
      expect(fs.readFileSync(file).includes(CANARY), file).toBe(false);
    }
    store = await openDatabase({ path: dbFile });
  });
});
