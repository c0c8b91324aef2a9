// Reconfiguring a reset task with ConfigureDtsJob: the parameters, their groups as the DTS console
// shows them, the rules both the form and the route check, the request, and the record the API
// returns. Safe for the browser. Parameter names and enum values are DTS's own, case included
// (API 2020-01-01, https://www.alibabacloud.com/help/en/dts/developer-reference/api-configuredtsjob;
// reference copy: docs/reference/configure-dts-job.md).
//
// Parameters are one flat map of strings: booleans are "true"/"false", and each key of the
// `Reserve` JSON is its own entry `Reserve.<key>`, so that every value is edited, compared with the
// snapshot and recorded on its own. The server assembles `Reserve` from them when it calls DTS.
// No zod here, so the pages that show a reconfiguration stay light; the request's schema is in
// reconfigure-request.ts.
import { MAX_ALERT_PHONES, phoneListProblem } from "./alerts";
import type { Direction } from "./task";
import type { Remark } from "./reconfigure-remarks";
import type { Equivalent } from "./runbook";
import type { StartAttemptRecord } from "./start-again";

export type ConfigureParameters = Record<string, string>;

export type ConfigureAction = "ConfigureDtsJob" | "ConfigureSubscription";

/** Which API a recorded configuration went to: ConfigureSubscription takes no JobType (it has one kind). */
export function configureActionOf(parameters: Readonly<ConfigureParameters>): ConfigureAction {
  return parameters.JobType === undefined && parameters.SubscriptionInstanceNetworkType !== undefined ? "ConfigureSubscription" : "ConfigureDtsJob";
}

export const CONFIGURE_GROUPS = ["source", "destination", "objects", "options"] as const;
/** ConfigureSubscription's groups: a change tracking task has no destination but a consumer network. */
export const SUBSCRIPTION_GROUPS = ["source", "network", "objects", "options"] as const;
export type ConfigureGroup = (typeof CONFIGURE_GROUPS)[number] | (typeof SUBSCRIPTION_GROUPS)[number];

export const GROUP_TITLES: Record<ConfigureGroup, string> = {
  source: "Source database",
  destination: "Destination database",
  network: "Consumer network",
  objects: "Objects and migration types",
  options: "Advanced settings",
};

const SELF_MANAGED = ["OTHER", "ECS", "EXPRESS", "CEN", "DG"] as const;
/** Access methods that need an IP address and a port (self-managed, reached by address). */
export const NEEDS_ADDRESS: readonly string[] = ["OTHER", "EXPRESS", "CEN", "DG"];

export const SOURCE_INSTANCE_TYPES = [
  "RDS", "PolarDB", "ADS", "REDIS", "DISTRIBUTED_POLARDBX10", "POLARDBX20", "MONGODB", "DISTRIBUTED_DMSLOGICDB", "LINDORM", ...SELF_MANAGED,
] as const;
/** `KAFKA`: what DescribeDtsJobDetail reports for ApsaraMQ for Kafka; not in the documented list (UNCONFIRMED). */
export const DESTINATION_INSTANCE_TYPES = [
  "RDS", "PolarDB", "DISTRIBUTED_POLARDBX10", "POLARDBX20", "REDIS", "ADS", "MONGODB", "ROCKETMQ", "GREENPLUM", "DATAHUB", "ELK",
  "Tablestore", "ODPS", "LINDORM", "KAFKA", ...SELF_MANAGED,
] as const;
export const SOURCE_ENGINES = [
  "MYSQL", "MARIADB", "PolarDB", "POLARDB_O", "POLARDBX10", "POLARDBX20", "ADB30", "ORACLE", "POSTGRESQL", "MSSQL", "MONGODB", "DB2",
  "AS400", "DMSPOLARDB", "HBASE", "TERADATA", "TiDB", "REDIS", "LINDORM",
] as const;
/** Note `PostgreSQL` here against the source list's `POSTGRESQL`: DTS spells them differently. */
export const DESTINATION_ENGINES = [
  "MYSQL", "MARIADB", "PolarDB", "POLARDB_O", "POLARDBX10", "POLARDBX20", "ADB30", "ORACLE", "MSSQL", "MONGODB", "DB2", "AS400",
  "DMSPOLARDB", "HBASE", "TERADATA", "TiDB", "REDIS", "LINDORM", "ADS", "ROCKETMQ", "GREENPLUM", "KAFKA", "DATAHUB", "ODPS",
  "Tablestore", "ELK", "PostgreSQL",
] as const;

