import "server-only";
// The pre-reset snapshot (DescribeDtsJobs item + DescribeDtsJobDetail, stored as DTS sent them)
// mapped to ConfigureDtsJob parameters: docs/reference/configure-dts-job.md section 1.5, after the
// mapping Alibaba's Terraform provider uses (aliyun/terraform-provider-alicloud,
// alicloud/resource_alicloud_dts_synchronization_job.go) and the traps of sections 1.4-1.6:
// display-case engine names, the destination's `DataBaseName`, Reserve keys that are runtime
// state, maxRetryTime reported in seconds but taken in minutes, `state` inside DbObject, SSL.
import {
  DESTINATION_ENGINES,
  DESTINATION_INSTANCE_TYPES,
  NEEDS_ADDRESS,
  RESERVE_PREFIX,
  SOURCE_ENGINES,
  SOURCE_INSTANCE_TYPES,
  type ConfigureParameters,
} from "@/lib/domain/reconfigure";
import type { Remark } from "@/lib/domain/reconfigure-remarks";
import type { AlertSnapshot } from "@/lib/domain/alerts";
import { mapAlerts } from "./alert-mapping";
import type { Direction } from "@/lib/domain/task";

type Json = Record<string, unknown>;

const asRecord = (value: unknown): Json | null => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null);

function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

function boolText(value: unknown): string | null {
  if (typeof value === "boolean") return String(value);
  if (value === "true" || value === "false") return value;
  return null;
}

/**
 * Detail reports engines in display case (`MySQL`, `PostgreSQL`, `polardb_o`, ...); ConfigureDtsJob
 * wants its own spelling (Terraform's convertSourceEndpointEngineNameUppercaseResponse). Keyed by
 * the lower-cased display name. PostgreSQL is `POSTGRESQL` as a source, `PostgreSQL` as a destination.
 */
const ENGINE_BY_DISPLAY: Record<string, { source?: string; destination?: string }> = {
  mysql: { source: "MYSQL", destination: "MYSQL" },
  mariadb: { source: "MARIADB", destination: "MARIADB" },
  polardb: { source: "PolarDB", destination: "PolarDB" },
  polardb_o: { source: "POLARDB_O", destination: "POLARDB_O" },
  polardbx10: { source: "POLARDBX10", destination: "POLARDBX10" },
  polardbx20: { source: "POLARDBX20", destination: "POLARDBX20" },
  adb30: { source: "ADB30", destination: "ADB30" },
  oracle: { source: "ORACLE", destination: "ORACLE" },
  postgresql: { source: "POSTGRESQL", destination: "PostgreSQL" },
  mssql: { source: "MSSQL", destination: "MSSQL" },
  sqlserver: { source: "MSSQL", destination: "MSSQL" },
  mongodb: { source: "MONGODB", destination: "MONGODB" },
  db2: { source: "DB2", destination: "DB2" },
  as400: { source: "AS400", destination: "AS400" },
  dmspolardb: { source: "DMSPOLARDB", destination: "DMSPOLARDB" },
  hbase: { source: "HBASE", destination: "HBASE" },
  teradata: { source: "TERADATA", destination: "TERADATA" },
  tidb: { source: "TiDB", destination: "TiDB" },
  redis: { source: "REDIS", destination: "REDIS" },
  lindorm: { source: "LINDORM", destination: "LINDORM" },
  ads: { destination: "ADS" },
  rocketmq: { destination: "ROCKETMQ" },
  greenplum: { destination: "GREENPLUM" },
  kafka: { destination: "KAFKA" },
  datahub: { destination: "DATAHUB" },
  odps: { destination: "ODPS" },
  maxcompute: { destination: "ODPS" },
  tablestore: { destination: "Tablestore" },
  elk: { destination: "ELK" },
  elasticsearch: { destination: "ELK" },
};

export function configureEngineName(display: string, side: "Source" | "Destination"): string | null {
  const mapped = ENGINE_BY_DISPLAY[display.trim().toLowerCase()];
  const value = side === "Source" ? mapped?.source : mapped?.destination;
  const allowed: readonly string[] = side === "Source" ? SOURCE_ENGINES : DESTINATION_ENGINES;
  return value && allowed.includes(value) ? value : null;
}

