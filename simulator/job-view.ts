// Renders state records as DTS reply objects, with DTS's exact field names and casing
// (dts-api.md sections 2.3 and 3.2; the official DescribeDtsJobDetail sample).

import { isTwoWay, type Endpoint, type InstanceRecord, type JobRecord } from "./model";
import { phasesOf } from "./phases";

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
  return { DtsJobId: job.jobId, DtsInstanceID: instance.instanceId, DtsJobName: instance.name, Status: job.status };
}

function billing(instance: InstanceRecord): Fields {
  const fields: Fields = { DtsJobClass: instance.jobClass, PayType: instance.payType, CreateTime: instance.createTime };
  if (instance.expireTime) fields.ExpireTime = instance.expireTime;
  return fields;
}

function configuration(job: JobRecord, options: { withoutDbList?: boolean } = {}): Fields {
  const fields: Fields = {};
  if (!options.withoutDbList) fields.DbObject = job.dbObject;
  fields.Reserved = job.reserved;
  fields.SourceEndpoint = { ...job.sourceEndpoint };
  fields.DestinationEndpoint = { ...job.destinationEndpoint };
  if (job.migrationMode) fields.MigrationMode = { ...job.migrationMode };
  return fields;
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
    Delay: job.delaySeconds,
    Checkpoint: job.checkpoint,
    ErrorMessage: job.errorMessage,
    ErrorDetails: errorDetails(job.errorMessage),
    ...configuration(job, options),
    ...phasesOf(instance.jobType, job),
    ...runtimeExtras(job),
  };
}

/** One `DtsJobList[]` item of DescribeDtsJobs. Reverse jobs appear only nested in `ReverseJob`. */
export function listItemView(instance: InstanceRecord, options: { withoutDbList?: boolean } = {}): Fields {
  const job = instance.forward;
  const item: Fields = { ...jobCore(instance, job), JobType: instance.jobType };
  // Documented as returned only when the topology is two-way.
  if (isTwoWay(instance)) item.DtsJobDirection = "Forward";
  Object.assign(
    item,
    billing(instance),
    {
      Delay: job.delaySeconds,
      Checkpoint: job.checkpoint,
      ErrorMessage: job.errorMessage,
      ErrorDetails: errorDetails(job.errorMessage),
      OriginType: "PTS",
      DtsBisLabel: "normal",
      ResourceGroupId: RESOURCE_GROUP_ID,
      ResourceGroupDisplayName: RESOURCE_GROUP_NAME,
      TagList: [],
    },
    configuration(job, options),
    phasesOf(instance.jobType, job),
    runtimeExtras(job),
    retryState(job),
    subscriptionListFields(job),
  );
  if (isTwoWay(instance)) item.ReverseJob = reverseJobView(instance, instance.reverse, options);
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
    SubscriptionDataType: { Ddl: true, Dml: true },
    ConsumptionCheckpoint: s.consumptionCheckpoint,
    ConsumptionClient: "",
    BeginTimestamp: s.beginTimestamp,
    EndTimestamp: s.endTimestamp,
    AppName: "new",
    DestNetType: "VPC",
  };
}

/**
 * DescribeDtsJobDetail's fields for one job. `lowercaseStatus` reproduces the documented quirk
 * (`synchronizing`). Delay: seconds for SYNC/SUBSCRIBE, milliseconds for MIGRATION, as the SDK's
 * method comment states.
 */
export function detailView(instance: InstanceRecord, job: JobRecord, options: { lowercaseStatus: boolean }): Fields {
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
    Delay: instance.jobType === "MIGRATION" ? job.delaySeconds * 1_000 : job.delaySeconds,
    Checkpoint: job.checkpoint,
    ErrorMessage: job.errorMessage,
    DbObject: job.dbObject,
    Reserved: job.reserved,
    SourceEndpoint: detailEndpoint(job.sourceEndpoint, true),
    DestinationEndpoint: detailEndpoint(job.destinationEndpoint, false),
    ResourceGroupId: RESOURCE_GROUP_ID,
    ResourceGroupDisplayName: RESOURCE_GROUP_NAME,
    DtsBisLabel: "normal",
  });
  if (job.migrationMode) fields.MigrationMode = { ...job.migrationMode };
  Object.assign(fields, phasesOf(instance.jobType, job), retryState(job), subscriptionDetailFields(instance, job));
  return fields;
}
