// DescribeDtsJobs through the official client: parameters, filters, search, paging, order, and
// the exact field casing of the reply.

import { describe, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator";
import { jobList, rejection, simulatorPerSuite, type JobItem } from "./simulator-helpers";

const harness = simulatorPerSuite();

const HZ = "cn-hangzhou";
const list = (query: Record<string, string>) => harness.client.call("DescribeDtsJobs", query);
const UPPER_UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

async function allPages(query: Record<string, string>): Promise<JobItem[]> {
  const items: JobItem[] = [];
  for (let page = 1; ; page++) {
    const r = await list({ ...query, PageSize: "10", PageNumber: String(page) });
    items.push(...jobList(r));
    if (items.length >= (r.body.TotalRecordCount as number)) return items;
  }
}

describe("envelope and defaults", () => {
  it("answers with DTS's envelope and a RequestId in body and header", async () => {
    const r = await list({ Region: HZ, JobType: "SYNC" });
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatchObject({ HttpStatusCode: 200, Success: true, PageNumber: 1 });
    expect(r.body.RequestId).toMatch(UPPER_UUID);
    expect(r.headers["x-acs-request-id"]).toBe(r.body.RequestId);
    expect(r.body.PageRecordCount).toBe(jobList(r).length);
    expect(r.body.TotalRecordCount).toBeGreaterThanOrEqual(jobList(r).length);
  });

  it("lists MIGRATION tasks when JobType is omitted, as DTS does", async () => {
    const items = await allPages({ Region: HZ });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.JobType === "MIGRATION")).toBe(true);
    expect(items.map((i) => i.DtsJobId)).toContain(SEED_FIXTURES.migrationRunning.jobId);
  });

  it("requires Region, accepting the deprecated RegionId instead", async () => {
    const error = await rejection(list({ JobType: "SYNC" }));
    expect(error.name).toBe("ClientError");
    expect(error).toMatchObject({ statusCode: 400, code: "MissingParameter" });
    expect(error.message).toContain('"Region"');
    const viaRegionId = await list({ RegionId: HZ, JobType: "SYNC" });
    expect(viaRegionId.body.TotalRecordCount).toBe((await list({ Region: HZ, JobType: "SYNC" })).body.TotalRecordCount);
  });

  it.each([
    ["JobType", { JobType: "SYNCHRONIZE" }],
    ["PageSize", { JobType: "SYNC", PageSize: "7" }],
    ["PageSize", { JobType: "SYNC", PageSize: "abc" }],
    ["PageNumber", { JobType: "SYNC", PageNumber: "0" }],
    ["OrderColumn", { JobType: "SYNC", OrderColumn: "Name" }],
    ["OrderDirection", { JobType: "SYNC", OrderDirection: "UP" }],
    ["Type", { JobType: "SYNC", Type: "owner", Params: "x" }],
  ])("refuses an invalid %s", async (name, query) => {
    const error = await rejection(list({ Region: HZ, ...query }));
    expect(error).toMatchObject({ statusCode: 400, code: "InvalidParameter" });
    expect(error.message).toContain(`The Value of Input Parameter ${name} is not valid.`);
  });

  it("accepts page sizes 10/20/30 and the older 50/100, default 20", async () => {
    for (const size of [10, 20, 30, 50, 100]) {
      const r = await list({ Region: HZ, JobType: "SYNC", PageSize: String(size) });
      expect(jobList(r).length).toBe(Math.min(size, r.body.TotalRecordCount as number));
    }
    const all = await list({ Region: "cn-hangzhou", JobType: "SYNC", PageSize: "100" });
    expect(all.body.TotalRecordCount).toBeGreaterThan(20);
    expect(jobList(await list({ Region: HZ, JobType: "SYNC" }))).toHaveLength(20);
  });
});

