// The simulator's options for documented and unconfirmed DTS behaviours (issue 16), through the
// official client: the variant seed, page-size sets, the detail Delay unit, reverse tasks as items,
// strict job/direction, refusal codes, late resets and the other direction of a two-way reset.

import { describe, expect, it } from "vitest";
import { buildSeed, SEED_FIXTURES, VARIANT_FIXTURES, VARIANT_REGION } from "@/simulator";
import { parseCliArgs } from "@/simulator/cli-args";
import { controlFetch, jobList, rejection, simulatorPerSuite } from "./simulator-helpers";

const harness = simulatorPerSuite({ options: { seed: { variants: true } } });
const { twoWayRunning, oneWayRunning, locked } = SEED_FIXTURES;
const list = (query: Record<string, string> = {}) => harness.client.call("DescribeDtsJobs", { Region: "cn-hangzhou", JobType: "SYNC", ...query });
const status = (jobId: string, direction: "forward" | "reverse" = "forward") => harness.sim.control.job(jobId)?.instance[direction]?.status;

describe("the variants seed", () => {
  it("adds its tasks in their own region and leaves the default seed as it is", () => {
    const plain = buildSeed();
    const withVariants = buildSeed({ variants: true });
    expect(withVariants.slice(0, plain.length)).toEqual(plain);
    expect(withVariants.slice(plain.length).every((i) => i.region === VARIANT_REGION)).toBe(true);
    expect(plain.some((i) => i.region === VARIANT_REGION)).toBe(false);
  });

  it("answers sparse and variant shapes", async () => {
    const r = await harness.client.call("DescribeDtsJobs", { Region: VARIANT_REGION, JobType: "SYNC" });
    expect(r.body).toMatchObject({ Success: "true", TotalRecordCount: "5", PageRecordCount: "5" });
    const items = new Map(jobList(r).map((i) => [i.DtsJobId, i]));
    const { reverseEmpty, reverseNull, emptyEndpoints, twoWayTagged, noInstanceId } = VARIANT_FIXTURES;
    expect(items.get(reverseEmpty.jobId)).toMatchObject({ ReverseJob: {}, PayType: "POSTPAY", TagList: [{ TagKey: "env", TagValue: "prod" }, { TagKey: "team", TagValue: "orders" }] });
    expect(items.get(reverseNull.jobId)).toMatchObject({ ReverseJob: null, PayType: "PREPAY", Delay: "7", MigrationMode: { DataSynchronization: "true" } });
    expect(items.get(emptyEndpoints.jobId)).toMatchObject({ SourceEndpoint: {}, DestinationEndpoint: null });
    expect(items.get(twoWayTagged.jobId)?.ReverseJob).toMatchObject({ DtsJobId: twoWayTagged.reverseJobId });
    expect(items.get(noInstanceId.jobId)).not.toHaveProperty("DtsInstanceID");
  });
});

describe("pageSizes", () => {
  it.each([
    ["sdk", ["10", "20", "30"], ["50", "100"], 20],
    ["legacy", ["30", "50", "100"], ["10", "20"], 26],
    ["any", ["10", "20", "30", "50", "100"], ["15"], 20],
  ] as const)("%s accepts %j, refuses %j, and has its own default", async (pageSizes, accepted, refused, defaultCount) => {
    harness.sim.control.updateConfig({ pageSizes });
    for (const size of accepted) await expect(list({ PageSize: size })).resolves.toMatchObject({ statusCode: 200 });
    for (const size of refused) expect(await rejection(list({ PageSize: size }))).toMatchObject({ statusCode: 400, code: "InvalidParameter" });
    // cn-hangzhou holds 26 synchronization tasks: the default (20 or 30) shows in the page's length.
    expect(jobList(await list())).toHaveLength(defaultCount);
  });
});

describe("detailDelayUnit", () => {
  it.each([
    ["by-job-type", 2],
    ["seconds", 2],
    ["milliseconds", 2_000],
  ] as const)("%s", async (detailDelayUnit, delay) => {
    harness.sim.control.updateConfig({ detailDelayUnit });
    const r = await harness.client.call("DescribeDtsJobDetail", { DtsJobId: twoWayRunning.jobId, SynchronizationDirection: "Reverse" });
    expect(r.body.Delay).toBe(delay);
    const item = jobList(await list({ DtsJobId: twoWayRunning.jobId }))[0];
    expect(item?.ReverseJob?.Delay).toBe(2); // the list is in seconds whatever the option
  });
});

describe("listReverseJobs and strictJobDirection", () => {
  it("lists the reverse task as an item of its own, counted in the total", async () => {
    const before = (await list()).body.TotalRecordCount as number;
    harness.sim.control.updateConfig({ listReverseJobs: true });
    expect((await list()).body.TotalRecordCount).toBeGreaterThan(before);
    const items = jobList(await list({ DtsInstanceId: twoWayRunning.instanceId }));
    expect(items.map((i) => [i.DtsJobId, i.DtsJobDirection, "ReverseJob" in i])).toEqual([
      [twoWayRunning.jobId, "Forward", true],
      [twoWayRunning.reverseJobId, "Reverse", false],
    ]);
    expect(jobList(await list({ DtsJobId: twoWayRunning.reverseJobId! })).map((i) => i.DtsJobId)).toEqual([twoWayRunning.reverseJobId]);
  });

  it("strict: a reverse ID with Forward (or no direction) is refused; with Reverse, or the forward ID with Reverse, it resets the reverse task", async () => {
    harness.sim.control.updateConfig({ strictJobDirection: true });
    const reset = (query: Record<string, string>) => harness.client.call("ResetDtsJob", { DtsInstanceId: twoWayRunning.instanceId, ...query });
    const queries: Array<Record<string, string>> = [{ DtsJobId: twoWayRunning.reverseJobId!, SynchronizationDirection: "Forward" }, { DtsJobId: twoWayRunning.reverseJobId! }];
    for (const query of queries) {
      const error = await rejection(reset(query));
      expect(error).toMatchObject({ statusCode: 400, code: "InvalidParameter" });
      expect(error.message).toContain("DtsJobId");
    }
    expect([status(twoWayRunning.jobId), status(twoWayRunning.jobId, "reverse")]).toEqual(["Synchronizing", "Synchronizing"]);
    await expect(reset({ DtsJobId: twoWayRunning.jobId, SynchronizationDirection: "Reverse" })).resolves.toMatchObject({ statusCode: 200 });
    expect([status(twoWayRunning.jobId), status(twoWayRunning.jobId, "reverse")]).toEqual(["Synchronizing", "NotConfigured"]);
  });
});

