// The snapshot → ConfigureDtsJob mapping and the shared parameter rules, on their own.
import { describe, expect, it } from "vitest";
import { configureEngineName, configureInstanceType, dbListOf, mapSnapshot, retryMinutes } from "@/lib/reconfigure/mapping";
import { remarkEnglish } from "@/lib/domain/reconfigure-remarks";
import { parametersToSend, scrub, toCallShape } from "@/lib/reconfigure/perform-reconfigure";
import { diffParameters, parameterIssues, serverlessIssues } from "@/lib/domain/reconfigure";
import { reconfigureRequestSchema } from "@/lib/domain/reconfigure-request";
import sample from "../fixtures/dts-samples/describe-dts-job-detail.success.json";

describe("engine names and instance types in DTS's spelling", () => {
  it.each([
    ["MySQL", "Source", "MYSQL"],
    ["POLARDB", "Destination", "PolarDB"],
    ["PostgreSQL", "Source", "POSTGRESQL"],
    ["PostgreSQL", "Destination", "PostgreSQL"],
    ["Kafka", "Destination", "KAFKA"],
    ["polardb_o", "Source", "POLARDB_O"],
    ["TeraData", "Source", "TERADATA"],
  ] as const)("%s as a %s is %s", (display, side, expected) => {
    expect(configureEngineName(display, side)).toBe(expected);
  });
  it("refuses what it does not know", () => {
    expect(configureEngineName("Kafka", "Source")).toBeNull();
    expect(configureEngineName("Cassandra", "Destination")).toBeNull();
    expect(configureInstanceType("polardb", "Source")).toBe("PolarDB");
    expect(configureInstanceType("LocalInstance", "Source")).toBeNull();
  });
});

describe("Reserve and DbList traps", () => {
  it("maxRetryTime: minutes in range stay, seconds are converted, the rest is left out", () => {
    expect(retryMinutes(720).minutes).toBe("720");
    expect(retryMinutes(43200)).toMatchObject({ minutes: "720" });
    expect(retryMinutes(5).minutes).toBeNull();
    expect(retryMinutes("x").minutes).toBeNull();
  });
  it("strips the per-schema state of DbObject", () => {
    expect(JSON.parse(dbListOf('{"db":{"name":"db","all":true,"state":"normal"}}').dbList!)).toEqual({ db: { name: "db", all: true } });
    expect(dbListOf("").dbList).toBeNull();
  });
  it("maps the official DescribeDtsJobDetail sample without its runtime Reserve keys", () => {
    const mapped = mapSnapshot({ snapshotJob: {}, snapshotDetail: sample as Record<string, unknown>, direction: "Forward" });
    for (const key of ["srcVpcNetMappingInst", "destVpcNetMappingInst", "useJobTask", "SourceEngineVersion", "srcNetType", "destNetType"]) {
      expect(mapped.parameters).not.toHaveProperty(`Reserve.${key}`);
    }
    expect(mapped.parameters["Reserve.maxRetryTime"]).toBe("720");
    expect(mapped.parameters["Reserve.targetTableMode"]).toBe("0");
    expect(mapped.notes.map(remarkEnglish).join(" ")).toMatch(/maxRetryTime/);
  });
  it("blocks SSL endpoints", () => {
    const mapped = mapSnapshot({
      snapshotJob: {},
      snapshotDetail: { SourceEndpoint: { InstanceType: "RDS", EngineName: "MySQL", SslSolutionEnum: "ENABLE_WITH_CERTIFICATE" }, DestinationEndpoint: { InstanceType: "RDS", EngineName: "MySQL" } },
      direction: "Forward",
    });
    expect(mapped.blockers.map(remarkEnglish).join(" ")).toMatch(/SSL/);
  });
});