export type FieldKind = "text" | "boolean" | "json" | "enum" | "number";

export interface ConfigureField {
  name: string;
  group: ConfigureGroup;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  /** Must not be empty. */
  required?: boolean;
  hint?: string;
}

const endpointFields = (side: "Source" | "Destination"): ConfigureField[] => {
  const group = side === "Source" ? "source" : "destination";
  const p = `${side}Endpoint`;
  return [
    { name: `${p}InstanceType`, group, label: "Access method / instance type", kind: "enum", options: side === "Source" ? SOURCE_INSTANCE_TYPES : DESTINATION_INSTANCE_TYPES, required: true },
    { name: `${p}EngineName`, group, label: "Database engine", kind: "enum", options: side === "Source" ? SOURCE_ENGINES : DESTINATION_ENGINES, required: true },
    { name: `${p}Region`, group, label: "Region", kind: "text", hint: "Required for Alibaba Cloud databases." },
    { name: `${p}InstanceID`, group, label: "Instance ID", kind: "text" },
    { name: `${p}IP`, group, label: "IP address", kind: "text", hint: "Only for OTHER, EXPRESS, CEN and DG." },
    { name: `${p}Port`, group, label: "Port", kind: "number" },
    // The destination's parameter really is spelt DataBaseName.
    { name: side === "Source" ? "SourceEndpointDatabaseName" : "DestinationEndpointDataBaseName", group, label: "Database name", kind: "text" },
    { name: `${p}OracleSID`, group, label: "Oracle SID", kind: "text" },
    { name: `${p}UserName`, group, label: "Database account", kind: "text" },
    { name: `${p}OwnerID`, group, label: "Owner account UID (cross-account)", kind: "text" },
    { name: `${p}Role`, group, label: "RAM role (cross-account)", kind: "text" },
  ];
};

/** The editable ConfigureDtsJob parameters, in the DTS console's order. */
export const CONFIGURE_FIELDS: readonly ConfigureField[] = [
  { name: "DtsJobName", group: "source", label: "Task name", kind: "text", required: true },
  ...endpointFields("Source"),
  ...endpointFields("Destination"),
  { name: "StructureInitialization", group: "objects", required: true, label: "Schema synchronization", kind: "boolean" },
  { name: "DataInitialization", group: "objects", required: true, label: "Full data synchronization", kind: "boolean", hint: "Re-copies the data into the destination." },
  { name: "DataSynchronization", group: "objects", required: true, label: "Incremental synchronization", kind: "boolean" },
  { name: "DbList", group: "objects", label: "Objects to synchronize (DbList JSON)", kind: "json", required: true },
  {
    name: "Reserve.targetTableMode", group: "options", label: "Tables with the same name in the destination", kind: "enum", options: ["0", "2"], required: true,
    hint: "0: the precheck fails if one exists. 2: ignore and continue (rows are kept, then overwritten by incremental changes).",
  },
  { name: "Reserve.conflict", group: "options", label: "Two-way conflict policy", kind: "enum", options: ["", "overwrite", "interrupt", "ignore"], hint: "Two-way instances only." },
  { name: "Reserve.filterDDL", group: "options", label: "Filter DDL (two-way)", kind: "enum", options: ["", "true", "false"], hint: "Two-way instances only." },
  { name: "Reserve.maxRetryTime", group: "options", label: "Retry window (minutes, 10-1440)", kind: "number" },
  { name: "Checkpoint", group: "options", label: "Incremental start (UNIX seconds)", kind: "number", hint: "Leave empty unless you mean to start incremental synchronization from a past position." },
  // Alert settings (documented for ConfigureDtsJob; a reset clears them and no snapshot has them).
  { name: "DelayNotice", group: "options", label: "Latency alert", kind: "enum", options: ["", "true", "false"] },
  { name: "DelayRuleTime", group: "options", label: "Latency alert threshold (seconds)", kind: "number", hint: "Required when the latency alert is on; 10 seconds or more." },
  { name: "DelayPhone", group: "options", label: "Latency alert phone numbers", kind: "text", hint: "China site only, comma-separated, at most 10." },
  { name: "ErrorNotice", group: "options", label: "Error alert", kind: "enum", options: ["", "true", "false"] },
  { name: "ErrorPhone", group: "options", label: "Error alert phone numbers", kind: "text", hint: "China site only, comma-separated, at most 10." },
  { name: "DtsBisLabel", group: "options", label: "Environment label", kind: "enum", options: ["", "normal", "online"] },
  { name: "DedicatedClusterId", group: "options", label: "Dedicated cluster ID", kind: "text" },
  { name: "ResourceGroupId", group: "options", label: "Resource group ID", kind: "text" },
  // The instance class of a serverless instance (ConfigureDtsJob: "MaxDu, MinDu: serverless
  // instances only"); replayed from Detail's MaxDu/MinDu, which DTS reports for those only.
  { name: "MaxDu", group: "options", label: "Maximum DUs (serverless)", kind: "number", hint: "Serverless instances only: the most DUs DTS may scale the task to." },
  { name: "MinDu", group: "options", label: "Minimum DUs (serverless)", kind: "number", hint: "Serverless instances only: the fewest DUs DTS keeps for the task." },
];

