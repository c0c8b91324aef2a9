// The simulator's own model of DTS (dts-api.md sections 2-4). Deliberately independent of lib/:
// the simulator plays the DTS side and must not share assumptions with the client it tests.

export const SIMULATED_ACTIONS = [
  "DescribeDtsJobs", "DescribeDtsJobDetail", "ResetDtsJob",
  // Reconfiguring a reset task (configure-dts-job.md): configure, start, follow the precheck.
  "ConfigureDtsJob", "StartDtsJob", "DescribePreCheckStatus",
  // A change tracking task's own configure call.
  "ConfigureSubscription",
  // A task's alert rules (what the reset snapshot keeps; a reset clears them).
  "DescribeJobMonitorRule",
] as const;
export type SimulatedAction = (typeof SIMULATED_ACTIONS)[number];

export function isSimulatedAction(action: string): action is SimulatedAction {
  return (SIMULATED_ACTIONS as readonly string[]).includes(action);
}

export const API_VERSION = "2020-01-01";

export const JOB_TYPES = ["MIGRATION", "SYNC", "SUBSCRIBE"] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** `JobType=SYNC` statuses (dts-api.md section 4). */
export const SYNC_STATUSES = [
  "NotStarted", "Prechecking", "PrecheckFailed", "PreCheckPass", "NotConfigured", "Initializing",
  "InitializeFailed", "Synchronizing", "Failed", "Suspending", "Modifying", "Finished", "Retrying",
  "Upgrade", "Locked", "Downgrade",
] as const;

/** `JobType=SUBSCRIBE` statuses. */
export const SUBSCRIBE_STATUSES = [
  "NotConfigured", "NotStarted", "Prechecking", "PrecheckFailed", "PreCheckPass", "Starting",
  "Normal", "Retrying", "Abnormal", "Upgrade", "Locked", "Downgrade",
] as const;

/** `JobType=MIGRATION` statuses. */
export const MIGRATION_STATUSES = [
  "NotStarted", "Prechecking", "PrecheckFailed", "PreCheckPass", "NotConfigured", "Migrating",
  "Suspending", "MigrationFailed", "Finished", "Retrying", "Upgrade", "Locked", "Downgrade",
] as const;

export function statusesOf(jobType: JobType): readonly string[] {
  if (jobType === "SYNC") return SYNC_STATUSES;
  if (jobType === "SUBSCRIBE") return SUBSCRIBE_STATUSES;
  return MIGRATION_STATUSES;
}

export type Direction = "Forward" | "Reverse";
export type PayType = "PrePaid" | "PostPaid";

/** A database endpoint with DTS's field casing (note `InstanceID` and `Port` as a string). */
export interface Endpoint {
  InstanceID?: string;
  EngineName?: string;
  InstanceType?: string;
  Region?: string;
  Ip?: string;
  Port?: string;
  DatabaseName?: string;
  UserName?: string;
  SslSolutionEnum?: string;
}

export interface MigrationMode {
  StructureInitialization: boolean;
  DataInitialization: boolean;
  DataSynchronization: boolean;
}

/** Change-tracking extras (SUBSCRIBE only). */
export interface SubscriptionInfo {
  topic: string;
  consumptionCheckpoint: string;
  beginTimestamp: string;
  endTimestamp: string;
  /** What ConfigureSubscription asked to track; DDL and DML when absent (the seed). */
  dataTypes?: { ddl: boolean; dml: boolean };
}

/**
 * One of a job's alert rules as DescribeJobMonitorRule reports it ([SDK] MonitorRule: Type,
 * State Y/N, DelayRuleTime in seconds, Phone comma-separated, JobType `normal` for the task itself).
 */
export interface MonitorRuleRecord {
  Type: "delay" | "error";
  State: "Y" | "N";
  DelayRuleTime?: number;
  Phone?: string;
  JobType: "normal";
}

/** One DTS job: the forward job of an instance, or the reverse job of a two-way instance. */
export interface JobRecord {
  jobId: string;
  direction: Direction;
  status: string;
  /** Replication delay in seconds. */
  delaySeconds: number;
  /** UNIX seconds, kept as a string because DTS sends it as one. */
  checkpoint: string;
  errorMessage: string;
  /** JSON string, as DTS sends it; "" once cleared by a reset. */
  dbObject: string;
  /** JSON string of DTS reserved options; "" once cleared by a reset. */
  reserved: string;
  sourceEndpoint: Endpoint;
  destinationEndpoint: Endpoint;
  /** null once cleared by a reset (the field is then left out of replies). */
  migrationMode: MigrationMode | null;
  /** ISO-8601 UTC, seconds precision; only set for finished jobs. */
  finishTime?: string;
  subscription?: SubscriptionInfo;
  /** Alert rules (DescribeJobMonitorRule); none once cleared by a reset, set again by a configure call with alert parameters. */
  monitorRules?: MonitorRuleRecord[];
}

/**
 * Variant shapes a list item (and its detail) may take, for the `variants` seed: all seen or
 * allowed by DTS's loose typing, none of them the common case.
 */
export interface ItemShape {
  /** A one-way item that still carries `ReverseJob`: `{}` or `null`. */
  reverseJob?: "empty" | "null";
  /** `SourceEndpoint: {}` and `DestinationEndpoint: null`. */
  emptyEndpoints?: boolean;
  /** `TagList` entries (`TagKey`/`TagValue`). */
  tags?: Array<{ TagKey: string; TagValue: string }>;
  /** `PayType` as the older spelling (`PREPAY`/`POSTPAY`) instead of PrePaid/PostPaid. */
  payTypeSpelling?: string;
  /** Booleans and numbers as strings: `Success: "true"`, `MigrationMode` values, `Delay`. */
  stringScalars?: boolean;
  /** No `DtsInstanceID`: an item the console cannot read. */
  omitInstanceId?: boolean;
}

/** A DTS instance: what DescribeDtsJobs lists as one item. */
export interface InstanceRecord {
  instanceId: string;
  region: string;
  jobType: JobType;
  /** DTS shows one name for the instance; the reverse job carries the same name. */
  name: string;
  jobClass: string;
  payType: PayType;
  /** ISO-8601 UTC, seconds precision (yyyy-MM-ddTHH:mm:ssZ). */
  createTime: string;
  /** Only for PrePaid. */
  expireTime?: string;
  forward: JobRecord;
  /** Present only on two-way (MySQL <-> MySQL) synchronization instances. */
  reverse?: JobRecord;
  /** Only in the `variants` seed: how its replies deviate from the common shape. */
  shape?: ItemShape;
  /**
   * A serverless instance's DU range, which DescribeDtsJobDetail reports as MaxDu/MinDu and
   * ConfigureDtsJob takes ("serverless instances only"). None in the seed: a test makes an
   * instance serverless with POST /__sim/jobs/{jobId}/serverless.
   */
  serverless?: { maxDu: number; minDu: number };
}

export function isTwoWay(instance: InstanceRecord): instance is InstanceRecord & { reverse: JobRecord } {
  return instance.reverse !== undefined;
}

export function jobOf(instance: InstanceRecord, direction: Direction): JobRecord | undefined {
  return direction === "Forward" ? instance.forward : instance.reverse;
}
