// ConfigureDtsJob (configure-dts-job.md section 1.1; dts-api.md section 5;
// https://www.alibabacloud.com/help/en/dts/developer-reference/api-configuredtsjob): configure a
// Not Configured task again. Validates the required parameters and their enums with DTS's exact
// spelling and case, refuses a task that is not Not Configured, stores the configuration so that
// DescribeDtsJobDetail returns it (in DTS's display case), never stores a password, and starts the
// precheck unless Reserve says autoStartModulesAfterConfig=none.

import { instanceNotFound, invalidParameter, jobStatusDenied, jobTypeDenied, missingParameter, type DtsError } from "../errors";
import type { Endpoint, MigrationMode } from "../model";
import { alertRulesOf, isAlertError } from "../alerts";
import { designateJob, optionalParam, parseDirection } from "./params";
import { fail, succeed, type ActionHandler } from "./types";

export const CONFIGURE_JOB_TYPES = ["MIGRATION", "SYNC", "CHECK"] as const;

const SELF_MANAGED = ["OTHER", "ECS", "EXPRESS", "CEN", "DG"] as const;
/** Self-managed access methods that need an IP and a port. */
const NEEDS_ADDRESS = new Set(["OTHER", "EXPRESS", "CEN", "DG"]);

export const SOURCE_INSTANCE_TYPES: readonly string[] = [
  "RDS", "PolarDB", "ADS", "REDIS", "DISTRIBUTED_POLARDBX10", "POLARDBX20", "MONGODB", "DISTRIBUTED_DMSLOGICDB", "LINDORM", ...SELF_MANAGED,
];
/**
 * `KAFKA` is not in the documented list of destination instance types, but DescribeDtsJobDetail
 * reports ApsaraMQ for Kafka destinations with it (UNCONFIRMED which value ConfigureDtsJob wants;
 * the simulator accepts the one Detail reports).
 */
export const DESTINATION_INSTANCE_TYPES: readonly string[] = [
  "RDS", "PolarDB", "DISTRIBUTED_POLARDBX10", "POLARDBX20", "REDIS", "ADS", "MONGODB", "ROCKETMQ", "GREENPLUM", "DATAHUB", "ELK",
  "Tablestore", "ODPS", "LINDORM", "KAFKA", ...SELF_MANAGED,
];
export const SOURCE_ENGINES: readonly string[] = [
  "MYSQL", "MARIADB", "PolarDB", "POLARDB_O", "POLARDBX10", "POLARDBX20", "ADB30", "ORACLE", "POSTGRESQL", "MSSQL", "MONGODB", "DB2",
  "AS400", "DMSPOLARDB", "HBASE", "TERADATA", "TiDB", "REDIS", "LINDORM",
];
export const DESTINATION_ENGINES: readonly string[] = [
  ...SOURCE_ENGINES.filter((e) => e !== "POSTGRESQL"), "ADS", "ROCKETMQ", "GREENPLUM", "KAFKA", "DATAHUB", "ODPS", "Tablestore", "ELK", "PostgreSQL",
];

/** How DescribeDtsJobDetail spells what ConfigureDtsJob was given (display case, as in the seed). */
const DISPLAY_ENGINE: Record<string, string> = {
  MYSQL: "MySQL", MARIADB: "MariaDB", PolarDB: "POLARDB", KAFKA: "Kafka", POSTGRESQL: "PostgreSQL", PostgreSQL: "PostgreSQL",
  MONGODB: "MongoDB", ORACLE: "Oracle", REDIS: "Redis", TERADATA: "TeraData", POLARDB_O: "polardb_o", POLARDBX20: "polardbx20",
  DMSPOLARDB: "DMSPolarDB", AS400: "as400",
};
const DISPLAY_INSTANCE_TYPE: Record<string, string> = { PolarDB: "POLARDB" };

/** Reserve values DTS documents as strings; maxRetryTime is minutes in [10, 1440]. */
const AUTO_START_VALUES = new Set(["none", "all", "auto"]);

type Params = Readonly<Record<string, string>>;

function parseBoolean(params: Params, name: string): boolean | DtsError {
  const value = optionalParam(params, name);
  if (value === undefined) return missingParameter(name);
  if (value !== "true" && value !== "false") return invalidParameter(name);
  return value === "true";
}

