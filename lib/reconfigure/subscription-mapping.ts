import "server-only";
// The pre-reset snapshot of a change tracking task (DescribeDtsJobs item + DescribeDtsJobDetail of
// a SUBSCRIBE task) mapped to ConfigureSubscription parameters. Parameters and their spelling:
// lib/domain/reconfigure-subscription.ts (after aliyun/alibabacloud-typescript-sdk
// dts-20200101/src/models/ConfigureSubscriptionRequest.ts, found with the search tool; the
// reference's list is UNCONFIRMED). What Detail reports for a SUBSCRIBE task: SourceEndpoint,
// DbObject, SubscriptionDataType {Ddl, Dml}, DestNetType, Reserved, SubscribeTopic,
// SubscriptionHost, Begin/EndTimestamp; not the VPC and vSwitch of the tracking instance
// (configure-dts-job.md section 1.8: maybe Reserved `vpcId`/`vswitchId`, UNCONFIRMED).
import type { ConfigureParameters } from "@/lib/domain/reconfigure";
import { SUBSCRIPTION_NEEDS_ADDRESS } from "@/lib/domain/reconfigure-subscription";
import type { Remark } from "@/lib/domain/reconfigure-remarks";
import type { AlertSnapshot } from "@/lib/domain/alerts";
import { mapAlerts } from "./alert-mapping";
import { dbListOf, type SnapshotMapping } from "./mapping";

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json | null => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null);

function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

function boolText(value: unknown): string | null {
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase();
  return null;
}

/** Detail's instance type (ConfigureDtsJob's vocabulary, any case) → ConfigureSubscription's. */
const INSTANCE_TYPE: Record<string, string> = {
  rds: "RDS",
  polardb: "PolarDB",
  drds: "DRDS",
  distributed_polardbx10: "DRDS",
  localinstance: "LocalInstance",
  other: "LocalInstance",
  ecs: "ECS",
  express: "Express",
  cen: "CEN",
  dg: "dg",
};

/** Detail's engine (display case) → ConfigureSubscription's (MySQL, PostgreSQL, Oracle). PolarDB for MySQL tracks as MySQL. */
const ENGINE: Record<string, string> = { mysql: "MySQL", polardb: "MySQL", postgresql: "PostgreSQL", oracle: "Oracle" };

/** Reserve keys documented for change tracking (configure-dts-job.md section 1.4); the rest of Reserved is a sync task's or DTS's runtime state. */
const SUBSCRIPTION_RESERVE_KEYS = new Set(["startTime", "endTime", "srcInstanceId"]);