/** Instance types compare without case (Terraform's diff suppress); sent in DTS's documented spelling. */
export function configureInstanceType(reported: string, side: "Source" | "Destination"): string | null {
  const allowed: readonly string[] = side === "Source" ? SOURCE_INSTANCE_TYPES : DESTINATION_INSTANCE_TYPES;
  return allowed.find((t) => t.toLowerCase() === reported.trim().toLowerCase()) ?? null;
}

/**
 * Reserved keys DescribeDtsJobDetail returns that are DTS's runtime state, not ConfigureDtsJob
 * input (section 1.4, the official Detail sample): never replayed. Whether DTS ignores or refuses
 * them is UNCONFIRMED, so the console does not find out on a live task.
 */
const RUNTIME_RESERVE_KEYS = new Set([
  "srcVpcNetMappingInst", "destVpcNetMappingInst", "useJobTask", "SourceEngineVersion", "srcNetType", "destNetType", "srcHostPorts",
  // Set by the console itself on every call.
  "autoStartModulesAfterConfig",
]);

const MAX_RETRY_MIN = 10;
const MAX_RETRY_MAX = 1440;

/**
 * maxRetryTime: Reserve takes minutes in [10, 1440] (default 720); Detail reports 43200 for the
 * default, i.e. seconds (UNCONFIRMED unit, certain range mismatch). A value in range is taken as
 * minutes; a larger one that is a whole number of minutes in range when read as seconds is
 * converted; anything else is left out (DTS's default applies) and said so.
 */
export function retryMinutes(value: unknown): { minutes: string | null; note: Remark | null } {
  const n = Number(text(value));
  if (!Number.isFinite(n) || !Number.isInteger(n)) return { minutes: null, note: { code: "retryTimeNotWhole", values: { value: String(value) } } };
  if (n >= MAX_RETRY_MIN && n <= MAX_RETRY_MAX) return { minutes: String(n), note: null };
  if (n % 60 === 0 && n / 60 >= MAX_RETRY_MIN && n / 60 <= MAX_RETRY_MAX) {
    return { minutes: String(n / 60), note: { code: "retryTimeSeconds", values: { seconds: String(n), minutes: String(n / 60) } } };
  }
  return { minutes: null, note: { code: "retryTimeOutOfRange", values: { value: String(n) } } };
}

/** DbObject as DbList: the per-schema `"state"` DTS adds in Detail is not part of the input format. */
export function dbListOf(dbObject: unknown): { dbList: string | null; note: Remark | null } {
  let parsed: unknown = dbObject;
  if (typeof dbObject === "string") {
    if (dbObject.trim() === "") return { dbList: null, note: { code: "dbObjectMissing" } };
    try {
      parsed = JSON.parse(dbObject);
    } catch {
      return { dbList: dbObject, note: { code: "dbObjectNotJson" } };
    }
  }
  const root = asRecord(parsed);
  if (!root) return { dbList: null, note: { code: "dbObjectMissing" } };
  let stripped = false;
  const cleaned = Object.fromEntries(
    Object.entries(root).map(([schema, value]) => {
      const entry = asRecord(value);
      if (!entry) return [schema, value];
      const rest = { ...entry };
      if ("state" in rest) {
        stripped = true;
        delete rest.state;
      }
      // Tables listed under a schema carry a state too (a change tracking task's DbObject does).
      const tables = asRecord(rest.Table);
      if (tables) {
        rest.Table = Object.fromEntries(
          Object.entries(tables).map(([name, table]) => {
            const t = asRecord(table);
            if (!t || !("state" in t)) return [name, table];
            stripped = true;
            const kept = { ...t };
            delete kept.state;
            return [name, kept];
          }),
        );
      }
      return [schema, rest];
    }),
  );
  return { dbList: JSON.stringify(cleaned), note: stripped ? { code: "dbListStateDropped" } : null };
}

/**
 * ConfigureDtsJob parameters that neither DescribeDtsJobs nor DescribeDtsJobDetail reports
 * (configure-dts-job.md section 1.5, "not in Detail"), besides the alerts (read apart, with
 * DescribeJobMonitorRule) and the passwords: the
 * form lists them so that the operator knows to set them in the DTS console. The SSL fields are
 * "not supported, do not specify" (an SSL endpoint is refused altogether).
 */
export const NOT_IN_SNAPSHOT = [
  "DataCheckConfigure", "FileOssUrl", "DisasterRecoveryJob", "SourceEndpointVSwitchID", "SrcPrimaryVswId", "SrcSecondaryVswId", "DestPrimaryVswId", "DestSecondaryVswId",
] as const;

