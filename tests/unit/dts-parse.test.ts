import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { parseJobDetail, parseJobItem, parseJobList } from "@/lib/dts/parse";
import { DtsError } from "@/lib/dts/errors";

const sample = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../fixtures/dts-samples/describe-dts-job-detail.success.json"), "utf8"),
) as Record<string, unknown>;

const item = (overrides: Record<string, unknown> = {}) => ({
  DtsJobId: "l3m1213ye7l0001",
  DtsInstanceID: "dtsl3m1213ye7l0001",
  DtsJobName: "orders",
  Status: "Synchronizing",
  JobType: "SYNC",
  Delay: 3,
  SourceEndpoint: { EngineName: "MySQL", InstanceID: "rm-1", Port: "3306", Region: "cn-hangzhou" },
  DestinationEndpoint: { EngineName: "MySQL", InstanceID: "rm-2" },
  ...overrides,
});

describe("DescribeDtsJobs items", () => {
  it("normalises the documented shape", () => {
    const { task } = parseJobItem(item(), "cn-hangzhou", "SYNC");
    expect(task).toMatchObject({
      jobId: "l3m1213ye7l0001",
      instanceId: "dtsl3m1213ye7l0001",
      status: "Synchronizing",
      statusKnown: true,
      twoWay: false,
      reverse: null,
      delaySeconds: 3,
      source: { engine: "MySQL", instanceId: "rm-1", port: "3306" },
    });
  });

  it("accepts DtsInstanceId spelled with a lower-case d, numbers as strings, and odd status case", () => {
    const raw = item({ DtsInstanceID: undefined, DtsInstanceId: "dtsx", Delay: "12", Status: "synchronizing" });
    const { task } = parseJobItem(raw, "cn-hangzhou", "SYNC");
    expect(task.instanceId).toBe("dtsx");
    expect(task.delaySeconds).toBe(12);
    expect(task.status).toBe("Synchronizing");
  });

  it("keeps an unknown status as DTS sent it instead of rejecting the task", () => {
    const { task } = parseJobItem(item({ Status: "Hibernating" }), "cn-hangzhou", "SYNC");
    expect(task).toMatchObject({ status: "Hibernating", statusKnown: false });
  });

  it("treats absent, null and empty endpoint objects as no endpoint", () => {
    const { task } = parseJobItem(item({ SourceEndpoint: null, DestinationEndpoint: {} }), "cn-hangzhou", "SYNC");
    expect(task.source).toBeNull();
    expect(task.destination).toBeNull();
  });

  it("reads a two-way topology from ReverseJob", () => {
    const raw = item({ DtsJobDirection: "Forward", ReverseJob: { DtsJobId: "rev0000000001", Status: "Failed", ErrorMessage: "boom" } });
    const { task } = parseJobItem(raw, "cn-hangzhou", "SYNC");
    expect(task.twoWay).toBe(true);
    expect(task.direction).toBe("Forward");
    expect(task.reverse).toMatchObject({ jobId: "rev0000000001", status: "Failed", errorMessage: "boom" });
  });

  it("rejects an item without a task ID as a malformed response", () => {
    expect(() => parseJobItem(item({ DtsJobId: undefined }), "cn-hangzhou", "SYNC")).toThrow(DtsError);
    try {
      parseJobItem(item({ DtsJobId: "" }), "cn-hangzhou", "SYNC");
    } catch (error) {
      expect((error as DtsError).kind).toBe("malformed_response");
    }
  });

  it.each([[{}], [null], [{ Status: "Synchronizing" }], [{ DtsJobId: "" }]])("treats ReverseJob %j as no reverse task", (reverse) => {
    const { task } = parseJobItem(item({ ReverseJob: reverse }), "cn-hangzhou", "SYNC");
    expect(task).toMatchObject({ twoWay: false, reverse: null });
  });

  it.each([
    [{ SourceEndpoint: "rm-1" }, "SourceEndpoint: Invalid input: expected object, received string"],
    [{ DestinationEndpoint: [] }, "DestinationEndpoint: Invalid input: expected object, received array"],
    [{ ReverseJob: { DtsJobId: "rev1", SourceEndpoint: 5 } }, "ReverseJob.SourceEndpoint: Invalid input: expected object, received number"],
  ])("says which field of %j it could not read", (overrides, where) => {
    expect(() => parseJobItem(item(overrides), "cn-hangzhou", "SYNC")).toThrow(`(${where}).`);
  });

  it("reads the detail's task fields as a list item's, and its own fields beside them", () => {
    const detail = parseJobDetail({ ...item({ DtsJobDirection: "reverse" }), FinishTime: 7, MigrationMode: { DataSynchronization: "true" }, RequestId: "req-1" }, "Forward");
    expect(detail).toMatchObject({ jobId: "l3m1213ye7l0001", direction: "Reverse", finishTime: "7", migrationMode: { DataSynchronization: true }, requestId: "req-1", source: { port: "3306" } });
    expect(() => parseJobDetail({ ...item(), DtsJobId: " " }, "Forward")).toThrow("(DtsJobId: DtsJobId is missing).");
  });

  it("lists the readable items of a page and reports the unreadable ones beside them", () => {
    const page = parseJobList(
      {
        TotalRecordCount: 4,
        DtsJobList: [item({ ReverseJob: {} }), item({ DtsJobId: "dtsnoinstance", DtsInstanceID: undefined, DtsJobName: "odd" }), "not an object", item({ DtsJobId: "second" })],
      },
      "cn-hangzhou",
      "SYNC",
    );
    expect(page.items.map((i) => i.task.jobId)).toEqual(["l3m1213ye7l0001", "second"]);
    expect(page.unreadable).toEqual([
      { index: 1, jobId: "dtsnoinstance", instanceId: null, name: "odd", problem: expect.stringContaining("DtsInstanceID"), detail: expect.stringContaining("DtsInstanceID") },
      { index: 2, jobId: null, instanceId: null, name: null, problem: expect.stringContaining("cannot read"), detail: expect.any(String) },
    ]);
    expect(page.total).toBe(4);
  });

  it("still refuses a page whose envelope is wrong", () => {
    expect(() => parseJobList({ DtsJobList: "nope" }, "cn-hangzhou", "SYNC")).toThrow(DtsError);
  });

  it("reads totals sent as strings and an absent list", () => {
    const page = parseJobList({ TotalRecordCount: "41", PageNumber: "2", DtsJobList: [item()] }, "cn-hangzhou", "SYNC");
    expect(page).toMatchObject({ total: 41, page: 2 });
    expect(parseJobList({ Success: "true" }, "cn-hangzhou", "SYNC").items).toEqual([]);
  });
});