/** The instance class of a serverless instance: offered only when the snapshot has it. */
export const SERVERLESS_FIELDS = ["MaxDu", "MinDu"] as const;

/** Whether parameters carry a serverless instance's DU range (the snapshot's, when mapped from it). */
export function hasServerlessRange(params: Readonly<ConfigureParameters>): boolean {
  return SERVERLESS_FIELDS.some((name) => (params[name] ?? "") !== "");
}

const FIELD_BY_NAME = new Map(CONFIGURE_FIELDS.map((f) => [f.name, f]));
export const RESERVE_PREFIX = "Reserve.";
const RESERVE_KEY = /^Reserve\.[A-Za-z][A-Za-z0-9_.]{0,63}$/;

/** Parameters the console sets itself and the operator cannot override. */
export const FIXED_PARAMETERS = ["DtsJobId", "DtsInstanceId", "RegionId", "JobType", "SynchronizationDirection", "Reserve.autoStartModulesAfterConfig"] as const;

export function fieldOf(name: string): ConfigureField | undefined {
  return FIELD_BY_NAME.get(name) ?? (RESERVE_KEY.test(name) ? { name, group: "options", label: name, kind: "text" } : undefined);
}

export const MAX_DB_LIST_BYTES = 1024 * 1024;

/**
 * What is wrong, by kind, for a form that says it in the reader's language (`message` is the
 * API's English). `options`: an enum's accepted values; `type`: the access method that needs the
 * field (requiredFor).
 */
export type ParameterIssueCode =
  | "required" | "boolean" | "enum" | "number" | "json" | "requiredFor" | "retryRange" | "dbListTooLarge" | "duRange" | "serverlessOnly"
  | "phoneFormat" | "phoneCount";

export interface ParameterIssue {
  name: string;
  message: string;
  code: ParameterIssueCode;
  options?: readonly string[];
  type?: string;
}