describe("resetRefusal", () => {
  it("answers a blocked reset with the chosen code, status and style", async () => {
    harness.sim.control.updateConfig({ resetRefusal: { code: "InvalidJobStatus", httpStatus: 403 } });
    expect(await rejection(harness.client.call("ResetDtsJob", { DtsJobId: locked.jobId }))).toMatchObject({ statusCode: 403, code: "InvalidJobStatus" });
    harness.sim.control.updateConfig({ resetRefusal: { code: "UpdateJob.OperationDenied.InitStatus", style: "dts200" } });
    const r = await harness.client.call("ResetDtsJob", { DtsJobId: locked.jobId });
    expect(r).toMatchObject({ statusCode: 200, body: { Success: false, ErrCode: "UpdateJob.OperationDenied.InitStatus", DynamicMessage: "Locked", HttpStatusCode: 403 } });
  });
});

describe("resetLag", () => {
  it("keeps the old state for N reads of list or detail, then shows Not Configured; the control API lists and completes lags", async () => {
    harness.sim.control.updateConfig({ resetLag: { reads: 2 }, keepJobIdOnReset: false });
    await harness.client.call("ResetDtsJob", { DtsJobId: oneWayRunning.jobId });
    const pending = await controlFetch(harness.sim, "/__sim/resets/pending");
    expect(pending.body.pending).toMatchObject([{ instanceId: oneWayRunning.instanceId, direction: "Forward", readsLeft: 2, old: { jobId: oneWayRunning.jobId } }]);
    // The old ID still answers while the reset lags (new-ID mode).
    expect((await harness.client.call("DescribeDtsJobDetail", { DtsJobId: oneWayRunning.jobId })).body).toMatchObject({ Status: "synchronizing" });
    expect(jobList(await list({ DtsInstanceId: oneWayRunning.instanceId }))[0]).toMatchObject({ DtsJobId: oneWayRunning.jobId, Status: "Synchronizing" });
    const after = jobList(await list({ DtsInstanceId: oneWayRunning.instanceId }))[0];
    expect(after?.Status).toBe("NotConfigured");
    expect(after?.DtsJobId).not.toBe(oneWayRunning.jobId);

    harness.sim.control.updateConfig({ resetLag: { reads: 100 } });
    await harness.client.call("ResetDtsJob", { DtsJobId: twoWayRunning.jobId });
    expect(jobList(await list({ DtsInstanceId: twoWayRunning.instanceId }))[0]?.Status).toBe("Synchronizing");
    expect((await controlFetch(harness.sim, "/__sim/resets/complete", { method: "POST" })).body).toEqual({ completed: 1 });
    expect(jobList(await list({ DtsInstanceId: twoWayRunning.instanceId }))[0]?.Status).toBe("NotConfigured");
  });
});

describe("twoWayResetEffect", () => {
  it.each([
    ["none", "Synchronizing"],
    ["stop-other", "Suspending"],
    ["reset-other", "NotConfigured"],
  ] as const)("%s: resetting the reverse task leaves the forward one %s", async (twoWayResetEffect, forwardAfter) => {
    harness.sim.control.updateConfig({ twoWayResetEffect });
    await harness.client.call("ResetDtsJob", { DtsJobId: twoWayRunning.jobId, SynchronizationDirection: "Reverse" });
    expect([status(twoWayRunning.jobId), status(twoWayRunning.jobId, "reverse")]).toEqual([forwardAfter, "NotConfigured"]);
  });
});

describe("command line", () => {
  it("maps the new flags onto SimulatorOptions", () => {
    const { options } = parseCliArgs([
      "--variants", "--reset-lag-reads", "3", "--list-reverse-jobs", "--strict-job-direction",
      "--reset-refusal", "InvalidJobStatus:403", "--reset-refusal-style", "dts", "--page-sizes", "legacy",
      "--detail-delay-unit", "milliseconds", "--two-way-reset-effect", "stop-other",
      "--list-calls-per-second", "10", "--detail-calls-per-second", "30",
    ]);
    expect(options).toEqual({
      seed: { variants: true },
      resetLag: { reads: 3 },
      listReverseJobs: true,
      strictJobDirection: true,
      resetRefusal: { code: "InvalidJobStatus", httpStatus: 403, style: "dts" },
      pageSizes: "legacy",
      detailDelayUnit: "milliseconds",
      twoWayResetEffect: "stop-other",
      rateLimit: { callsPerSecond: 10, detailCallsPerSecond: 30 },
    });
    expect(parseCliArgs(["--no-rate-limit"]).options).toEqual({ rateLimit: false });
    expect(() => parseCliArgs(["--page-sizes", "huge"])).toThrow(/--page-sizes must be one of/);
    expect(() => parseCliArgs(["--no-rate-limit", "--rate-limit"])).toThrow(/cannot be combined/);
  });
});
