// ConfigureSubscription (https://help.aliyun.com/zh/dts/developer-reference/api-configuresubscription;
// [SDK] aliyun/alibabacloud-typescript-sdk dts-20200101/src/models/ConfigureSubscriptionRequest.ts):
// configure a Not Configured change tracking task again. Validates what the reference documents,
// with its own vocabulary (instance types RDS, PolarDB, DRDS, LocalInstance, ECS, Express, CEN,
// dg; engines MySQL, PostgreSQL, Oracle), stores the configuration so that DescribeDtsJobDetail
// returns it, never stores or returns the password, and leaves the task NotStarted: a change
// tracking task's precheck is not started by ConfigureSubscription (configure-dts-job.md
// section 1.3); StartDtsJob starts it.

import { alertRulesOf, isAlertError } from "../alerts";
import { instanceNotFound, invalidParameter, jobStatusDenied, jobTypeDenied, missingParameter } from "../errors";
import type { Endpoint } from "../model";
import { optionalParam } from "./params";
import { fail, succeed, type ActionHandler } from "./types";

export const SUBSCRIPTION_INSTANCE_TYPES: readonly string[] = ["RDS", "PolarDB", "DRDS", "LocalInstance", "ECS", "Express", "CEN", "dg"];
export const SUBSCRIPTION_ENGINES: readonly string[] = ["MySQL", "PostgreSQL", "Oracle"];
const SELF_MANAGED = new Set(["LocalInstance", "ECS", "Express", "CEN", "dg"]);
const NEEDS_ADDRESS = new Set(["LocalInstance", "Express", "CEN", "dg"]);
/** How DescribeDtsJobDetail spells it back (ConfigureDtsJob's vocabulary, as the seed has it). */
const DISPLAY_TYPE: Record<string, string> = { PolarDB: "POLARDB", LocalInstance: "OTHER", Express: "EXPRESS", dg: "DG" };

type Params = Readonly<Record<string, string>>;

function booleanOf(params: Params, name: string, fallback: boolean): boolean | null {
  const value = optionalParam(params, name);
  if (value === undefined) return fallback;
  return value === "true" ? true : value === "false" ? false : null;
}