export function mapSubscriptionSnapshot(snapshotJob: Json, snapshotDetail: Json, snapshotAlerts: AlertSnapshot | null = null): SnapshotMapping {
  const out: SnapshotMapping = { parameters: {}, notes: [], blockers: [] };
  const p: ConfigureParameters = out.parameters;
  const pick = (field: string): unknown => snapshotDetail[field] ?? snapshotJob[field];
  const set = (name: string, value: string | null) => {
    if (value !== null) p[name] = value;
  };

  p.DtsJobName = text(pick("DtsJobName")) ?? "";

  const e = asRecord(snapshotDetail.SourceEndpoint) ?? asRecord(snapshotJob.SourceEndpoint) ?? {};
  const reportedType = text(e.InstanceType);
  const type = reportedType ? INSTANCE_TYPE[reportedType.toLowerCase()] ?? null : null;
  if (!reportedType) out.notes.push({ code: "instanceTypeMissing", values: { side: "source" } });
  else if (!type) out.blockers.push({ code: "subscriptionSourceUnsupported", values: { what: reportedType } });
  p.SourceEndpointInstanceType = type ?? "";
  const reportedEngine = text(e.EngineName);
  const engine = reportedEngine ? ENGINE[reportedEngine.toLowerCase()] ?? null : null;
  if (reportedEngine && !engine) out.blockers.push({ code: "subscriptionSourceUnsupported", values: { what: reportedEngine } });
  if (engine && reportedEngine && reportedEngine.toLowerCase() !== engine.toLowerCase()) out.notes.push({ code: "subscriptionEngineAs", values: { engine: reportedEngine, sent: engine } });
  p.SourceEndpointEngineName = engine ?? "";
  set("SourceEndpointRegion", text(e.Region));
  if (type !== null && !SUBSCRIPTION_NEEDS_ADDRESS.includes(type)) set("SourceEndpointInstanceID", text(e.InstanceID ?? e.InstanceId));
  if (type !== null && SUBSCRIPTION_NEEDS_ADDRESS.includes(type)) set("SourceEndpointIP", text(e.Ip ?? e.IP));
  if (type !== null && (SUBSCRIPTION_NEEDS_ADDRESS.includes(type) || type === "ECS")) set("SourceEndpointPort", text(e.Port));
  set("SourceEndpointDatabaseName", text(e.DatabaseName));
  set("SourceEndpointOracleSID", text(e.OracleSID));
  set("SourceEndpointUserName", text(e.UserName));
  const role = text(e.RoleName);
  if (role) {
    set("SourceEndpointRole", role);
    set("SourceEndpointOwnerID", text(e.AliyunUid));
  }
  const ssl = text(e.SslSolutionEnum);
  if (ssl && ssl.toUpperCase() !== "DISABLE") out.blockers.push({ code: "sslUnsupported", values: { side: "source", ssl } });

  const { dbList, note } = dbListOf(pick("DbObject"));
  p.DbList = dbList ?? "";
  if (note) out.notes.push(note);

  const types = asRecord(snapshotDetail.SubscriptionDataType);
  const ddl = boolText(types?.Ddl ?? types?.DDL);
  const dml = boolText(types?.Dml ?? types?.DML);
  if (ddl === null || dml === null) out.notes.push({ code: "subscriptionDataTypesMissing" });
  p.SubscriptionDataTypeDDL = ddl ?? "true";
  p.SubscriptionDataTypeDML = dml ?? "true";

  // The only network type ConfigureSubscription documents is vpc (a new-version task).
  p.SubscriptionInstanceNetworkType = "vpc";
  const netType = text(snapshotDetail.DestNetType);
  if (netType && netType.toLowerCase() !== "vpc") out.notes.push({ code: "subscriptionNetworkType", values: { type: netType } });

  let reserved: unknown = pick("Reserved");
  if (typeof reserved === "string") {
    try {
      reserved = reserved.trim() === "" ? {} : JSON.parse(reserved);
    } catch {
      out.notes.push({ code: "reservedNotJson" });
      reserved = {};
    }
  }
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(asRecord(reserved) ?? {})) {
    if (key === "vpcId" || key === "vswitchId") continue;
    if (SUBSCRIPTION_RESERVE_KEYS.has(key)) p[`Reserve.${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    else dropped.push(key);
  }
  const reservedRecord = asRecord(reserved) ?? {};
  set("SubscriptionInstanceVPCId", text(reservedRecord.vpcId));
  set("SubscriptionInstanceVSwitchId", text(reservedRecord.vswitchId));
  if (!p.SubscriptionInstanceVPCId || !p.SubscriptionInstanceVSwitchId) out.notes.push({ code: "subscriptionVpcMissing" });
  if (dropped.length) out.notes.push({ code: "reserveKeysDropped", values: { keys: dropped.join(", ") } });

  const checkpoint = text(pick("Checkpoint"));
  if (checkpoint && checkpoint !== "0") out.notes.push({ code: "checkpointCleared", values: { checkpoint } });
  for (const field of ["DtsBisLabel", "DedicatedClusterId", "ResourceGroupId"]) set(field, text(pick(field)));
  if (text(pick("MaxDu")) || text(pick("MinDu"))) out.notes.push({ code: "serverlessNotReplayed" });
  // What cannot be replayed from any snapshot, said every time.
  // Alerts: ConfigureSubscription takes the same five parameters as ConfigureDtsJob (SDK model).
  const alerts = mapAlerts(snapshotAlerts);
  Object.assign(out.parameters, alerts.parameters);
  const always: Remark[] = [...alerts.notes, { code: "consumerGroupsNotReplayed" }];
  out.notes.push(...always);
  return out;
}
