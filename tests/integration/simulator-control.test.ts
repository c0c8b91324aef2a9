// The /__sim/ control API: loopback-only access, every route, validation, and the call log.

import { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import { SEED_FIXTURES, startSimulator, type CallRecord, type InstanceRecord } from "@/simulator";
import { createControl } from "@/simulator/control";
import { handleControlRequest, isLoopbackAddress } from "@/simulator/control-http";
import { SimulatorRuntime } from "@/simulator/runtime";
import { controlFetch, jobList, rejection, simulatorPerSuite } from "./simulator-helpers";

describe("loopback check", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["0:0:0:0:0:0:0:1", true],
    ["::ffff:127.0.0.1", true],
    ["::FFFF:127.0.0.2", true],
    ["10.0.0.5", false],
    ["192.168.1.20", false],
    ["::ffff:10.0.0.5", false],
    ["fe80::1", false],
    ["::2", false],
    ["128.0.0.1", false],
    ["localhost", false],
    ["", false],
    [undefined, false],
  ])("%s → %s", (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  it("answers 403 to any other client, before routing", () => {
    const control = createControl(new SimulatorRuntime());
    const request = { method: "POST", path: "/__sim/reset", rawQuery: "", body: Buffer.alloc(0) };
    const refused = handleControlRequest(control, { ...request, remoteAddress: "10.1.2.3" });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toEqual({ error: "The simulator control API only answers loopback clients." });
    expect(handleControlRequest(control, { ...request, remoteAddress: "::ffff:127.0.0.1" }).status).toBe(200);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

  it.skipIf(!external)("refuses a real non-loopback connection with 403, while DTS requests are still served", async () => {
    const open = await startSimulator({ host: "0.0.0.0" });
    try {
      const viaNetwork = await fetch(`http://${external}:${open.port}/__sim/health`);
      expect(viaNetwork.status).toBe(403);
      const dts = await fetch(`http://${external}:${open.port}/?Action=DescribeDtsJobs`);
      expect(dts.status).toBe(400); // reached the DTS side (unsigned → MissingParameter)
      expect((await fetch(`http://127.0.0.1:${open.port}/__sim/health`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe("HTTP routes", () => {
  // Reset through the control API itself: that route is under test too.
  const harness = simulatorPerSuite({
    reset: async (sim) => {
      expect((await controlFetch(sim, "/__sim/reset", { method: "POST" })).status).toBe(200);
    },
  });

  it("GET /__sim/health", async () => {
    const r = await controlFetch(harness.sim, "/__sim/health");
    expect(r).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(r.body.instances).toBeGreaterThanOrEqual(60);
    expect(r.body.regions).toEqual(expect.arrayContaining(["cn-hangzhou", "cn-shanghai", "ap-southeast-1", "cn-beijing"]));
  });

  it("GET/DELETE /__sim/calls: every request, filterable by action", async () => {
    await harness.client.call("DescribeDtsJobs", { Region: "cn-hangzhou", JobType: "SYNC" });
    await harness.client.call("ResetDtsJob", { DtsJobId: SEED_FIXTURES.oneWayRunning.jobId });
    await rejection(harness.client.call("ResetDtsJob", { DtsJobId: SEED_FIXTURES.locked.jobId }));
    const all = (await controlFetch(harness.sim, "/__sim/calls")).body.calls as CallRecord[];
    expect(all.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(all[0]).toEqual({
      seq: 1,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      action: "DescribeDtsJobs",
      params: { Region: "cn-hangzhou", JobType: "SYNC" },
      scheme: "V3",
      accessKeyId: "sim-access-key-id",
      account: "sim-account",
      securityToken: false,
      verdict: "ok",
      code: null,
      httpStatus: 200,
      fault: null,
      faultEffect: null,
    });
    expect(all[2]).toMatchObject({ action: "ResetDtsJob", verdict: "ok", code: "OperationDenied.JobStatus", httpStatus: 403 });
    const resets = (await controlFetch(harness.sim, "/__sim/calls?action=ResetDtsJob")).body.calls as CallRecord[];
    expect(resets.map((c) => c.seq)).toEqual([2, 3]);
    expect(await controlFetch(harness.sim, "/__sim/calls", { method: "DELETE" })).toMatchObject({ status: 200, body: { cleared: 3 } });
    expect((await controlFetch(harness.sim, "/__sim/calls")).body.calls).toEqual([]);
  });

  it("GET/POST/DELETE /__sim/faults", async () => {
    const added = await controlFetch(harness.sim, "/__sim/faults", {
      method: "POST",
      body: { faults: [{ action: "ResetDtsJob", kind: "throttle", times: 2 }, { action: "*", kind: "latency", latencyMs: 5, probability: 0.5 }] },
    });
    expect(added.status).toBe(201);
    const ids = (added.body.faults as Array<{ id: string }>).map((f) => f.id);
    expect(ids).toHaveLength(2);
    expect((await controlFetch(harness.sim, "/__sim/faults", { method: "POST", body: [{ action: "DescribeDtsJobs", kind: "internal" }] })).status).toBe(201);
    const listed = (await controlFetch(harness.sim, "/__sim/faults")).body.faults as Array<Record<string, unknown>>;
    expect(listed).toEqual([
      expect.objectContaining({ id: ids[0], action: "ResetDtsJob", kind: "throttle", remaining: 2, triggered: 0 }),
      expect.objectContaining({ id: ids[1], kind: "latency", remaining: null }),
      expect.objectContaining({ kind: "internal", remaining: 1 }),
    ]);
    expect((await controlFetch(harness.sim, `/__sim/faults/${ids[0]}`, { method: "DELETE" })).status).toBe(200);
    expect((await controlFetch(harness.sim, `/__sim/faults/${ids[0]}`, { method: "DELETE" })).status).toBe(404);
    expect(await controlFetch(harness.sim, "/__sim/faults", { method: "DELETE" })).toMatchObject({ status: 200, body: { cleared: 2 } });
    expect((await controlFetch(harness.sim, "/__sim/faults")).body.faults).toEqual([]);
  });

  it("refuses invalid fault specs with 400 and the reasons", async () => {
    for (const body of [{ action: "ResetDtsJob", kind: "meltdown" }, { action: "ResetDtsJob", kind: "throttle", times: 0 }, { action: "ResetDtsJob", kind: "throttle", surprise: 1 }, {}]) {
      const r = await controlFetch(harness.sim, "/__sim/faults", { method: "POST", body });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: "Invalid request body.", details: expect.any(Array) });
    }
  });

  it("GET/PATCH /__sim/config", async () => {
    const before = await controlFetch(harness.sim, "/__sim/config");
    expect(before.body.config).toEqual({
      keepJobIdOnReset: true,
      lowercaseDetailStatus: true,
      businessErrorStyle: "gateway",
      timestampWindowSeconds: 900,
      rateLimit: { enabled: true, callsPerSecond: 20, detailCallsPerSecond: 40 },
      resetLag: { reads: 0 },
      listReverseJobs: false,
      strictJobDirection: false,
      resetRefusal: { code: "OperationDenied.JobStatus", httpStatus: 403, message: "The operation is not permitted due to Dts job status is %s.", style: null },
      pageSizes: "any",
      detailDelayUnit: "by-job-type",
      twoWayResetEffect: "none",
      stsSessionSecondsOverride: null,
      log: false,
    });
    const patched = await controlFetch(harness.sim, "/__sim/config", { method: "PATCH", body: { businessErrorStyle: "dts200", rateLimit: { callsPerSecond: 5 } } });
    expect(patched.body.config).toMatchObject({ businessErrorStyle: "dts200", rateLimit: { enabled: true, callsPerSecond: 5 } });
    const r = await harness.client.call("ResetDtsJob", { DtsJobId: SEED_FIXTURES.locked.jobId });
    expect(r.body).toMatchObject({ Success: false, ErrCode: "OperationDenied.JobStatus" });
    for (const body of [{ businessErrorStyle: "xml" }, { keepJobIdOnReset: "yes" }, { unknownSetting: true }]) {
      expect((await controlFetch(harness.sim, "/__sim/config", { method: "PATCH", body })).status).toBe(400);
    }
  });

  it("POST /__sim/reset restores the seed, start-up config (plus overrides) and clears faults and calls", async () => {
    await harness.client.call("ResetDtsJob", { DtsJobId: SEED_FIXTURES.oneWayRunning.jobId });
    await controlFetch(harness.sim, "/__sim/config", { method: "PATCH", body: { lowercaseDetailStatus: false } });
    await controlFetch(harness.sim, "/__sim/faults", { method: "POST", body: { action: "*", kind: "internal", times: 9 } });
    const r = await controlFetch(harness.sim, "/__sim/reset", { method: "POST", body: { keepJobIdOnReset: false } });
    expect(r.body).toMatchObject({ status: "reset", config: { keepJobIdOnReset: false, lowercaseDetailStatus: true } });
    expect((await controlFetch(harness.sim, "/__sim/faults")).body.faults).toEqual([]);
    expect((await controlFetch(harness.sim, "/__sim/calls")).body.calls).toEqual([]);
    expect((await harness.client.call("DescribeDtsJobDetail", { DtsJobId: SEED_FIXTURES.oneWayRunning.jobId })).body.Status).toBe("synchronizing");
    expect((await controlFetch(harness.sim, "/__sim/reset", { method: "POST", body: { seed: { scale: -1 } } })).status).toBe(400);
  });

  it("GET /__sim/jobs (raw state) and /__sim/jobs/{id}", async () => {
    const sh = (await controlFetch(harness.sim, "/__sim/jobs?region=cn-shanghai")).body.jobs as InstanceRecord[];
    expect(sh.length).toBeGreaterThan(5);
    expect(sh.every((i) => i.region === "cn-shanghai")).toBe(true);
    const subscribe = (await controlFetch(harness.sim, "/__sim/jobs?region=cn-hangzhou&jobType=SUBSCRIBE")).body.jobs as InstanceRecord[];
    expect(subscribe.every((i) => i.jobType === "SUBSCRIBE")).toBe(true);
    const all = (await controlFetch(harness.sim, "/__sim/jobs")).body.jobs as InstanceRecord[];
    expect(all.length).toBeGreaterThanOrEqual(60);

    const reverseId = SEED_FIXTURES.twoWayRunning.reverseJobId ?? "";
    const found = await controlFetch(harness.sim, `/__sim/jobs/${reverseId}`);
    expect(found.body).toMatchObject({ direction: "Reverse", instance: { instanceId: SEED_FIXTURES.twoWayRunning.instanceId } });
    expect((await controlFetch(harness.sim, "/__sim/jobs/nosuchjob000000")).status).toBe(404);
  });

  it("POST /__sim/jobs/{id}/status puts a task into any status, either direction", async () => {
    const { jobId, region } = SEED_FIXTURES.oneWayRunning;
    const r = await controlFetch(harness.sim, `/__sim/jobs/${jobId}/status`, { method: "POST", body: { status: "Prechecking" } });
    expect(r).toMatchObject({ status: 200, body: { instance: { forward: { status: "Prechecking" } } } });
    const listed = jobList(await harness.client.call("DescribeDtsJobs", { Region: region, JobType: "SYNC", DtsJobId: jobId }));
    expect(listed[0]?.Status).toBe("Prechecking");
    expect(await rejection(harness.client.call("ResetDtsJob", { DtsJobId: jobId }))).toMatchObject({ code: "OperationDenied.JobStatus" });

    const two = SEED_FIXTURES.twoWayRunning;
    await controlFetch(harness.sim, `/__sim/jobs/${two.jobId}/status`, { method: "POST", body: { status: "Failed", direction: "Reverse", errorMessage: "DTS-1: boom" } });
    const reverse = await harness.client.call("DescribeDtsJobDetail", { DtsJobId: two.jobId, SynchronizationDirection: "Reverse" });
    expect(reverse.body).toMatchObject({ Status: "Failed", ErrorMessage: "DTS-1: boom" });

    expect((await controlFetch(harness.sim, `/__sim/jobs/${jobId}/status`, { method: "POST", body: { status: "Failed", direction: "Reverse" } })).status).toBe(400);
    expect((await controlFetch(harness.sim, `/__sim/jobs/${jobId}/status`, { method: "POST", body: { status: "" } })).status).toBe(400);
    expect((await controlFetch(harness.sim, "/__sim/jobs/nosuchjob000000/status", { method: "POST", body: { status: "Failed" } })).status).toBe(404);
  });

  it("answers unknown paths 404, wrong methods 405, bad JSON 400", async () => {
    expect((await controlFetch(harness.sim, "/__sim/nothing")).status).toBe(404);
    expect((await controlFetch(harness.sim, "/__sim")).status).toBe(404);
    expect((await controlFetch(harness.sim, "/__sim/health", { method: "POST" })).status).toBe(405);
    const badJson = await fetch(`${harness.sim.url}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ error: "The body is not valid JSON." });
    expect((await controlFetch(harness.sim, "/__sim/calls")).body.calls).toEqual([]); // control calls are not DTS calls
  });
});
