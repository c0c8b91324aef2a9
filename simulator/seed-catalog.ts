// Building blocks for realistic seed tasks: endpoints shaped like DTS reports them, DbObject and
// Reserved JSON strings, names and DTS-style error messages.

import type { Endpoint, JobType, MigrationMode } from "./model";
import { randomSuffix, type Prng } from "./prng";

/** The zone-ish infix Alibaba puts in resource IDs of each region (rm-bp1..., rm-uf6..., ...). */
const RESOURCE_INFIX: Record<string, string> = {
  "cn-hangzhou": "bp1",
  "cn-shanghai": "uf6",
  "cn-beijing": "2ze",
  "ap-southeast-1": "gs5",
};

function infix(region: string): string {
  return RESOURCE_INFIX[region] ?? "bp1";
}

export function rdsMysql(region: string, id: string, database: string): Endpoint {
  return {
    InstanceID: `rm-${infix(region)}${id}`,
    EngineName: "MySQL",
    InstanceType: "RDS",
    Region: region,
    Port: "3306",
    DatabaseName: database,
    UserName: "dts_sync",
    SslSolutionEnum: "DISABLE",
  };
}

export function polarDbMysql(region: string, id: string, database: string): Endpoint {
  return {
    InstanceID: `pc-${infix(region)}${id}`,
    EngineName: "POLARDB",
    InstanceType: "POLARDB",
    Region: region,
    Port: "3306",
    DatabaseName: database,
    UserName: "dts_sync",
    SslSolutionEnum: "DISABLE",
  };
}

export function kafka(region: string, id: string): Endpoint {
  return {
    InstanceID: `alikafka_post-cn-${id}`,
    EngineName: "Kafka",
    InstanceType: "KAFKA",
    Region: region,
    Port: "9092",
    UserName: "",
  };
}

/** A self-managed MySQL on an ECS instance: DTS reports the ECS ID plus Ip/Port. */
export function ecsMysql(region: string, id: string, ip: string): Endpoint {
  return {
    InstanceID: `i-${infix(region)}${id}`,
    EngineName: "MySQL",
    InstanceType: "ECS",
    Region: region,
    Ip: ip,
    Port: "3306",
    UserName: "repl",
  };
}

/** A self-managed MySQL reached over the Internet: no instance ID, just Ip/Port. */
export function selfManagedMysql(region: string, ip: string, port: string): Endpoint {
  return {
    EngineName: "MySQL",
    InstanceType: "OTHER",
    Region: region,
    Ip: ip,
    Port: port,
    UserName: "dts",
  };
}

export type EndpointKind = "rds" | "polardb" | "kafka" | "ecs" | "self-managed";

export function makeEndpoint(prng: Prng, kind: EndpointKind, region: string, database: string): Endpoint {
  switch (kind) {
    case "rds":
      return rdsMysql(region, randomSuffix(prng, 12), database);
    case "polardb":
      return polarDbMysql(region, randomSuffix(prng, 12), database);
    case "kafka":
      return kafka(region, randomSuffix(prng, 12));
    case "ecs":
      return ecsMysql(region, randomSuffix(prng, 16), `172.16.${prng.int(0, 255)}.${prng.int(2, 254)}`);
    case "self-managed":
      return selfManagedMysql(region, `47.${prng.int(90, 120)}.${prng.int(0, 255)}.${prng.int(2, 254)}`, prng.pick(["3306", "3307", "13306"]));
  }
}

/** DbObject as DTS returns it: a JSON string keyed by database name. */
export function dbObjectJson(databases: readonly string[], tables?: readonly string[]): string {
  const object: Record<string, unknown> = {};
  for (const db of databases) {
    object[db] = tables
      ? { name: db, all: false, state: "normal", Table: Object.fromEntries(tables.map((t) => [t, { name: t, all: true, state: "normal" }])) }
      : { name: db, all: true, state: "normal" };
  }
  return JSON.stringify(object);
}