describe("DescribeDtsJobDetail", () => {
  it("parses Alibaba's documented sample, embedded JSON strings included", () => {
    const detail = parseJobDetail(sample, "Forward");
    expect(detail).toMatchObject({
      jobId: "i03e3zty16i****",
      instanceId: "dtsi03e3zty16i****",
      status: "Migrating",
      direction: "Forward",
      checkpoint: "1616405159",
      migrationMode: { DataInitialization: true, DataSynchronization: true, StructureInitialization: true },
      source: { engine: "MySQL", instanceId: "rm-bp1162kryivb8****", port: "3306" },
    });
    expect(detail.dbObject).toEqual({ dtstestdata: { all: true, name: "dtstestdata", state: "normal" } });
    expect(detail.reserved).toMatchObject({ srcNetType: "VPC", maxRetryTime: 43200 });
    expect(detail.raw).toBe(sample);
  });

  it("normalises the lower-case synchronizing quirk and string booleans", () => {
    const detail = parseJobDetail({ ...sample, Status: "synchronizing", MigrationMode: { DataSynchronization: "true" } }, "Reverse");
    expect(detail.status).toBe("Synchronizing");
    expect(detail.direction).toBe("Reverse");
    expect(detail.migrationMode).toEqual({ DataSynchronization: true });
  });

  it("keeps a DbObject that is not JSON as the string it is", () => {
    expect(parseJobDetail({ ...sample, DbObject: "not json" }, "Forward").dbObject).toBe("not json");
  });
});
