// ResetDtsJob through the official client: both directions, every refusal, both job-ID modes, and
// the three business-error styles.

import { beforeEach, describe, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator";
import { jobList, rejection, simulatorPerSuite } from "./simulator-helpers";

const harness = simulatorPerSuite();

const reset = (query: Record<string, string>) => harness.client.call("ResetDtsJob", query);
const detail = (query: Record<string, string>) => harness.client.call("DescribeDtsJobDetail", query);

function expectCleared(body: Record<string, unknown>): void {
  expect(body).toMatchObject({
    Status: "NotConfigured",
    SourceEndpoint: {},
    DestinationEndpoint: {},
    DbObject: "",
    Reserved: "",
    ErrorMessage: "",
    Delay: 0,
  });
  expect(body).not.toHaveProperty("MigrationMode");
  expect(body.DataSynchronizationStatus).toMatchObject({ Status: "NotStarted" });
  expect(body.PrecheckStatus).toMatchObject({ Status: "NotStarted" });
}

describe("successful resets (same DtsJobId, the default)", () => {
  it("resets a one-way task: the documented reply, then NotConfigured with its configuration cleared", async () => {
    const { jobId, instanceId, region } = SEED_FIXTURES.oneWayRunning;
    const r = await reset({ DtsJobId: jobId, DtsInstanceId: instanceId, RegionId: region, SynchronizationDirection: "Forward" });
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(["HttpStatusCode", "RequestId", "Success"]);
    expect(r.body).toMatchObject({ HttpStatusCode: 200, Success: true });
    expect(r.headers["x-acs-request-id"]).toBe(r.body.RequestId);

    const after = await detail({ DtsJobId: jobId });
    expect(after.body).toMatchObject({ DtsJobId: jobId, DtsInstanceID: instanceId });
    expectCleared(after.body);
  });

  it("resets a failed task with only DtsJobId", async () => {
    await reset({ DtsJobId: SEED_FIXTURES.failedWithError.jobId });
    expectCleared((await detail({ DtsJobId: SEED_FIXTURES.failedWithError.jobId })).body);
  });

  it("resets a running change tracking task", async () => {
    await reset({ DtsJobId: SEED_FIXTURES.subscribeNormal.jobId });
    expect((await detail({ DtsJobId: SEED_FIXTURES.subscribeNormal.jobId })).body.Status).toBe("NotConfigured");
  });

  it("resets only the reverse job of a two-way task with SynchronizationDirection=Reverse", async () => {
    const f = SEED_FIXTURES.twoWayReverseFailed;
    await reset({ DtsJobId: f.jobId, SynchronizationDirection: "Reverse" });
    const reverse = await detail({ DtsJobId: f.jobId, SynchronizationDirection: "Reverse" });
    expect(reverse.body.DtsJobId).toBe(f.reverseJobId);
    expectCleared(reverse.body);
    const forward = await detail({ DtsJobId: f.jobId });
    expect(forward.body.Status).toBe("synchronizing");
    expect(forward.body.SourceEndpoint).not.toEqual({});
  });

  it("resets only the forward job of a two-way task by default", async () => {
    const f = SEED_FIXTURES.twoWayRunning;
    await reset({ DtsJobId: f.jobId });
    const listed = jobList(await harness.client.call("DescribeDtsJobs", { Region: f.region, JobType: "SYNC", DtsInstanceId: f.instanceId }))[0];
    expect(listed).toMatchObject({ DtsJobId: f.jobId, Status: "NotConfigured", DtsJobDirection: "Forward" });
    expect(listed?.ReverseJob).toMatchObject({ DtsJobId: f.reverseJobId, Status: "Synchronizing" });
  });

  it("refuses a second reset of the same job: it is NotConfigured now", async () => {
    const { jobId } = SEED_FIXTURES.oneWayRunning;
    await reset({ DtsJobId: jobId });
    const error = await rejection(reset({ DtsJobId: jobId }));
    expect(error).toMatchObject({ statusCode: 403, code: "OperationDenied.JobStatus" });
    expect(error.message).toContain("The operation is not permitted due to Dts job status is NotConfigured.");
  });
});

describe("new-DtsJobId mode", () => {
  beforeEach(() => {
    harness.sim.control.reset({ keepJobIdOnReset: false });
  });

  it("brings the task back under a new DtsJobId in the same instance; the old ID is gone", async () => {
    const { jobId, instanceId, region } = SEED_FIXTURES.oneWayRunning;
    const r = await reset({ DtsJobId: jobId });
    expect(r.body).not.toHaveProperty("DtsJobId");
    const listed = jobList(await harness.client.call("DescribeDtsJobs", { Region: region, JobType: "SYNC", DtsInstanceId: instanceId }));
    expect(listed).toHaveLength(1);
    const newId = listed[0]?.DtsJobId ?? "";
    expect(newId).not.toBe(jobId);
    expect(newId).toMatch(/^[a-z][a-z0-9]{14}$/);
    expect(listed[0]).toMatchObject({ DtsInstanceID: instanceId, Status: "NotConfigured" });

    expect(await rejection(detail({ DtsJobId: jobId }))).toMatchObject({ statusCode: 404, code: "Forbidden.InstanceNotFound" });
    expect(await rejection(reset({ DtsJobId: jobId }))).toMatchObject({ statusCode: 404, code: "Forbidden.InstanceNotFound" });
    expect((await detail({ DtsJobId: newId })).body).toMatchObject({ DtsJobId: newId, DtsInstanceID: instanceId, Status: "NotConfigured" });
  });

  it("gives a reset reverse job a new ID and leaves the forward ID alone", async () => {
    const f = SEED_FIXTURES.twoWayRunning;
    await reset({ DtsJobId: f.jobId, SynchronizationDirection: "Reverse" });
    const listed = jobList(await harness.client.call("DescribeDtsJobs", { Region: f.region, JobType: "SYNC", DtsInstanceId: f.instanceId }))[0];
    expect(listed?.DtsJobId).toBe(f.jobId);
    expect(listed?.ReverseJob?.DtsJobId).not.toBe(f.reverseJobId);
    expect(listed?.ReverseJob?.Status).toBe("NotConfigured");
  });

  it("is restored by a control reset: the seed IDs come back", async () => {
    await reset({ DtsJobId: SEED_FIXTURES.oneWayRunning.jobId });
    harness.sim.control.reset();
    expect((await detail({ DtsJobId: SEED_FIXTURES.oneWayRunning.jobId })).body.Status).toBe("synchronizing");
  });
});

describe("refusals", () => {
  it.each([
    ["NotConfigured", SEED_FIXTURES.notConfigured.jobId],
    ["Prechecking", SEED_FIXTURES.prechecking.jobId],
    ["Locked", SEED_FIXTURES.locked.jobId],
    ["Starting", SEED_FIXTURES.subscribeStarting.jobId],
  ])("refuses a %s task with 403 OperationDenied.JobStatus and leaves it alone", async (status, jobId) => {
    const before = harness.sim.control.job(jobId);
    const error = await rejection(reset({ DtsJobId: jobId }));
    expect(error).toMatchObject({ name: "ClientError", statusCode: 403, code: "OperationDenied.JobStatus" });
    expect(error.data).toMatchObject({ Message: `The operation is not permitted due to Dts job status is ${status}.`, HostId: "127.0.0.1" });
    expect(harness.sim.control.job(jobId)).toEqual(before);
  });

  it("refuses a reverse job in a refused status (status set through the control API)", async () => {
    const f = SEED_FIXTURES.twoWayRunning;
    harness.sim.control.setJobStatus(f.jobId, { status: "Prechecking", direction: "Reverse" });
    const error = await rejection(reset({ DtsJobId: f.jobId, SynchronizationDirection: "Reverse" }));
    expect(error).toMatchObject({ statusCode: 403, code: "OperationDenied.JobStatus" });
    await expect(reset({ DtsJobId: f.jobId })).resolves.toMatchObject({ statusCode: 200 });
  });

  it("refuses Reverse on a one-way task (InvalidParameter naming SynchronizationDirection)", async () => {
    const error = await rejection(reset({ DtsJobId: SEED_FIXTURES.oneWayRunning.jobId, SynchronizationDirection: "Reverse" }));
    expect(error).toMatchObject({ statusCode: 400, code: "InvalidParameter" });
    expect(error.message).toContain("The Value of Input Parameter SynchronizationDirection is not valid.");
  });

  it("refuses a migration task", async () => {
    const error = await rejection(reset({ DtsJobId: SEED_FIXTURES.migrationRunning.jobId }));
    expect(error).toMatchObject({ statusCode: 403, code: "OperationDenied.JobType" });
  });

  it.each([
    ["a missing DtsJobId", {}, 400, "MissingParameter", "DtsJobId"],
    ["an unknown DtsJobId", { DtsJobId: "nosuchjob000000" }, 404, "Forbidden.InstanceNotFound", "The specified Instance is not found."],
    ["an invalid SynchronizationDirection", { DtsJobId: SEED_FIXTURES.oneWayRunning.jobId, SynchronizationDirection: "forward" }, 400, "InvalidParameter", "SynchronizationDirection"],
    ["a DtsInstanceId of another task", { DtsJobId: SEED_FIXTURES.oneWayRunning.jobId, DtsInstanceId: SEED_FIXTURES.locked.instanceId }, 400, "InvalidParameter", "DtsInstanceId"],
    ["a RegionId that does not match", { DtsJobId: SEED_FIXTURES.oneWayRunning.jobId, RegionId: "cn-shanghai" }, 404, "Forbidden.InstanceNotFound", "not found"],
  ])("refuses %s", async (_what, query, status, code, text) => {
    const error = await rejection(reset(query as Record<string, string>));
    expect(error).toMatchObject({ statusCode: status, code });
    expect(error.message).toContain(text);
    expect(harness.sim.control.job(SEED_FIXTURES.oneWayRunning.jobId)?.instance.forward.status).toBe("Synchronizing");
  });
});

describe("business-error styles", () => {
  it("gateway (default): the POP body with Code, Message, HostId, Recommend", async () => {
    const error = await rejection(reset({ DtsJobId: SEED_FIXTURES.locked.jobId }));
    const data = error.data as Record<string, string>;
    expect(Object.keys(data).sort()).toEqual(["Code", "HostId", "Message", "Recommend", "RequestId"]);
    expect(data.Recommend).toBe(`https://api.aliyun.com/troubleshoot?q=OperationDenied.JobStatus&product=Dts&requestId=${data.RequestId}`);
    expect(error.requestId).toBe(data.RequestId);
    expect(error.message).toBe(`OperationDenied.JobStatus: code: 403, The operation is not permitted due to Dts job status is Locked. request id: ${data.RequestId}`);
  });

  it("dts: HTTP 4xx with ErrCode/ErrMessage/DynamicMessage (SDK code is the string 'undefined')", async () => {
    harness.sim.control.updateConfig({ businessErrorStyle: "dts" });
    const error = await rejection(reset({ DtsJobId: SEED_FIXTURES.locked.jobId }));
    expect(error).toMatchObject({ name: "ClientError", statusCode: 403, code: "undefined" });
    expect(error.data).toEqual({
      RequestId: expect.any(String),
      Success: false,
      ErrCode: "OperationDenied.JobStatus",
      ErrMessage: "The operation is not permitted due to Dts job status is %s.",
      DynamicMessage: "Locked",
      DynamicCode: "403",
      HttpStatusCode: 403,
    });
  });

  it("dts200: the same DTS body at HTTP 200, which the SDK returns as a success", async () => {
    harness.sim.control.updateConfig({ businessErrorStyle: "dts200" });
    const r = await reset({ DtsJobId: SEED_FIXTURES.oneWayRunning.jobId, SynchronizationDirection: "Reverse" });
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatchObject({ Success: false, ErrCode: "InvalidParameter", ErrMessage: "The Value of Input Parameter %s is not valid.", DynamicMessage: "SynchronizationDirection", HttpStatusCode: 400 });
    const missing = await harness.client.call("DescribeDtsJobs", { JobType: "SYNC" });
    expect(missing.body).toMatchObject({ Success: false, ErrCode: "MissingParameter", DynamicMessage: "Region" });
  });
});