/**
 * MaxDu/MinDu: Detail reports them for a serverless instance, and ConfigureDtsJob takes them there
 * (section 1.1): replayed when both are whole numbers in order; otherwise left to DTS and said.
 */
function mapServerless(max: string | null, min: string | null, out: SnapshotMapping): void {
  if (max === null && min === null) return;
  const whole = (v: string | null) => v !== null && /^\d+$/.test(v) && Number(v) >= 1;
  if (!whole(max) || !whole(min) || Number(min) > Number(max)) {
    out.notes.push({ code: "serverlessNotReplayed" });
    return;
  }
  out.parameters.MaxDu = max!;
  out.parameters.MinDu = min!;
  out.notes.push({ code: "serverlessReplayed", values: { max: max!, min: min! } });
}

export interface SnapshotMapping {
  parameters: ConfigureParameters;
  /** What the mapping changed, left out or could not fill, for the operator. */
  notes: Remark[];
  /** Why the console will not configure this task at all (e.g. SSL), empty when it will. */
  blockers: Remark[];
}

export interface MappingInput {
  snapshotJob: Json;
  snapshotDetail: Json;
  /** DescribeJobMonitorRule before the reset; null or absent: not read (a record from before the console read it). */
  snapshotAlerts?: AlertSnapshot | null;
  direction: Direction;
}

/** The snapshot's endpoint for a side: Detail first, the list item (its ReverseJob for Reverse) second. */
function endpointOf(input: MappingInput, field: "SourceEndpoint" | "DestinationEndpoint"): Json {
  const listed = input.direction === "Reverse" ? asRecord(input.snapshotJob.ReverseJob) : input.snapshotJob;
  return asRecord(input.snapshotDetail[field]) ?? asRecord(listed?.[field]) ?? {};
}

function mapEndpoint(input: MappingInput, side: "Source" | "Destination", out: SnapshotMapping): void {
  const e = endpointOf(input, side === "Source" ? "SourceEndpoint" : "DestinationEndpoint");
  const p = `${side}Endpoint`;
  const set = (name: string, value: string | null) => {
    if (value !== null) out.parameters[name] = value;
  };
  const label = side.toLowerCase();

  const reportedType = text(e.InstanceType);
  const type = reportedType ? configureInstanceType(reportedType, side) : null;
  if (!reportedType) out.notes.push({ code: "instanceTypeMissing", values: { side: label } });
  else if (!type) out.blockers.push({ code: "instanceTypeUnsupported", values: { side: label, type: reportedType } });
  out.parameters[`${p}InstanceType`] = type ?? "";

  const reportedEngine = text(e.EngineName);
  const engine = reportedEngine ? configureEngineName(reportedEngine, side) : null;
  if (!reportedEngine) out.notes.push({ code: "engineMissing", values: { side: label } });
  else if (!engine) out.blockers.push({ code: "engineUnsupported", values: { side: label, engine: reportedEngine } });
  out.parameters[`${p}EngineName`] = engine ?? "";

  set(`${p}Region`, text(e.Region));
  set(`${p}InstanceID`, text(e.InstanceID ?? e.InstanceId));
  // Detail may report an address for cloud instances too; ConfigureDtsJob takes it only for
  // databases reached by address (and a port for self-managed ones).
  if (type && NEEDS_ADDRESS.includes(type)) set(`${p}IP`, text(e.Ip ?? e.IP));
  if (type && (NEEDS_ADDRESS.includes(type) || type === "ECS")) set(`${p}Port`, text(e.Port));
  set(side === "Source" ? "SourceEndpointDatabaseName" : "DestinationEndpointDataBaseName", text(e.DatabaseName ?? e.DataBaseName));
  set(`${p}OracleSID`, text(e.OracleSID));
  set(`${p}UserName`, text(e.UserName));
  if (side === "Source") {
    // Same-account tasks report AliyunUid too: the owner is sent only with a role (cross-account).
    const role = text(e.RoleName);
    if (role) {
      set("SourceEndpointRole", role);
      set("SourceEndpointOwnerID", text(e.AliyunUid));
    }
  } else if (text(e.RoleName)) {
    out.notes.push({ code: "crossAccountDestination" });
  }
  const ssl = text(e.SslSolutionEnum);
  if (ssl && ssl.toUpperCase() !== "DISABLE") {
    out.blockers.push({ code: "sslUnsupported", values: { side: label, ssl } });
  }
}

