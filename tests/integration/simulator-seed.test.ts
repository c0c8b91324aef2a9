// The simulator's seed: size, spread, status coverage, realistic shapes, determinism, the fixed
// fixtures, and the scaled-up benchmark seed (generated and listed fast).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSeed, SEED_FIXTURES, startSimulator, type InstanceRecord, type RunningSimulator } from "@/simulator";
import { SUBSCRIBE_STATUSES, SYNC_STATUSES } from "@/simulator/model";
import { jobList, sdkClient } from "./simulator-helpers";

const JOB_ID = /^[a-z][a-z0-9]{14}$/;

describe("base seed", () => {
  const seed = buildSeed();
  const allJobs = seed.flatMap((i) => (i.reverse ? [i.forward, i.reverse] : [i.forward]));

  it("has at least 60 tasks in at least 3 regions, including the few in cn-beijing", () => {
    expect(seed.length).toBeGreaterThanOrEqual(60);
    const regions = new Set(seed.map((i) => i.region));
    for (const region of ["cn-hangzhou", "cn-shanghai", "ap-southeast-1", "cn-beijing"]) expect(regions).toContain(region);
    const beijing = seed.filter((i) => i.region === "cn-beijing").length;
    expect(beijing).toBeGreaterThan(0);
    expect(beijing).toBeLessThan(10);
  });

  it("shows every SYNC and SUBSCRIBE status at least once", () => {
    const syncStatuses = new Set(seed.filter((i) => i.jobType === "SYNC").map((i) => i.forward.status));
    const subscribeStatuses = new Set(seed.filter((i) => i.jobType === "SUBSCRIBE").map((i) => i.forward.status));
    for (const status of SYNC_STATUSES) expect(syncStatuses, status).toContain(status);
    for (const status of SUBSCRIBE_STATUSES) expect(subscribeStatuses, status).toContain(status);
  });

  it("mixes one-way and two-way sync, change tracking and a few migrations", () => {
    const twoWay = seed.filter((i) => i.reverse);
    expect(twoWay.length).toBeGreaterThanOrEqual(3);
    expect(twoWay.every((i) => i.jobType === "SYNC")).toBe(true);
    // Two-way is MySQL <-> MySQL: both ends are MySQL-family engines.
    for (const i of twoWay) {
      expect(["MySQL", undefined]).toContain(i.forward.sourceEndpoint.EngineName);
      expect(i.reverse?.sourceEndpoint).toEqual(i.forward.destinationEndpoint);
    }
    expect(seed.filter((i) => i.jobType === "SYNC" && !i.reverse).length).toBeGreaterThan(10);
    expect(seed.filter((i) => i.jobType === "SUBSCRIBE").length).toBeGreaterThanOrEqual(12);
    const migrations = seed.filter((i) => i.jobType === "MIGRATION").length;
    expect(migrations).toBeGreaterThan(0);
    expect(migrations).toBeLessThan(10);
  });

  it("uses DTS-shaped IDs, unique across both directions", () => {
    for (const job of allJobs) expect(job.jobId).toMatch(JOB_ID);
    for (const i of seed) expect(i.instanceId).toBe(`dts${i.forward.jobId}`);
    expect(new Set(allJobs.map((j) => j.jobId)).size).toBe(allJobs.length);
    for (const i of seed.filter((x) => x.reverse)) expect(i.reverse?.jobId).not.toBe(i.forward.jobId);
  });

  it("has long and non-ASCII names", () => {
    expect(seed.some((i) => i.name.length > 100)).toBe(true);
    expect(seed.some((i) => /[^\x00-\x7f]/.test(i.name))).toBe(true);
    expect(seed.map((i) => i.name)).toContain("订单库双向同步-杭州");
  });

  it("gives failed tasks a DTS-style error message", () => {
    const failed = allJobs.filter((j) => ["Failed", "PrecheckFailed", "InitializeFailed", "Abnormal", "MigrationFailed"].includes(j.status));
    expect(failed.length).toBeGreaterThan(3);
    for (const job of failed) expect(job.errorMessage).toMatch(/^DTS-\d+: /);
    expect(allJobs.map((j) => j.errorMessage)).toContain(
      "DTS-070211: Connect Source DB failed. cause by [com.mysql.jdbc.exceptions.jdbc4.CommunicationsException:Communications link failure]",
    );
  });

  it("has realistic endpoints, JSON strings, billing and times", () => {
    const endpoints = allJobs.flatMap((j) => [j.sourceEndpoint, j.destinationEndpoint]);
    expect(endpoints.some((e) => e.InstanceType === "RDS" && e.InstanceID?.startsWith("rm-"))).toBe(true);
    expect(endpoints.some((e) => e.InstanceType === "POLARDB" && e.InstanceID?.startsWith("pc-"))).toBe(true);
    expect(endpoints.some((e) => e.EngineName === "Kafka")).toBe(true);
    expect(endpoints.some((e) => e.InstanceType === "OTHER" && e.Ip && e.Port && !e.InstanceID)).toBe(true);
    for (const e of endpoints) if (e.Port !== undefined) expect(typeof e.Port).toBe("string");

    const configured = allJobs.filter((j) => j.status !== "NotConfigured");
    for (const job of configured) {
      expect(() => JSON.parse(job.dbObject) as unknown).not.toThrow();
      expect(() => JSON.parse(job.reserved) as unknown).not.toThrow();
      expect(job.migrationMode).not.toBeNull();
    }
    expect(new Set(seed.map((i) => i.payType))).toEqual(new Set(["PrePaid", "PostPaid"]));
    for (const i of seed) expect(i.expireTime !== undefined).toBe(i.payType === "PrePaid");
    const years = new Set(seed.map((i) => i.createTime.slice(0, 4)));
    expect(years).toEqual(new Set(["2024", "2025", "2026"]));
    for (const i of seed) expect(i.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(allJobs.some((j) => j.delaySeconds > 60)).toBe(true);
  });

  it("is deterministic: two builds are equal", () => {
    expect(buildSeed()).toEqual(seed);
  });
});

describe("SEED_FIXTURES", () => {
  const seed = buildSeed();
  const byId = new Map<string, InstanceRecord>(seed.map((i) => [i.forward.jobId, i]));

  it.each(Object.entries(SEED_FIXTURES))("%s matches the seed", (_name, fixture) => {
    const instance = byId.get(fixture.jobId);
    expect(instance).toBeDefined();
    expect(instance?.instanceId).toBe(fixture.instanceId);
    expect(instance?.region).toBe(fixture.region);
    expect(instance?.name).toBe(fixture.name);
    expect(instance?.jobType).toBe(fixture.jobType);
    expect(instance?.forward.status).toBe(fixture.status);
    expect(instance?.reverse?.jobId).toBe(fixture.reverseJobId);
    expect(instance?.reverse?.status).toBe(fixture.reverseStatus);
    expect(fixture.jobId).toMatch(JOB_ID);
  });

  it("covers the roles tests rely on", () => {
    expect(SEED_FIXTURES.twoWayRunning.status).toBe("Synchronizing");
    expect(SEED_FIXTURES.twoWayRunning.reverseStatus).toBe("Synchronizing");
    expect(SEED_FIXTURES.twoWayReverseFailed.reverseStatus).toBe("Failed");
    expect(SEED_FIXTURES.prechecking.status).toBe("Prechecking");
    expect(SEED_FIXTURES.locked.status).toBe("Locked");
    expect(SEED_FIXTURES.subscribeStarting).toMatchObject({ jobType: "SUBSCRIBE", status: "Starting" });
    expect(SEED_FIXTURES.subscribeNormal).toMatchObject({ jobType: "SUBSCRIBE", status: "Normal" });
    expect(SEED_FIXTURES.notConfigured.status).toBe("NotConfigured");
    expect(SEED_FIXTURES.failedWithError.status).toBe("Failed");
    expect(SEED_FIXTURES.longName.name.length).toBeGreaterThan(100);
    expect(SEED_FIXTURES.nonAsciiName.name).toBe("订单库双向同步-杭州");
    expect(SEED_FIXTURES.oneWayRunning.jobId).toBe("l3m1213ye7l3k2j");
  });
});

// How fast the scaled seed builds and lists is measured by `npm run bench` (section 5), not
// asserted here: a timed test fails on a busy machine without anything being wrong.
describe("scaled seed (benchmarks)", () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ seed: { scale: 10_000, scaleRegion: "cn-hangzhou" } });
  });
  afterAll(async () => {
    await sim.close();
  });

  it("generates 10,000 extra tasks and keeps the base seed intact", () => {
    const scaled = buildSeed({ scale: 10_000 });
    expect(scaled.length).toBe(buildSeed().length + 10_000);
    expect(scaled.slice(0, buildSeed().length)).toEqual(buildSeed());
    expect(new Set(scaled.map((i) => i.forward.jobId)).size).toBe(scaled.length);
  });

  it("lists, pages, searches and filters a 10,000-task region", async () => {
    const client = sdkClient(sim);
    await client.call("DescribeDtsJobs", { Region: "cn-hangzhou", JobType: "SYNC" }); // warm-up
    const first = await client.call("DescribeDtsJobs", { Region: "cn-hangzhou", JobType: "SYNC", PageSize: "30" });
    const last = await client.call("DescribeDtsJobs", { Region: "cn-hangzhou", JobType: "SYNC", PageSize: "30", PageNumber: "3", Type: "name", Params: "ORDERS" });
    const searched = await client.call("DescribeDtsJobs", { Region: "cn-hangzhou", JobType: "SYNC", Status: "Failed", OrderColumn: "CreateTime", OrderDirection: "DESC" });
    expect(first.body.TotalRecordCount).toBeGreaterThan(10_000);
    expect(jobList(first)).toHaveLength(30);
    expect(last.body.PageNumber).toBe(3);
    expect(jobList(last).every((j) => j.DtsJobName.toLowerCase().includes("orders"))).toBe(true);
    expect(searched.body.TotalRecordCount).toBeGreaterThan(0);
  });
});
