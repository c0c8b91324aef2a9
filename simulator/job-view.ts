// Renders state records as DTS reply objects, with DTS's exact field names and casing
// (dts-api.md sections 2.3 and 3.2; the official DescribeDtsJobDetail sample).

import type { DetailDelayUnit } from "./config";
import { isTwoWay, type Endpoint, type InstanceRecord, type JobRecord } from "./model";
import { phasesOf, type PrecheckFailureView } from "./phases";

type Fields = Record<string, unknown>;

const RESOURCE_GROUP_ID = "rg-acfmzawhxxc3x2q";
const RESOURCE_GROUP_NAME = "default resource group";
const ALIYUN_UID = "1406926474065173";
const HELP_URL = "https://www.alibabacloud.com/help/en/dts/support/common-errors-and-troubleshooting";

/** Steady but job-specific numbers for the Performance block. */
function jobHash(jobId: string): number {
  let h = 0;
  for (const ch of jobId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

function errorDetails(errorMessage: string): Fields[] {
  const code = /^(DTS-\d+)/.exec(errorMessage)?.[1];
  return code ? [{ ErrorCode: code, HelpUrl: HELP_URL }] : [];
}

function isRunning(status: string): boolean {
  return status === "Synchronizing" || status === "Normal" || status === "Migrating";
}

/** Fields every job shape shares (list item, ReverseJob, detail). */
function jobCore(instance: InstanceRecord, job: JobRecord): Fields {
  const fields: Fields = { DtsJobId: job.jobId, DtsInstanceID: instance.instanceId, DtsJobName: instance.name, Status: job.status };
  if (instance.shape?.omitInstanceId) delete fields.DtsInstanceID;
  return fields;
}

function billing(instance: InstanceRecord): Fields {
  const payType = instance.shape?.payTypeSpelling ?? instance.payType;
  const fields: Fields = { DtsJobClass: instance.jobClass, PayType: payType, CreateTime: instance.createTime };
  if (instance.expireTime) fields.ExpireTime = instance.expireTime;
  return fields;
}

/** `MigrationMode`, with its booleans as "true"/"false" strings in the string-scalars variant. */
function migrationModeView(instance: InstanceRecord, job: JobRecord): Fields | undefined {
  if (!job.migrationMode) return undefined;
  if (!instance.shape?.stringScalars) return { ...job.migrationMode };
  return Object.fromEntries(Object.entries(job.migrationMode).map(([k, v]) => [k, String(v)]));
}

function configuration(instance: InstanceRecord, job: JobRecord, options: { withoutDbList?: boolean } = {}): Fields {
  const fields: Fields = {};
  if (!options.withoutDbList) fields.DbObject = job.dbObject;
  fields.Reserved = job.reserved;
  if (instance.shape?.emptyEndpoints) {
    fields.SourceEndpoint = {};
    fields.DestinationEndpoint = null;
  } else {
    fields.SourceEndpoint = { ...job.sourceEndpoint };
    fields.DestinationEndpoint = { ...job.destinationEndpoint };
  }
  const mode = migrationModeView(instance, job);
  if (mode) fields.MigrationMode = mode;
  return fields;
}

/** `Delay` in seconds (DescribeDtsJobs), as a string in the string-scalars variant. */
function listDelay(instance: InstanceRecord, job: JobRecord): number | string {
  return instance.shape?.stringScalars ? String(job.delaySeconds) : job.delaySeconds;
}

function runtimeExtras(job: JobRecord): Fields {
  const fields: Fields = {};
  if (isRunning(job.status)) {
    const h = jobHash(job.jobId);
    fields.Performance = { Flow: ((h % 500) / 100).toFixed(2), Rps: String(h % 2_000) };
  }
  return fields;
}

function retryState(job: JobRecord): Fields {
  if (job.status !== "Retrying") return {};
  return {
    RetryState: {
      Retrying: true, RetryCount: 3, MaxRetryTime: 43_200, RetryTime: 180, RetryTarget: "srcDB", Module: "03",
      JobId: job.jobId, ErrMessage: job.errorMessage,
    },
  };
}

function subscriptionListFields(job: JobRecord): Fields {
  const s = job.subscription;
  if (!s) return {};
  return { AppName: "new", BeginTimestamp: s.beginTimestamp, EndTimestamp: s.endTimestamp, ConsumptionCheckpoint: s.consumptionCheckpoint, ConsumptionClient: "" };
}

/** The nested `ReverseJob` of a two-way item: job fields, but no JobType/TagList/RetryState/ResourceGroupId/OriginType. */
function reverseJobView(instance: InstanceRecord, job: JobRecord, options: { withoutDbList?: boolean }): Fields {
  return {
    ...jobCore(instance, job),
    DtsJobDirection: "Reverse",
    ...billing(instance),
    Delay: listDelay(instance, job),
    Checkpoint: job.checkpoint,
    ErrorMessage: job.errorMessage,
    ErrorDetails: errorDetails(job.errorMessage),
    ...configuration(instance, job, options),
    ...phasesOf(instance.jobType, job),
    ...runtimeExtras(job),
  };
}

/**
 * One `DtsJobList[]` item of DescribeDtsJobs: the forward job with its reverse nested in
 * `ReverseJob` (two-way only), or, with `direction: "Reverse"` (the `listReverseJobs` option:
 * whether DTS does this is not documented), the reverse job as an item of its own.
 */
export function listItemView(instance: InstanceRecord, options: { withoutDbList?: boolean; direction?: "Forward" | "Reverse" } = {}): Fields {
  const reverseItem = options.direction === "Reverse" && isTwoWay(instance);
  const job = reverseItem ? instance.reverse : instance.forward;
  const item: Fields = { ...jobCore(instance, job), JobType: instance.jobType };
  // Documented as returned only when the topology is two-way.
  if (isTwoWay(instance)) item.DtsJobDirection = reverseItem ? "Reverse" : "Forward";
  Object.assign(
    item,
    billing(instance),
    {
      Delay: listDelay(instance, job),
      Checkpoint: job.checkpoint,
      ErrorMessage: job.errorMessage,
      ErrorDetails: errorDetails(job.errorMessage),
      OriginType: "PTS",
      DtsBisLabel: "normal",
      ResourceGroupId: RESOURCE_GROUP_ID,
      ResourceGroupDisplayName: RESOURCE_GROUP_NAME,
      TagList: instance.shape?.tags ? instance.shape.tags.map((t) => ({ ...t })) : [],
    },
    configuration(instance, job, options),
    phasesOf(instance.jobType, job),
    runtimeExtras(job),
    retryState(job),
    subscriptionListFields(job),
  );
  if (isTwoWay(instance) && !reverseItem) item.ReverseJob = reverseJobView(instance, instance.reverse, options);
  else if (instance.shape?.reverseJob) item.ReverseJob = instance.shape.reverseJob === "empty" ? {} : null;
  return item;
}

/** Detail endpoints carry a few more fields than list endpoints (AliyunUid, RoleName on the source). */
function detailEndpoint(endpoint: Endpoint, isSource: boolean): Fields {
  if (Object.keys(endpoint).length === 0) return {};
  return isSource ? { RoleName: "", AliyunUid: ALIYUN_UID, ...endpoint } : { ...endpoint };
}

function subscriptionDetailFields(instance: InstanceRecord, job: JobRecord): Fields {
  const s = job.subscription;
  if (!s) return {};
  const r = instance.region;
  return {
    SubscribeTopic: s.topic,
    SubscriptionHost: {
      PublicHost: `dts-${r}.aliyuncs.com:18001`,
      PrivateHost: `dts-${r}-internal.aliyuncs.com:18001`,
      VpcHost: `dts-${r}-vpc.aliyuncs.com:18001`,
    },
    SubscriptionDataType: { Ddl: s.dataTypes?.ddl ?? true, Dml: s.dataTypes?.dml ?? true },
    ConsumptionCheckpoint: s.consumptionCheckpoint,
    ConsumptionClient: "",
    BeginTimestamp: s.beginTimestamp,
    EndTimestamp: s.endTimestamp,
    AppName: "new",
    DestNetType: "VPC",
  };
}

/** Detail `Delay` in the configured unit (see DETAIL_DELAY_UNITS in config.ts). */
function detailDelay(instance: InstanceRecord, job: JobRecord, unit: DetailDelayUnit): number {
  const milliseconds = unit === "milliseconds" || (unit === "by-job-type" && instance.jobType === "MIGRATION");
  return milliseconds ? job.delaySeconds * 1_000 : job.delaySeconds;
}

/**
 * DescribeDtsJobDetail's fields for one job. `lowercaseStatus` reproduces the documented quirk
 * (`synchronizing`). Delay: by default seconds for SYNC/SUBSCRIBE, milliseconds for MIGRATION, as
 * the SDK's method comment states; `delayUnit` plays the other readings.
 */
export function detailView(
  instance: InstanceRecord,
  job: JobRecord,
  options: { lowercaseStatus: boolean; delayUnit?: DetailDelayUnit; precheckFailures?: readonly PrecheckFailureView[] },
): Fields {
  const status = options.lowercaseStatus && job.status === "Synchronizing" ? "synchronizing" : job.status;
  const fields: Fields = {
    ...jobCore(instance, job),
    Status: status,
    JobType: instance.jobType,
    ...billing(instance),
  };
  if (job.finishTime) fields.FinishTime = job.finishTime;
  if (isTwoWay(instance)) {
    fields.DtsJobDirection = job.direction;
    fields.SynchronizationDirection = job.direction;
  }
  Object.assign(fields, {
    Delay: detailDelay(instance, job, options.delayUnit ?? "by-job-type"),
    Checkpoint: job.checkpoint,
    ErrorMessage: job.errorMessage,
    DbObject: job.dbObject,
    Reserved: job.reserved,
    SourceEndpoint: instance.shape?.emptyEndpoints ? {} : detailEndpoint(job.sourceEndpoint, true),
    DestinationEndpoint: instance.shape?.emptyEndpoints ? null : detailEndpoint(job.destinationEndpoint, false),
    ResourceGroupId: RESOURCE_GROUP_ID,
    ResourceGroupDisplayName: RESOURCE_GROUP_NAME,
    DtsBisLabel: "normal",
  });
  // Serverless instances only (dts-api.md: "MaxDu, MinDu (numbers, serverless only)").
  if (instance.serverless) Object.assign(fields, { MaxDu: instance.serverless.maxDu, MinDu: instance.serverless.minDu });
  const mode = migrationModeView(instance, job);
  if (mode) fields.MigrationMode = mode;
  Object.assign(fields, phasesOf(instance.jobType, job, options.precheckFailures), retryState(job), subscriptionDetailFields(instance, job));
  return fields;
}