function mapReserve(reserved: unknown, out: SnapshotMapping, twoWay: boolean): void {
  let parsed: unknown = reserved;
  if (typeof reserved === "string") {
    if (reserved.trim() === "") parsed = {};
    else {
      try {
        parsed = JSON.parse(reserved);
      } catch {
        out.notes.push({ code: "reservedNotJson" });
        parsed = {};
      }
    }
  }
  const keys = asRecord(parsed) ?? {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(keys)) {
    if (RUNTIME_RESERVE_KEYS.has(key)) {
      if (key !== "autoStartModulesAfterConfig") dropped.push(key);
      continue;
    }
    if (key === "maxRetryTime") {
      const { minutes, note } = retryMinutes(value);
      if (minutes) out.parameters[`${RESERVE_PREFIX}maxRetryTime`] = minutes;
      if (note) out.notes.push(note);
      continue;
    }
    if (!/^[A-Za-z][A-Za-z0-9_.]{0,63}$/.test(key)) {
      dropped.push(key);
      continue;
    }
    // Reserve values are JSON strings, numbers included.
    out.parameters[`${RESERVE_PREFIX}${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  }
  if (dropped.length) out.notes.push({ code: "reserveKeysDropped", values: { keys: dropped.join(", ") } });
  if (out.parameters[`${RESERVE_PREFIX}targetTableMode`] === undefined) {
    out.parameters[`${RESERVE_PREFIX}targetTableMode`] = "0";
    out.notes.push({ code: "targetTableModeDefault" });
  }
  if (twoWay && out.parameters[`${RESERVE_PREFIX}conflict`] === undefined) {
    out.parameters[`${RESERVE_PREFIX}conflict`] = "";
    out.notes.push({ code: "conflictPolicyMissing" });
  }
}

/** Every ConfigureDtsJob parameter that can be known from the snapshot. Identity (DtsJobId, ...) is added by the caller. */
export function mapSnapshot(input: MappingInput): SnapshotMapping {
  const out: SnapshotMapping = { parameters: {}, notes: [], blockers: [] };
  const detail = input.snapshotDetail;
  const listed = (input.direction === "Reverse" ? asRecord(input.snapshotJob.ReverseJob) : input.snapshotJob) ?? {};
  const pick = (field: string): unknown => detail[field] ?? listed[field];

  out.parameters.DtsJobName = text(pick("DtsJobName")) ?? text(input.snapshotJob.DtsJobName) ?? "";
  mapEndpoint(input, "Source", out);
  mapEndpoint(input, "Destination", out);

  const modes = asRecord(pick("MigrationMode"));
  for (const mode of ["StructureInitialization", "DataInitialization", "DataSynchronization"]) {
    const value = boolText(modes?.[mode]);
    if (value === null) out.notes.push({ code: "migrationModeMissing", values: { mode } });
    out.parameters[mode] = value ?? (mode === "DataSynchronization" ? "true" : "false");
  }
  const { dbList, note } = dbListOf(pick("DbObject"));
  out.parameters.DbList = dbList ?? "";
  if (note) out.notes.push(note);

  const twoWay = input.direction === "Reverse" || asRecord(input.snapshotJob.ReverseJob) !== null || text(detail.SynchronizationDirection) !== null;
  mapReserve(pick("Reserved"), out, twoWay);

  // The snapshot's Checkpoint is where incremental first started: replaying it would start again
  // from the original time (the binlogs may be gone). Left empty; the operator may set one.
  const checkpoint = text(pick("Checkpoint"));
  if (checkpoint && checkpoint !== "0") out.notes.push({ code: "checkpointCleared", values: { checkpoint } });
  for (const field of ["DtsBisLabel", "DedicatedClusterId", "ResourceGroupId"]) {
    const value = text(pick(field));
    if (value) out.parameters[field] = value;
  }
  mapServerless(text(pick("MaxDu")), text(pick("MinDu")), out);
  // Alert settings: a reset clears them and Detail does not report them; the reset's own
  // DescribeJobMonitorRule read (the snapshot's alerts) does.
  const alerts = mapAlerts(input.snapshotAlerts ?? null);
  Object.assign(out.parameters, alerts.parameters);
  out.notes.push(...alerts.notes);
  out.notes.push({ code: "notReplayedFields", values: { fields: NOT_IN_SNAPSHOT.join(", ") } });
  return out;
}