function jsonObject(value: string): Record<string, unknown> | null {
  try {
    const parsed = JSON.parse(value) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const configureSubscription: ActionHandler = ({ params, state }) => {
  for (const name of ["DtsJobName", "DbList", "SubscriptionInstanceNetworkType", "SourceEndpointInstanceType"]) {
    if (!optionalParam(params, name)) return fail(missingParameter(name));
  }
  // "The only valid value is vpc"; the VPC and the vSwitch come with it.
  if (optionalParam(params, "SubscriptionInstanceNetworkType") !== "vpc") return fail(invalidParameter("SubscriptionInstanceNetworkType"));
  for (const name of ["SubscriptionInstanceVPCId", "SubscriptionInstanceVSwitchId"]) {
    if (!optionalParam(params, name)) return fail(missingParameter(name));
  }
  const type = optionalParam(params, "SourceEndpointInstanceType")!;
  if (!SUBSCRIPTION_INSTANCE_TYPES.includes(type)) return fail(invalidParameter("SourceEndpointInstanceType"));
  const engine = optionalParam(params, "SourceEndpointEngineName");
  if (engine !== undefined && !SUBSCRIPTION_ENGINES.includes(engine)) return fail(invalidParameter("SourceEndpointEngineName"));
  if (engine === undefined && SELF_MANAGED.has(type)) return fail(missingParameter("SourceEndpointEngineName"));
  const instanceId = optionalParam(params, "SourceEndpointInstanceID");
  if (!instanceId && ["RDS", "PolarDB", "DRDS"].includes(type)) return fail(missingParameter("SourceEndpointInstanceID"));
  const ip = optionalParam(params, "SourceEndpointIP");
  const port = optionalParam(params, "SourceEndpointPort");
  if (NEEDS_ADDRESS.has(type) && !ip) return fail(missingParameter("SourceEndpointIP"));
  if (SELF_MANAGED.has(type) && !port) return fail(missingParameter("SourceEndpointPort"));
  if (port !== undefined && !/^\d{1,5}$/.test(port)) return fail(invalidParameter("SourceEndpointPort"));
  const dbList = jsonObject(optionalParam(params, "DbList")!);
  if (!dbList) return fail(invalidParameter("DbList"));
  const ddl = booleanOf(params, "SubscriptionDataTypeDDL", true);
  if (ddl === null) return fail(invalidParameter("SubscriptionDataTypeDDL"));
  const dml = booleanOf(params, "SubscriptionDataTypeDML", true);
  if (dml === null) return fail(invalidParameter("SubscriptionDataTypeDML"));
  const alertRules = alertRulesOf(params);
  if (isAlertError(alertRules)) return fail(alertRules);
  const reserveText = optionalParam(params, "Reserve");
  const reserve = reserveText === undefined ? {} : jsonObject(reserveText);
  if (!reserve || Object.values(reserve).some((v) => typeof v !== "string")) return fail(invalidParameter("Reserve"));
  const checkpoint = optionalParam(params, "Checkpoint");
  if (checkpoint !== undefined && !/^\d+$/.test(checkpoint)) return fail(invalidParameter("Checkpoint"));

  const jobId = optionalParam(params, "DtsJobId");
  if (!jobId) return fail(missingParameter("DtsJobId"));
  const location = state.findJob(jobId);
  if (!location) return fail(instanceNotFound());
  const { instance } = location;
  const dtsInstanceId = optionalParam(params, "DtsInstanceId");
  if (dtsInstanceId !== undefined && dtsInstanceId !== instance.instanceId) return fail(invalidParameter("DtsInstanceId"));
  const regionId = optionalParam(params, "RegionId");
  if (regionId !== undefined && regionId !== instance.region) return fail(instanceNotFound());
  if (instance.jobType !== "SUBSCRIBE") return fail(jobTypeDenied(instance.jobType)); // ConfigureDtsJob's job
  const job = instance.forward;
  if (job.status !== "NotConfigured") return fail(jobStatusDenied(job.status));

  const source: Endpoint = { EngineName: engine ?? "MySQL", InstanceType: DISPLAY_TYPE[type] ?? type };
  if (instanceId) source.InstanceID = instanceId;
  const region = optionalParam(params, "SourceEndpointRegion");
  if (region) source.Region = region;
  if (ip) source.Ip = ip;
  if (port) source.Port = port;
  const database = optionalParam(params, "SourceEndpointDatabaseName");
  if (database) source.DatabaseName = database;
  source.UserName = optionalParam(params, "SourceEndpointUserName") ?? "";
  // Never stored: DTS returns no password.
  source.SslSolutionEnum = "DISABLE";
  job.sourceEndpoint = source;
  job.destinationEndpoint = {};
  job.dbObject = JSON.stringify(dbList);
  job.reserved = Object.keys(reserve).length ? JSON.stringify(reserve) : "";
  job.checkpoint = checkpoint ?? "0";
  job.errorMessage = "";
  if (alertRules) job.monitorRules = alertRules;
  const begin = String(Math.floor(Date.now() / 1000));
  job.subscription = {
    topic: `${instance.region.replace(/-/g, "_")}_${(instanceId ?? "selfmanaged").replace(/-/g, "_")}_dts_${job.jobId}_version2`,
    consumptionCheckpoint: begin,
    beginTimestamp: checkpoint ?? begin,
    endTimestamp: begin,
    dataTypes: { ddl, dml },
  };
  instance.name = optionalParam(params, "DtsJobName")!;
  job.status = "NotStarted";
  return succeed({ DtsJobId: job.jobId, DtsInstanceId: instance.instanceId });
};