function isJsonObject(value: string): boolean {
  try {
    const parsed = JSON.parse(value) as unknown;
    return !!parsed && typeof parsed === "object" && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** Each field's own rules (required, boolean, enum as DTS spells it, whole number, JSON object): ConfigureDtsJob's and ConfigureSubscription's alike. */
export function fieldIssues(fields: readonly ConfigureField[], params: ConfigureParameters): ParameterIssue[] {
  const issues: ParameterIssue[] = [];
  for (const field of fields) {
    const value = params[field.name] ?? "";
    if (field.required && value.trim() === "") {
      issues.push({ name: field.name, code: "required", message: `${field.label} is required.` });
      continue;
    }
    if (value === "") continue;
    if (field.kind === "boolean" && value !== "true" && value !== "false") issues.push({ name: field.name, code: "boolean", message: `${field.label} must be true or false.` });
    if (field.kind === "enum" && field.options && !field.options.includes(value)) {
      const options = field.options.filter(Boolean);
      issues.push({ name: field.name, code: "enum", options, message: `${field.label} must be one of ${options.join(", ")} (as DTS spells it).` });
    }
    if (field.kind === "number" && !/^\d+$/.test(value)) issues.push({ name: field.name, code: "number", message: `${field.label} must be a whole number.` });
    if (field.kind === "json" && !isJsonObject(value)) issues.push({ name: field.name, code: "json", message: `${field.label} must be a JSON object.` });
  }
  return issues;
}

/** What is wrong with a set of parameters about to be sent; [] when nothing. The form and the route both check this. */
export function parameterIssues(params: ConfigureParameters): ParameterIssue[] {
  const issues: ParameterIssue[] = fieldIssues(CONFIGURE_FIELDS, params);
  for (const side of ["Source", "Destination"] as const) {
    const type = params[`${side}EndpointInstanceType`] ?? "";
    const label = side === "Source" ? "source" : "destination";
    if (NEEDS_ADDRESS.includes(type)) {
      if (!params[`${side}EndpointIP`]) issues.push({ name: `${side}EndpointIP`, code: "requiredFor", type, message: `The ${label} IP address is required for ${type}.` });
      if (!params[`${side}EndpointPort`]) issues.push({ name: `${side}EndpointPort`, code: "requiredFor", type, message: `The ${label} port is required for ${type}.` });
    } else if (type !== "") {
      if (!params[`${side}EndpointRegion`]) issues.push({ name: `${side}EndpointRegion`, code: "requiredFor", type, message: `The ${label} region is required for ${type}.` });
      if (!params[`${side}EndpointInstanceID`] && type !== "ECS") {
        issues.push({ name: `${side}EndpointInstanceID`, code: "requiredFor", type, message: `The ${label} instance ID is required for ${type}.` });
      }
    }
  }
  const retry = params["Reserve.maxRetryTime"];
  if (retry && /^\d+$/.test(retry) && (Number(retry) < 10 || Number(retry) > 1440)) {
    issues.push({ name: "Reserve.maxRetryTime", code: "retryRange", message: "The retry window is in minutes, from 10 to 1440." });
  }
  if ((params.DbList ?? "").length > MAX_DB_LIST_BYTES) issues.push({ name: "DbList", code: "dbListTooLarge", message: "DbList is larger than DTS's 1 MB limit." });
  issues.push(...alertIssues(params));
  issues.push(...duRangeIssues(params));
  return issues;
}

/**
 * The alert parameters, alike for ConfigureDtsJob and ConfigureSubscription: DelayRuleTime is
 * required when the latency alert is on; DelayPhone and ErrorPhone are comma-separated mainland
 * mobile numbers, at most 10 ("China site only").
 */
export function alertIssues(params: ConfigureParameters): ParameterIssue[] {
  const issues: ParameterIssue[] = [];
  if (params.DelayNotice === "true" && !params.DelayRuleTime) {
    issues.push({ name: "DelayRuleTime", code: "required", message: "Latency alert threshold (seconds) is required when the latency alert is on." });
  }
  for (const name of ["DelayPhone", "ErrorPhone"] as const) {
    const problem = phoneListProblem(params[name] ?? "");
    if (problem === "phoneFormat") issues.push({ name, code: problem, message: `${name}: mainland China mobile numbers (11 digits), separated by commas without spaces.` });
    if (problem === "phoneCount") issues.push({ name, code: problem, message: `${name}: at most ${MAX_ALERT_PHONES} phone numbers.` });
  }
  return issues;
}

/** MaxDu and MinDu: whole numbers of at least 1, the minimum not above the maximum. */
export function duRangeIssues(params: ConfigureParameters): ParameterIssue[] {
  const issues: ParameterIssue[] = [];
  const max = params.MaxDu ?? "";
  const min = params.MinDu ?? "";
  for (const [name, value] of [["MaxDu", max], ["MinDu", min]] as const) {
    if (/^\d+$/.test(value) && Number(value) < 1) issues.push({ name, code: "duRange", message: `${name} must be at least 1.` });
  }
  if (/^\d+$/.test(max) && /^\d+$/.test(min) && Number(min) > Number(max)) {
    issues.push({ name: "MinDu", code: "duRange", message: "MinDu must not be above MaxDu." });
  }
  return issues;
}

/**
 * The DU range is a serverless instance's: a task whose snapshot has none is not serverless, and
 * ConfigureDtsJob documents MaxDu/MinDu for serverless instances only. Checked by the form (which
 * does not offer the fields then) and the route.
 */
export function serverlessIssues(base: Readonly<ConfigureParameters>, params: ConfigureParameters): ParameterIssue[] {
  if (hasServerlessRange(base)) return [];
  return SERVERLESS_FIELDS.filter((name) => (params[name] ?? "") !== "").map((name) => ({
    name,
    code: "serverlessOnly" as const,
    message: `${name} applies to serverless instances only, and the snapshot shows this task's instance is not one.`,
  }));
}

/** Which parameters differ, as the operator will see them before sending. */
export interface ParameterChange {
  name: string;
  before: string | null;
  after: string | null;
}

export function diffParameters(base: ConfigureParameters, edited: ConfigureParameters): ParameterChange[] {
  const names = [...new Set([...Object.keys(base), ...Object.keys(edited)])];
  return names
    .map((name) => ({ name, before: base[name] ?? null, after: edited[name] ?? null }))
    .filter((c) => (c.before ?? "") !== (c.after ?? ""))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// --- the record --------------------------------------------------------------------------------

export const RECONFIGURE_STATUSES = ["pending", "succeeded", "failed", "unknown"] as const;
export type ReconfigureStatus = (typeof RECONFIGURE_STATUSES)[number];

/** Where the task stands after the call; the last three are final. */
export const RECONFIGURE_PROGRESS = ["configuring", "prechecking", "initializing", "synchronizing", "precheck_failed", "failed"] as const;
export type ReconfigureProgress = (typeof RECONFIGURE_PROGRESS)[number];
export const FINAL_PROGRESS: readonly ReconfigureProgress[] = ["synchronizing", "precheck_failed", "failed"];

export interface PrecheckItemView {
  item: string;
  state: string;
  message: string | null;
  repairMethod: string | null;
}

export interface CallFailure {
  code: string | null;
  message: string | null;
  kind: string | null;
  retrySafe: boolean | null;
}

/** One reconfiguration as the JSON API returns it. Never holds a password. */
export interface ReconfigurationRecord {
  id: string;
  /** The Alibaba Cloud account the task lives in. */
  account: string;
  resetId: string;
  jobId: string;
  instanceId: string;
  region: string;
  direction: Direction;
  taskName: string;
  actor: string;
  actorRole: string;
  requestedAt: string;
  idempotencyKey: string | null;
  /** Every ConfigureDtsJob parameter sent, except the two passwords (which were sent, not kept). */
  parameters: ConfigureParameters;
  /** The API called: ConfigureDtsJob for a synchronization task, ConfigureSubscription for change tracking. */
  api: ConfigureAction;
  /** The same call as an `aliyun` command and a TypeScript SDK call (passwords as placeholders). */
  equivalent: Equivalent;
  /** The ConfigureDtsJob call. */
  status: ReconfigureStatus;
  finishedAt: string | null;
  requestId: string | null;
  httpStatus: number | null;
  error: CallFailure | null;
  resolvedBy: "response" | "reconciliation" | null;
  reconciledAt: string | null;
  reconciliationNote: string | null;
  /** The StartDtsJob call that starts the precheck, once made. */
  start: { status: ReconfigureStatus; requestedAt: string; finishedAt: string | null; requestId: string | null; error: CallFailure | null } | null;
  progress: ReconfigureProgress;
  /** The last precheck DTS reported: its state and every item that did not pass. */
  precheck: { state: string; total: number; failed: PrecheckItemView[]; at: string } | null;
  taskStatus: string | null;
  observedAt: string | null;
  /** "Start again": each StartDtsJob sent after this record's start failed, newest first (GET /api/resets/{id}/reconfigure). */
  startAttempts?: StartAttemptRecord[];
}

/** GET /api/resets/{id}/reconfigure. */
export interface ReconfigureView {
  resetId: string;
  /** ConfigureDtsJob (synchronization) or ConfigureSubscription (change tracking). */
  api?: ConfigureAction;
  /** The account the task lives in (the command's `--profile` when there are several). */
  account?: string;
  /** The task to configure now (a reset may have given it a new ID). */
  target: { jobId: string; instanceId: string; region: string; direction: Direction; status: string | null; taskName: string };
  /** The ConfigureDtsJob parameters mapped from the pre-reset snapshot (no passwords). */
  parameters: ConfigureParameters;
  /** What the mapping changed or left out, in words, for the operator. */
  notes: string[];
  allowed: boolean;
  /** Why reconfiguring is not possible now, when it is not. */
  reason: string | null;
  /** `notes` and `reason` as codes with their values, for the interface to word in the reader's language. */
  remarks: { notes: Remark[]; reason: Remark[] | null };
  reconfigurations: ReconfigurationRecord[];
}

export function isFinalProgress(progress: ReconfigureProgress): boolean {
  return FINAL_PROGRESS.includes(progress);
}
