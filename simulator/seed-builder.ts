// Turns a compact task description into the full InstanceRecord the state holds, filling in what
// DTS derives itself (instance ID, checkpoints, expiry, subscription details).

import type { Endpoint, InstanceRecord, JobRecord, JobType, MonitorRuleRecord, PayType, SubscriptionInfo } from "./model";
import { dbObjectJson, migrationModeFor, reservedJson } from "./seed-catalog";

/** "Now" for the seed: a fixed instant so the data never depends on the clock. */
export const SEED_NOW_SECONDS = Date.UTC(2026, 5, 30, 0, 0, 0) / 1000;

export interface TaskSpec {
  region: string;
  jobType: JobType;
  name: string;
  jobId: string;
  status: string;
  createTime: string;
  payType: PayType;
  jobClass: string;
  source: Endpoint;
  destination: Endpoint;
  databases: readonly string[];
  tables?: readonly string[];
  delaySeconds?: number;
  errorMessage?: string;
  /** The forward job's alert rules (DescribeJobMonitorRule); both off when not given. */
  alerts?: { delay?: { seconds: number; phones?: readonly string[] }; error?: { phones?: readonly string[] } };
  /** Two-way synchronization only: the reverse job. */
  reverse?: { jobId: string; status: string; delaySeconds?: number; errorMessage?: string };
}

export function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function epochOf(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/** A job that never got configured has no endpoints, objects or options. */
function isUnconfigured(status: string): boolean {
  return status === "NotConfigured";
}

/** The delay and error rules DTS reports for a configured job: on as the spec says, off otherwise. */
function monitorRulesFor(alerts: TaskSpec["alerts"]): MonitorRuleRecord[] {
  const delay: MonitorRuleRecord = { Type: "delay", State: alerts?.delay ? "Y" : "N", JobType: "normal" };
  if (alerts?.delay) {
    delay.DelayRuleTime = alerts.delay.seconds;
    if (alerts.delay.phones?.length) delay.Phone = alerts.delay.phones.join(",");
  }
  const error: MonitorRuleRecord = { Type: "error", State: alerts?.error ? "Y" : "N", JobType: "normal" };
  if (alerts?.error?.phones?.length) error.Phone = alerts.error.phones.join(",");
  return [delay, error];
}

function buildJob(
  spec: TaskSpec,
  direction: JobRecord["direction"],
  jobId: string,
  status: string,
  source: Endpoint,
  destination: Endpoint,
  delaySeconds: number,
  errorMessage: string,
): JobRecord {
  const created = epochOf(spec.createTime);
  const running = !isUnconfigured(status) && !["NotStarted", "Prechecking", "PrecheckFailed", "PreCheckPass"].includes(status);
  const checkpoint = running ? String(Math.max(created, SEED_NOW_SECONDS - delaySeconds)) : "0";
  if (isUnconfigured(status)) {
    return {
      jobId, direction, status, delaySeconds: 0, checkpoint: "0", errorMessage: "", dbObject: "", reserved: "",
      sourceEndpoint: {}, destinationEndpoint: {}, migrationMode: null,
    };
  }
  const job: JobRecord = {
    jobId,
    direction,
    status,
    delaySeconds: running ? delaySeconds : 0,
    checkpoint,
    errorMessage,
    dbObject: dbObjectJson(spec.databases, spec.tables),
    reserved: reservedJson(source, destination),
    sourceEndpoint: source,
    destinationEndpoint: destination,
    migrationMode: migrationModeFor(spec.jobType),
    monitorRules: monitorRulesFor(direction === "Forward" ? spec.alerts : undefined),
  };
  if (status === "Finished") job.finishTime = isoSeconds(created + 86_400 * 3 + (created % 7_200));
  if (spec.jobType === "SUBSCRIBE") job.subscription = subscriptionFor(spec, jobId, created);
  return job;
}

function subscriptionFor(spec: TaskSpec, jobId: string, created: number): SubscriptionInfo {
  const sourceId = (spec.source.InstanceID ?? "selfmanaged").replace(/-/g, "_");
  return {
    topic: `${spec.region.replace(/-/g, "_")}_${sourceId}_dts_${jobId}_version2`,
    consumptionCheckpoint: String(SEED_NOW_SECONDS - (spec.delaySeconds ?? 0)),
    beginTimestamp: String(created),
    endTimestamp: String(SEED_NOW_SECONDS),
  };
}

const YEAR_SECONDS = 86_400 * 365;

/** A subscription bought at `created` and renewed yearly: its next expiry after the seed's "now". */
function renewedUntil(created: number): number {
  const years = Math.max(1, Math.ceil((SEED_NOW_SECONDS - created) / YEAR_SECONDS)) + (created % 2);
  return created + years * YEAR_SECONDS;
}

export function buildInstance(spec: TaskSpec): InstanceRecord {
  const created = epochOf(spec.createTime);
  const instance: InstanceRecord = {
    instanceId: `dts${spec.jobId}`,
    region: spec.region,
    jobType: spec.jobType,
    name: spec.name,
    jobClass: spec.jobClass,
    payType: spec.payType,
    createTime: spec.createTime,
    forward: buildJob(spec, "Forward", spec.jobId, spec.status, spec.source, spec.destination, spec.delaySeconds ?? 0, spec.errorMessage ?? ""),
  };
  if (spec.payType === "PrePaid") instance.expireTime = isoSeconds(renewedUntil(created));
  if (spec.reverse) {
    const r = spec.reverse;
    // The reverse job replicates the other way: its source is the forward job's destination.
    instance.reverse = buildJob(spec, "Reverse", r.jobId, r.status, spec.destination, spec.source, r.delaySeconds ?? 0, r.errorMessage ?? "");
  }
  return instance;
}