function endpointOf(params: Params, side: "Source" | "Destination"): Endpoint | DtsError {
  const prefix = `${side}Endpoint`;
  const instanceType = optionalParam(params, `${prefix}InstanceType`);
  if (!instanceType) return missingParameter(`${prefix}InstanceType`);
  if (!(side === "Source" ? SOURCE_INSTANCE_TYPES : DESTINATION_INSTANCE_TYPES).includes(instanceType)) return invalidParameter(`${prefix}InstanceType`);
  const engine = optionalParam(params, `${prefix}EngineName`) ?? "MYSQL";
  if (!(side === "Source" ? SOURCE_ENGINES : DESTINATION_ENGINES).includes(engine)) return invalidParameter(`${prefix}EngineName`);
  const region = optionalParam(params, `${prefix}Region`);
  if (!region && !NEEDS_ADDRESS.has(instanceType)) return missingParameter(`${prefix}Region`);
  const ip = optionalParam(params, `${prefix}IP`);
  const port = optionalParam(params, `${prefix}Port`);
  if (NEEDS_ADDRESS.has(instanceType) && !ip) return missingParameter(`${prefix}IP`);
  if (NEEDS_ADDRESS.has(instanceType) && !port) return missingParameter(`${prefix}Port`);
  if (port !== undefined && !/^\d{1,5}$/.test(port)) return invalidParameter(`${prefix}Port`);
  const instanceId = optionalParam(params, `${prefix}InstanceID`);
  if (!instanceId && !NEEDS_ADDRESS.has(instanceType)) return missingParameter(`${prefix}InstanceID`);
  // Note the capital B on the destination side only.
  const database = optionalParam(params, side === "Source" ? "SourceEndpointDatabaseName" : "DestinationEndpointDataBaseName");
  const endpoint: Endpoint = {
    EngineName: DISPLAY_ENGINE[engine] ?? engine,
    InstanceType: DISPLAY_INSTANCE_TYPE[instanceType] ?? instanceType,
  };
  if (instanceId) endpoint.InstanceID = instanceId;
  if (region) endpoint.Region = region;
  if (ip) endpoint.Ip = ip;
  if (port) endpoint.Port = port;
  if (database) endpoint.DatabaseName = database;
  const userName = optionalParam(params, `${prefix}UserName`);
  endpoint.UserName = userName ?? "";
  // Never stored: DTS does not return passwords (only whether one can be modified).
  endpoint.SslSolutionEnum = "DISABLE";
  return endpoint;
}

function jsonObject(params: Params, name: string): Record<string, unknown> | undefined | DtsError {
  const value = optionalParam(params, name);
  if (value === undefined) return undefined;
  try {
    const parsed = JSON.parse(value) as unknown;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return invalidParameter(name);
    return parsed as Record<string, unknown>;
  } catch {
    return invalidParameter(name);
  }
}

function checkReserve(reserve: Record<string, unknown>): DtsError | null {
  for (const value of Object.values(reserve)) {
    // "若所传入数据为数值，则您需加英文双引号": values are JSON strings.
    if (typeof value !== "string") return invalidParameter("Reserve");
  }
  const retry = reserve.maxRetryTime;
  if (retry !== undefined && (!/^\d+$/.test(String(retry)) || Number(retry) < 10 || Number(retry) > 1440)) return invalidParameter("Reserve.maxRetryTime");
  const autoStart = reserve.autoStartModulesAfterConfig;
  if (autoStart !== undefined && !AUTO_START_VALUES.has(String(autoStart))) return invalidParameter("Reserve.autoStartModulesAfterConfig");
  return null;
}

const isError = (value: unknown): value is DtsError => !!value && typeof value === "object" && "httpStatus" in value && "code" in value;