describe("what is sent", () => {
  it("always starts nothing by itself, gathers Reserve, leaves empty values out, keeps the identity", () => {
    const sent = parametersToSend({ DtsJobId: "j1", JobType: "SYNC", DbList: "{}", "Reserve.targetTableMode": "0", Checkpoint: "" }, { DtsJobId: "evil", "Reserve.targetTableMode": "2" });
    expect(sent).toMatchObject({ DtsJobId: "j1", "Reserve.autoStartModulesAfterConfig": "none", "Reserve.targetTableMode": "2" });
    expect(sent).not.toHaveProperty("Checkpoint");
    const shape = toCallShape(sent);
    expect(shape.dbList).toBe("{}");
    expect(JSON.parse(shape.reserve!)).toEqual({ targetTableMode: "2", autoStartModulesAfterConfig: "none" });
    expect(shape.query).not.toHaveProperty("DbList");
  });
  it("scrubs a password out of any message", () => {
    expect(scrub("bad password hunter2!", ["hunter2!"])).toBe("bad password [redacted]");
  });
  it("the rules the form and the route share", () => {
    expect(parameterIssues({ DtsJobName: "x" }).map((i) => i.name)).toContain("SourceEndpointInstanceType");
    expect(parameterIssues({ SourceEndpointEngineName: "MySQL" }).some((i) => i.name === "SourceEndpointEngineName")).toBe(true);
    expect(diffParameters({ a: "1", b: "2" }, { a: "1", b: "3", c: "" })).toEqual([{ name: "b", before: "2", after: "3" }]);
    const parsed = reconfigureRequestSchema.safeParse({ sourcePassword: "p\u0001w", destinationPassword: "x" });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).not.toContain("p\u0001w");
  });
});

describe("the instance class of a serverless instance, and what no snapshot holds", () => {
  const base = { snapshotJob: {}, direction: "Forward" as const };
  it("replays MaxDu/MinDu from Detail, says so, and leaves a non-serverless snapshot without them", () => {
    const serverless = mapSnapshot({ ...base, snapshotDetail: { ...sample, MaxDu: 16, MinDu: 2 } });
    expect(serverless.parameters).toMatchObject({ MaxDu: "16", MinDu: "2" });
    expect(serverless.notes).toContainEqual({ code: "serverlessReplayed", values: { max: "16", min: "2" } });
    const plain = mapSnapshot({ ...base, snapshotDetail: sample });
    expect(plain.parameters).not.toHaveProperty("MaxDu");
    expect(plain.parameters).not.toHaveProperty("MinDu");
    expect(plain.notes.map((n) => n.code)).not.toContain("serverlessReplayed");
  });

  it("leaves out a DU range it cannot trust, and says so", () => {
    for (const [MaxDu, MinDu] of [[2, 16], ["many", 1], [8, null], [0, 0]] as const) {
      const mapped = mapSnapshot({ ...base, snapshotDetail: { ...sample, MaxDu, MinDu } });
      expect(mapped.parameters, `${MaxDu}/${MinDu}`).not.toHaveProperty("MaxDu");
      expect(mapped.notes.map((n) => n.code)).toContain("serverlessNotReplayed");
    }
  });

  it("lists every ConfigureDtsJob parameter no snapshot holds, besides the alerts", () => {
    const notes = mapSnapshot({ ...base, snapshotDetail: sample }).notes;
    expect(notes.map((n) => n.code)).toEqual(expect.arrayContaining(["alertsNotReplayed", "notReplayedFields"]));
    expect(remarkEnglish(notes.find((n) => n.code === "notReplayedFields")!)).toBe(
      "Not in any snapshot, so never replayed (set them in the DTS console if the task had them): DataCheckConfigure, FileOssUrl, DisasterRecoveryJob, SourceEndpointVSwitchID, SrcPrimaryVswId, SrcSecondaryVswId, DestPrimaryVswId, DestSecondaryVswId.",
    );
  });

  it("checks the DU range: at least 1, the minimum not above the maximum, and only for a serverless instance", () => {
    const codes = (p: Record<string, string>) => parameterIssues(p).filter((i) => i.name === "MaxDu" || i.name === "MinDu").map((i) => `${i.name}:${i.code}`);
    expect(codes({ MaxDu: "8", MinDu: "2" })).toEqual([]);
    expect(codes({ MaxDu: "2", MinDu: "8" })).toEqual(["MinDu:duRange"]);
    expect(codes({ MaxDu: "0", MinDu: "0" })).toEqual(["MaxDu:duRange", "MinDu:duRange"]);
    expect(codes({ MaxDu: "eight" })).toEqual(["MaxDu:number"]);
    expect(serverlessIssues({ MaxDu: "8", MinDu: "2" }, { MaxDu: "4", MinDu: "2" })).toEqual([]);
    expect(serverlessIssues({}, { MaxDu: "4" }).map((i) => `${i.name}:${i.code}`)).toEqual(["MaxDu:serverlessOnly"]);
    expect(serverlessIssues({}, {})).toEqual([]);
  });
});