describe("filters and search", () => {
  it("filters by Status without regard to case", async () => {
    const items = await allPages({ Region: HZ, JobType: "SYNC", Status: "synchronizing" });
    expect(items.length).toBeGreaterThan(2);
    expect(items.every((i) => i.Status === "Synchronizing")).toBe(true);
    const none = await list({ Region: HZ, JobType: "SYNC", Status: "NoSuchStatus" });
    expect(none.body).toMatchObject({ TotalRecordCount: 0, PageRecordCount: 0, DtsJobList: [] });
  });

  it("lists only the region asked for", async () => {
    const sh = await allPages({ Region: "cn-shanghai", JobType: "SYNC" });
    const ids = sh.map((i) => i.DtsJobId);
    expect(ids).toContain(SEED_FIXTURES.twoWayReverseFailed.jobId);
    expect(ids).not.toContain(SEED_FIXTURES.oneWayRunning.jobId);
    expect(sh.every((i) => (i.SourceEndpoint as { Region?: string }).Region === undefined || (i.SourceEndpoint as { Region?: string }).Region === "cn-shanghai")).toBe(true);
  });

  it("searches names fuzzily (case-insensitive substring), including non-ASCII", async () => {
    const byName = await allPages({ Region: HZ, JobType: "SYNC", Type: "name", Params: "RDS-TO-POLAR" });
    expect(byName.map((i) => i.DtsJobId)).toContain(SEED_FIXTURES.oneWayRunning.jobId);
    expect(byName.every((i) => i.DtsJobName.toLowerCase().includes("rds-to-polar"))).toBe(true);
    const chinese = await list({ Region: HZ, JobType: "SYNC", Type: "name", Params: "双向同步" });
    expect(jobList(chinese).map((i) => i.DtsJobId)).toContain(SEED_FIXTURES.nonAsciiName.jobId);
  });

  it("searches by exact instance ID and by source or destination database instance", async () => {
    const fixture = SEED_FIXTURES.oneWayRunning;
    const byInstance = await list({ Region: HZ, JobType: "SYNC", Type: "instance", Params: fixture.instanceId });
    expect(jobList(byInstance).map((i) => i.DtsJobId)).toEqual([fixture.jobId]);
    const partial = await list({ Region: HZ, JobType: "SYNC", Type: "instance", Params: fixture.instanceId.slice(0, 8) });
    expect(partial.body.TotalRecordCount).toBe(0);

    const item = jobList(byInstance)[0] as JobItem;
    const sourceId = (item.SourceEndpoint as { InstanceID: string }).InstanceID;
    const destinationId = (item.DestinationEndpoint as { InstanceID: string }).InstanceID;
    const bySource = await list({ Region: HZ, JobType: "SYNC", Type: "srcRds", Params: sourceId });
    expect(jobList(bySource).map((i) => i.DtsJobId)).toContain(fixture.jobId);
    const byDestination = await list({ Region: HZ, JobType: "SYNC", Type: "rds", Params: destinationId });
    expect(jobList(byDestination).map((i) => i.DtsJobId)).toEqual([fixture.jobId]);
  });

  it("filters by comma-separated DtsJobId and DtsInstanceId lists; a reverse ID finds its instance", async () => {
    const { oneWayRunning, twoWayRunning, locked } = SEED_FIXTURES;
    const byJobs = await list({ Region: HZ, JobType: "SYNC", DtsJobId: `${oneWayRunning.jobId}, ${locked.jobId}` });
    expect(new Set(jobList(byJobs).map((i) => i.DtsJobId))).toEqual(new Set([oneWayRunning.jobId, locked.jobId]));
    const byInstances = await list({ Region: HZ, JobType: "SYNC", DtsInstanceId: `${twoWayRunning.instanceId},${locked.instanceId}` });
    expect(new Set(jobList(byInstances).map((i) => i.DtsInstanceID))).toEqual(new Set([twoWayRunning.instanceId, locked.instanceId]));
    const byReverse = await list({ Region: HZ, JobType: "SYNC", DtsJobId: twoWayRunning.reverseJobId ?? "" });
    expect(jobList(byReverse).map((i) => i.DtsJobId)).toEqual([twoWayRunning.jobId]);
    // JobType must match: a SYNC ID does not show up in a SUBSCRIBE listing.
    const wrongType = await list({ Region: HZ, JobType: "SUBSCRIBE", DtsJobId: oneWayRunning.jobId });
    expect(wrongType.body.TotalRecordCount).toBe(0);
  });
});

describe("paging and order", () => {
  it("pages through every task exactly once", async () => {
    const first = await list({ Region: HZ, JobType: "SYNC", PageSize: "10" });
    const total = first.body.TotalRecordCount as number;
    expect(total).toBeGreaterThan(10);
    const items = await allPages({ Region: HZ, JobType: "SYNC" });
    expect(items).toHaveLength(total);
    expect(new Set(items.map((i) => i.DtsJobId)).size).toBe(total);
    const lastPage = Math.ceil(total / 10);
    const last = await list({ Region: HZ, JobType: "SYNC", PageSize: "10", PageNumber: String(lastPage) });
    expect(last.body).toMatchObject({ PageNumber: lastPage, PageRecordCount: total - (lastPage - 1) * 10, TotalRecordCount: total });
    const beyond = await list({ Region: HZ, JobType: "SYNC", PageSize: "10", PageNumber: String(lastPage + 1) });
    expect(beyond.body).toMatchObject({ PageRecordCount: 0, TotalRecordCount: total, DtsJobList: [] });
  });

  it("lists newest CreateTime first without OrderColumn, and ASC/DESC with it", async () => {
    const times = (items: JobItem[]) => items.map((i) => i.CreateTime as string);
    const byDefault = times(await allPages({ Region: HZ, JobType: "SYNC" }));
    expect(byDefault).toEqual([...byDefault].sort().reverse());
    const ascending = times(await allPages({ Region: HZ, JobType: "SYNC", OrderColumn: "CreateTime" }));
    expect(ascending).toEqual([...ascending].sort());
    const descending = times(await allPages({ Region: HZ, JobType: "SYNC", OrderColumn: "CreateTime", OrderDirection: "DESC" }));
    expect(descending).toEqual([...byDefault]);
  });

  it("orders by FinishTime with unfinished tasks last", async () => {
    const items = await allPages({ Region: "cn-shanghai", JobType: "SYNC", OrderColumn: "FinishTime" });
    const finishedIndex = items.findIndex((i) => i.Status === "Finished");
    if (finishedIndex >= 0) expect(finishedIndex).toBe(0);
    expect(items.length).toBeGreaterThan(0);
  });
});