export const configureDtsJob: ActionHandler = ({ params, state }) => {
  for (const name of ["DtsJobName", "JobType", "SourceEndpointInstanceType", "DestinationEndpointInstanceType"]) {
    if (!optionalParam(params, name)) return fail(missingParameter(name));
  }
  const jobType = optionalParam(params, "JobType")!;
  if (!(CONFIGURE_JOB_TYPES as readonly string[]).includes(jobType)) return fail(invalidParameter("JobType"));
  const modes: Partial<MigrationMode> = {};
  for (const name of ["StructureInitialization", "DataInitialization", "DataSynchronization"] as const) {
    const value = parseBoolean(params, name);
    if (isError(value)) return fail(value);
    modes[name] = value;
  }
  const direction = parseDirection(params);
  if (!direction.ok) return fail(direction.error);
  const source = endpointOf(params, "Source");
  if (isError(source)) return fail(source);
  const destination = endpointOf(params, "Destination");
  if (isError(destination)) return fail(destination);
  const dbList = jsonObject(params, "DbList");
  if (isError(dbList)) return fail(dbList);
  const reserve = jsonObject(params, "Reserve");
  if (isError(reserve)) return fail(reserve);
  const reserveProblem = reserve ? checkReserve(reserve) : null;
  if (reserveProblem) return fail(reserveProblem);
  const checkpoint = optionalParam(params, "Checkpoint");
  if (checkpoint !== undefined && !/^\d+$/.test(checkpoint)) return fail(invalidParameter("Checkpoint"));
  const maxDu = optionalParam(params, "MaxDu");
  const minDu = optionalParam(params, "MinDu");
  for (const [name, value] of [["MaxDu", maxDu], ["MinDu", minDu]] as const) {
    if (value !== undefined && (!/^\d+$/.test(value) || Number(value) < 1)) return fail(invalidParameter(name));
  }
  if (maxDu !== undefined && minDu !== undefined && Number(minDu) > Number(maxDu)) return fail(invalidParameter("MinDu"));
  const alertRules = alertRulesOf(params);
  if (isAlertError(alertRules)) return fail(alertRules);

  // This simulator plays the reset case: a task that exists (purchased) and was left Not Configured.
  const jobId = optionalParam(params, "DtsJobId");
  if (!jobId) return fail(missingParameter("DtsJobId"));
  const location = state.findJob(jobId);
  if (!location) return fail(instanceNotFound());
  const instanceId = optionalParam(params, "DtsInstanceId");
  if (instanceId !== undefined && instanceId !== location.instance.instanceId) return fail(invalidParameter("DtsInstanceId"));
  const regionId = optionalParam(params, "RegionId");
  if (regionId !== undefined && regionId !== location.instance.region) return fail(instanceNotFound());
  if (location.instance.jobType === "SUBSCRIBE") return fail(jobTypeDenied("SUBSCRIBE")); // ConfigureSubscription's job
  if (location.instance.jobType !== jobType) return fail(invalidParameter("JobType"));
  const designated = designateJob(state, jobId, direction.value);
  if (!designated.ok) return fail(designated.error);
  const { instance, job } = designated.value;
  if (job.status !== "NotConfigured") return fail(jobStatusDenied(job.status));
  // "MaxDu, MinDu: serverless instances only": what DTS answers on another instance is
  // UNCONFIRMED; the simulator refuses it as an invalid parameter rather than ignore it.
  if ((maxDu !== undefined || minDu !== undefined) && !instance.serverless) return fail(invalidParameter(maxDu !== undefined ? "MaxDu" : "MinDu"));
  // Two-way: the reverse task is configured once the forward one is running (section 1.6).
  if (designated.value.direction === "Reverse" && instance.forward.status !== "Synchronizing") return fail(jobStatusDenied(instance.forward.status));

  job.sourceEndpoint = source;
  job.destinationEndpoint = destination;
  job.migrationMode = modes as MigrationMode;
  // Stored as sent, minus the console-side start switch (DTS does not echo it; UNCONFIRMED).
  const stored = { ...(reserve ?? {}) };
  delete stored.autoStartModulesAfterConfig;
  job.dbObject = dbList ? JSON.stringify(dbList) : "";
  job.reserved = Object.keys(stored).length ? JSON.stringify(stored) : "";
  job.checkpoint = checkpoint ?? "0";
  if (instance.serverless) instance.serverless = { maxDu: maxDu === undefined ? instance.serverless.maxDu : Number(maxDu), minDu: minDu === undefined ? instance.serverless.minDu : Number(minDu) };
  job.errorMessage = "";
  if (alertRules) job.monitorRules = alertRules;
  instance.name = optionalParam(params, "DtsJobName")!;
  if (reserve?.autoStartModulesAfterConfig === "none") job.status = "NotStarted";
  else state.prechecks.begin(job, new Date().toISOString());
  return succeed({ DtsJobId: job.jobId, DtsInstanceId: instance.instanceId });
};