/** Reserved as DTS returns it (shape copied from the official DescribeDtsJobDetail sample). */
export function reservedJson(source: Endpoint, destination: Endpoint): string {
  const netType = (e: Endpoint): string => (e.InstanceType === "OTHER" ? "PUBLIC" : "VPC");
  return JSON.stringify({
    srcHostPorts: "",
    "whitelist.dms.online.ddl.enable": false,
    filterDDL: false,
    "sqlparser.dms.original.ddl": true,
    maxRetryTime: 43200,
    destSSL: "0",
    srcSSL: "0",
    dbListCaseChangeMode: "default",
    SourceEngineVersion: "8.0.25",
    srcNetType: netType(source),
    destNetType: netType(destination),
    useJobTask: "1",
  });
}

export function migrationModeFor(jobType: JobType): MigrationMode {
  if (jobType === "SUBSCRIBE") return { StructureInitialization: false, DataInitialization: false, DataSynchronization: true };
  if (jobType === "MIGRATION") return { StructureInitialization: true, DataInitialization: true, DataSynchronization: false };
  return { StructureInitialization: true, DataInitialization: true, DataSynchronization: true };
}

/** Error messages in DTS's format: `DTS-<code>: <summary> cause by [<exception>]`. */
export const DTS_ERROR_MESSAGES = {
  sourceConnect:
    "DTS-070211: Connect Source DB failed. cause by [com.mysql.jdbc.exceptions.jdbc4.CommunicationsException:Communications link failure]",
  destinationAuth:
    "DTS-070302: Connect Dest DB failed. cause by [java.sql.SQLException:Access denied for user 'dts_sync'@'100.104.52.17' (using password: YES)]",
  binlogPurged:
    "DTS-31009: In process of processing data (recordRange: 8837591500) failed cause: CriticalAnyAllException: mysql-reader: DTS-52111: Error when reading binlog, binlog file mysql-bin.000123 has been purged",
  duplicateKey:
    "DTS-1020042: Execute sql error sql: INSERT INTO `orders`.`order_item` ... Duplicate entry '10086-3' for key 'PRIMARY'",
  binlogFormat:
    "DTS-10015: Precheck failed. cause by [binlog_format of source database is STATEMENT, it must be ROW]",
  kafkaTopic:
    "DTS-50019: Write to Kafka failed. cause by [org.apache.kafka.common.errors.UnknownTopicOrPartitionException:This server does not host this topic-partition.]",
  ddlUnsupported:
    "DTS-1020089: Schema migration failed. cause by [java.sql.SQLSyntaxErrorException:Unknown collation: 'utf8mb4_0900_ai_ci']",
} as const;

export const ALL_ERROR_MESSAGES: readonly string[] = Object.values(DTS_ERROR_MESSAGES);

/** Statuses whose job carries an ErrorMessage, and where that message comes from. */
export const FAILED_STATUSES = new Set(["Failed", "PrecheckFailed", "InitializeFailed", "Abnormal", "MigrationFailed", "Retrying"]);

export const NAME_STEMS = [
  "orders", "payment", "member", "inventory", "user-center", "billing", "logistics", "coupon",
  "risk-control", "report", "crm", "erp", "promotion", "settlement", "search-index",
] as const;

export const NAME_SUFFIXES = {
  SYNC: ["sync", "to-polardb", "to-kafka", "dr-sync", "to-adb", "mirror"],
  SUBSCRIBE: ["cdc", "binlog-sub", "tracking", "audit-sub"],
  MIGRATION: ["migration", "cutover", "move-to-cloud"],
} as const;

/** Non-ASCII names sprinkled into the generated tasks (UIs must render and search them). */
export const NON_ASCII_NAMES = ["会员中心同步", "支付流水订阅", "库存-数仓同步", "日志库迁移", "商品中心双向同步"] as const;

export const DATABASES = ["orders", "payment", "member", "inventory", "billing", "crm", "logistics", "coupon"] as const;
