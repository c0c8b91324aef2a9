// Reconfiguring a reset change tracking (SUBSCRIBE) task with ConfigureSubscription: its
// parameters, grouped as DTS's console groups a change tracking task, and the rules the form and
// the route both check. Safe for the browser.
//
// Parameters, required ones and enums as Alibaba's API reference gives them, checked with the
// search tool against the SDK model: aliyun/alibabacloud-typescript-sdk
// dts-20200101/src/models/ConfigureSubscriptionRequest.ts (commit 812d3ed5e2c82d068cfa77fe8aed3759c28c897c)
// and https://help.aliyun.com/zh/dts/developer-reference/api-configuresubscription :
// - required: DtsJobName, DbList, RegionId, SubscriptionInstanceNetworkType ("The only valid value
//   is vpc"; then SubscriptionInstanceVPCId and SubscriptionInstanceVSwitchId are required too);
// - SourceEndpointInstanceType: RDS, PolarDB, DRDS, LocalInstance, ECS, Express, CEN, dg (not
//   ConfigureDtsJob's vocabulary); SourceEndpointEngineName: MySQL, PostgreSQL, Oracle (display
//   case, unlike ConfigureDtsJob's MYSQL), required for self-managed databases;
//   SourceEndpointInstanceID required for RDS MySQL, PolarDB-X 1.0 and PolarDB MySQL; IP and port
//   for self-managed databases;
// - SubscriptionDataTypeDDL / SubscriptionDataTypeDML booleans (default true);
// - DelayNotice / ErrorNotice booleans, DelayRuleTime seconds (required when DelayNotice=true),
//   DelayPhone / ErrorPhone (China site only);
// - MaxDu / MinDu: "This feature is currently not supported. Do not specify this parameter" on the
//   international site: never replayed; SSL fields: not supported; no destination endpoint.
// The reference marked the list UNCONFIRMED (docs/reference/fleet-and-identity.md section 4): the
// SDK model above is what this follows. The SDK sends DbList in the query; this console sends it
// (and the password) in the form body like ConfigureDtsJob's, which DTS's RPC gateway reads too.
import {
  CONFIGURE_FIELDS,
  CONFIGURE_GROUPS,
  fieldOf,
  FIXED_PARAMETERS,
  parameterIssues,
  SUBSCRIPTION_GROUPS,
  type ConfigureAction,
  type ConfigureField,
  type ConfigureGroup,
  type ConfigureParameters,
  type ParameterIssue,
  fieldIssues,
  alertIssues,
} from "./reconfigure";

export const SUBSCRIPTION_SOURCE_INSTANCE_TYPES = ["RDS", "PolarDB", "DRDS", "LocalInstance", "ECS", "Express", "CEN", "dg"] as const;
export const SUBSCRIPTION_SOURCE_ENGINES = ["MySQL", "PostgreSQL", "Oracle"] as const;
/** Reached by address: an IP and a port are required. */
export const SUBSCRIPTION_NEEDS_ADDRESS: readonly string[] = ["LocalInstance", "Express", "CEN", "dg"];
/** Cloud instances: the instance ID and the region are required. */
const CLOUD: readonly string[] = ["RDS", "PolarDB", "DRDS"];

/** Parameters the console sets itself (the task's identity). */
export const SUBSCRIPTION_FIXED_PARAMETERS = ["DtsJobId", "DtsInstanceId", "RegionId"] as const;

/** Alert settings: documented alike for ConfigureDtsJob and ConfigureSubscription, never in a snapshot. */
export const ALERT_FIELDS: readonly ConfigureField[] = [
  { name: "DelayNotice", group: "options", label: "Latency alert", kind: "enum", options: ["", "true", "false"] },
  { name: "DelayRuleTime", group: "options", label: "Latency alert threshold (seconds)", kind: "number", hint: "Required when the latency alert is on; 10 seconds or more." },
  { name: "DelayPhone", group: "options", label: "Latency alert phone numbers", kind: "text", hint: "China site only, comma-separated, at most 10." },
  { name: "ErrorNotice", group: "options", label: "Error alert", kind: "enum", options: ["", "true", "false"] },
  { name: "ErrorPhone", group: "options", label: "Error alert phone numbers", kind: "text", hint: "China site only, comma-separated, at most 10." },
];