describe("field casing and shape (DescribeDtsJobs response fields)", () => {
  async function item(jobId: string, jobType = "SYNC", region = HZ): Promise<JobItem> {
    const r = await list({ Region: region, JobType: jobType, DtsJobId: jobId });
    const found = jobList(r)[0];
    if (!found) throw new Error(`no item ${jobId}`);
    return found;
  }

  it("uses DtsInstanceID (capital ID), string Port/Checkpoint, numeric Delay; no two-way fields on one-way", async () => {
    const one = await item(SEED_FIXTURES.oneWayRunning.jobId);
    expect(one).toMatchObject({
      DtsJobId: SEED_FIXTURES.oneWayRunning.jobId,
      DtsInstanceID: SEED_FIXTURES.oneWayRunning.instanceId,
      DtsJobName: "orders-rds-to-polardb",
      Status: "Synchronizing",
      JobType: "SYNC",
      PayType: "PostPaid",
      CreateTime: "2025-03-14T02:11:45Z",
    });
    expect(one).not.toHaveProperty("DtsInstanceId");
    expect(one).not.toHaveProperty("DtsJobDirection");
    expect(one).not.toHaveProperty("ReverseJob");
    expect(one).not.toHaveProperty("ExpireTime");
    expect(typeof one.Delay).toBe("number");
    expect(typeof one.Checkpoint).toBe("string");
    expect(typeof one.DbObject).toBe("string");
    expect(typeof one.Reserved).toBe("string");
    expect(one.DtsJobClass).toBe("medium");
    const source = one.SourceEndpoint as Record<string, unknown>;
    expect(source).toMatchObject({ EngineName: "MySQL", InstanceType: "RDS", Region: HZ, Port: "3306" });
    expect(Object.keys(source)).toContain("InstanceID");
    expect(one.MigrationMode).toEqual({ StructureInitialization: true, DataInitialization: true, DataSynchronization: true });
    for (const phase of ["PrecheckStatus", "StructureInitializationStatus", "DataInitializationStatus", "DataSynchronizationStatus"]) {
      expect(one[phase]).toMatchObject({ Status: expect.any(String), Percent: expect.any(String), Progress: expect.any(String) });
    }
  });

  it("marks two-way items with DtsJobDirection Forward and nests the ReverseJob only there", async () => {
    const fixture = SEED_FIXTURES.twoWayRunning;
    const two = await item(fixture.jobId);
    expect(two.DtsJobDirection).toBe("Forward");
    expect(two.ExpireTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const reverse = two.ReverseJob as Record<string, unknown>;
    expect(reverse).toMatchObject({ DtsJobId: fixture.reverseJobId, DtsInstanceID: fixture.instanceId, DtsJobDirection: "Reverse", Status: "Synchronizing" });
    for (const absent of ["JobType", "TagList", "RetryState", "ResourceGroupId", "OriginType"]) expect(reverse).not.toHaveProperty(absent);
    expect(reverse.SourceEndpoint).toEqual(two.DestinationEndpoint);

    const everything = await allPages({ Region: HZ, JobType: "SYNC" });
    const topLevelIds = new Set(everything.map((i) => i.DtsJobId));
    for (const i of everything) if (i.ReverseJob) expect(topLevelIds.has(i.ReverseJob.DtsJobId)).toBe(false);
  });

  it("reports failures with ErrorMessage and subscription extras on change tracking", async () => {
    const failed = await item(SEED_FIXTURES.failedWithError.jobId);
    expect(failed.ErrorMessage).toMatch(/^DTS-070211: Connect Source DB failed/);
    expect(failed.Delay).toBe(5_400);
    expect(failed.SourceEndpoint).toMatchObject({ InstanceType: "OTHER", Ip: "47.98.120.33", Port: "3306" });
    const subscribe = await item(SEED_FIXTURES.subscribeNormal.jobId, "SUBSCRIBE");
    expect(subscribe).toMatchObject({ JobType: "SUBSCRIBE", Status: "Normal", AppName: "new" });
    expect(subscribe.BeginTimestamp).toEqual(expect.any(String));
  });

  it("leaves DbObject out with WithoutDbList=true", async () => {
    const r = await list({ Region: HZ, JobType: "SYNC", DtsJobId: SEED_FIXTURES.oneWayRunning.jobId, WithoutDbList: "true" });
    expect(jobList(r)[0]).not.toHaveProperty("DbObject");
  });
});