/** The editable ConfigureSubscription parameters, in the DTS console's order. */
export const SUBSCRIPTION_FIELDS: readonly ConfigureField[] = [
  { name: "DtsJobName", group: "source", label: "Task name", kind: "text", required: true },
  { name: "SourceEndpointInstanceType", group: "source", label: "Access method / instance type", kind: "enum", options: SUBSCRIPTION_SOURCE_INSTANCE_TYPES, required: true },
  { name: "SourceEndpointEngineName", group: "source", label: "Database engine", kind: "enum", options: ["", ...SUBSCRIPTION_SOURCE_ENGINES] },
  { name: "SourceEndpointRegion", group: "source", label: "Region", kind: "text", hint: "Required for Alibaba Cloud databases." },
  { name: "SourceEndpointInstanceID", group: "source", label: "Instance ID", kind: "text" },
  { name: "SourceEndpointIP", group: "source", label: "IP address", kind: "text", hint: "Only for self-managed databases." },
  { name: "SourceEndpointPort", group: "source", label: "Port", kind: "number" },
  { name: "SourceEndpointDatabaseName", group: "source", label: "Database name", kind: "text" },
  { name: "SourceEndpointOracleSID", group: "source", label: "Oracle SID", kind: "text" },
  { name: "SourceEndpointUserName", group: "source", label: "Database account", kind: "text" },
  { name: "SourceEndpointOwnerID", group: "source", label: "Owner account UID (cross-account)", kind: "text" },
  { name: "SourceEndpointRole", group: "source", label: "RAM role (cross-account)", kind: "text" },
  { name: "SubscriptionInstanceNetworkType", group: "network", label: "Network type", kind: "enum", options: ["vpc"], required: true },
  { name: "SubscriptionInstanceVPCId", group: "network", label: "VPC ID", kind: "text", required: true },
  { name: "SubscriptionInstanceVSwitchId", group: "network", label: "vSwitch ID", kind: "text", required: true },
  { name: "DbList", group: "objects", label: "Objects to track (DbList JSON)", kind: "json", required: true },
  { name: "SubscriptionDataTypeDDL", group: "objects", label: "Track DDL", kind: "boolean" },
  { name: "SubscriptionDataTypeDML", group: "objects", label: "Track DML", kind: "boolean" },
  { name: "Checkpoint", group: "options", label: "Tracking start (UNIX seconds)", kind: "number", hint: "Leave empty unless you mean to start incremental synchronization from a past position." },
  ...ALERT_FIELDS,
  { name: "DtsBisLabel", group: "options", label: "Environment label", kind: "enum", options: ["", "normal", "online"] },
  { name: "DedicatedClusterId", group: "options", label: "Dedicated cluster ID", kind: "text" },
  { name: "ResourceGroupId", group: "options", label: "Resource group ID", kind: "text" },
];

const BY_NAME = new Map(SUBSCRIPTION_FIELDS.map((f) => [f.name, f]));
const RESERVE_KEY = /^Reserve\.[A-Za-z][A-Za-z0-9_.]{0,63}$/;

export function subscriptionFieldOf(name: string): ConfigureField | undefined {
  return BY_NAME.get(name) ?? (RESERVE_KEY.test(name) ? { name, group: "options", label: name, kind: "text" } : undefined);
}

/** What is wrong with ConfigureSubscription parameters about to be sent; [] when nothing. */
export function subscriptionIssues(params: ConfigureParameters): ParameterIssue[] {
  const issues: ParameterIssue[] = fieldIssues(SUBSCRIPTION_FIELDS, params);
  const type = params.SourceEndpointInstanceType ?? "";
  if (SUBSCRIPTION_NEEDS_ADDRESS.includes(type) || type === "ECS") {
    if (SUBSCRIPTION_NEEDS_ADDRESS.includes(type) && !params.SourceEndpointIP) issues.push({ name: "SourceEndpointIP", code: "requiredFor", type, message: `The source IP address is required for ${type}.` });
    if (!params.SourceEndpointPort) issues.push({ name: "SourceEndpointPort", code: "requiredFor", type, message: `The source port is required for ${type}.` });
    if (!params.SourceEndpointEngineName) issues.push({ name: "SourceEndpointEngineName", code: "required", message: "Database engine is required for a self-managed database." });
  } else if (CLOUD.includes(type)) {
    if (!params.SourceEndpointRegion) issues.push({ name: "SourceEndpointRegion", code: "requiredFor", type, message: `The source region is required for ${type}.` });
    if (!params.SourceEndpointInstanceID) issues.push({ name: "SourceEndpointInstanceID", code: "requiredFor", type, message: `The source instance ID is required for ${type}.` });
  }
  issues.push(...alertIssues(params));
  return issues;
}

/** What the form and the route use for one API: its fields, groups, checks and fixed identity. */
export interface ConfigureSpec {
  api: ConfigureAction;
  fields: readonly ConfigureField[];
  groups: readonly ConfigureGroup[];
  fixed: readonly string[];
  fieldOf(name: string): ConfigureField | undefined;
  issues(params: ConfigureParameters): ParameterIssue[];
  /** Whether the destination's password is asked for (ConfigureSubscription has no destination). */
  destinationPassword: boolean;
}

export function configureSpecOf(api: ConfigureAction): ConfigureSpec {
  return api === "ConfigureSubscription"
    ? { api, fields: SUBSCRIPTION_FIELDS, groups: SUBSCRIPTION_GROUPS, fixed: SUBSCRIPTION_FIXED_PARAMETERS, fieldOf: subscriptionFieldOf, issues: subscriptionIssues, destinationPassword: false }
    : { api, fields: CONFIGURE_FIELDS, groups: CONFIGURE_GROUPS, fixed: FIXED_PARAMETERS, fieldOf, issues: parameterIssues, destinationPassword: true };
}
