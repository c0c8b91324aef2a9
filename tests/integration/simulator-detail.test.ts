// DescribeDtsJobDetail through the official client: both directions, the lower-case status quirk,
// parameter errors and unknown tasks.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator";
import { rejection, simulatorPerSuite } from "./simulator-helpers";

const harness = simulatorPerSuite();

const detail = (query: Record<string, string>) => harness.client.call("DescribeDtsJobDetail", query);
const officialSample = JSON.parse(
  readFileSync(new URL("../fixtures/dts-samples/describe-dts-job-detail.success.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

describe("forward (default) direction", () => {
  it("answers with the fields of the official sample, same names and types", async () => {
    const r = await detail({ DtsJobId: SEED_FIXTURES.oneWayRunning.jobId });
    expect(r.statusCode).toBe(200);
    for (const [key, sampleValue] of Object.entries(officialSample)) {
      expect(r.body, key).toHaveProperty(key);
      expect(typeof r.body[key], key).toBe(typeof sampleValue);
    }
    for (const endpoint of ["SourceEndpoint", "DestinationEndpoint"] as const) {
      const sampleKeys = Object.keys(officialSample[endpoint] as object).filter((k) => k !== "DatabaseName");
      expect(Object.keys(r.body[endpoint] as object), endpoint).toEqual(expect.arrayContaining(sampleKeys));
    }
    expect(r.body).toMatchObject({
      DtsJobId: SEED_FIXTURES.oneWayRunning.jobId,
      DtsInstanceID: SEED_FIXTURES.oneWayRunning.instanceId,
      JobType: "SYNC",
      Success: true,
      HttpStatusCode: 200,
    });
    expect(r.body).not.toHaveProperty("DtsJobDirection");
    expect(r.body).not.toHaveProperty("SynchronizationDirection");
    expect(r.body).not.toHaveProperty("ReverseJob");
  });

  it("reports Synchronizing as lower-case `synchronizing` by default (the documented quirk)", async () => {
    const r = await detail({ DtsJobId: SEED_FIXTURES.oneWayRunning.jobId });
    expect(r.body.Status).toBe("synchronizing");
    const other = await detail({ DtsJobId: SEED_FIXTURES.locked.jobId });
    expect(other.body.Status).toBe("Locked");
  });

  it("reports `Synchronizing` when the quirk is switched off", async () => {
    harness.sim.control.updateConfig({ lowercaseDetailStatus: false });
    const r = await detail({ DtsJobId: SEED_FIXTURES.oneWayRunning.jobId });
    expect(r.body.Status).toBe("Synchronizing");
  });

  it("accepts the matching DtsInstanceID (or DtsInstanceId) and RegionId", async () => {
    const { jobId, instanceId, region } = SEED_FIXTURES.oneWayRunning;
    await expect(detail({ DtsJobId: jobId, DtsInstanceID: instanceId, RegionId: region })).resolves.toMatchObject({ statusCode: 200 });
    await expect(detail({ DtsJobId: jobId, DtsInstanceId: instanceId })).resolves.toMatchObject({ statusCode: 200 });
  });

  it("gives a change tracking task its subscription fields", async () => {
    const r = await detail({ DtsJobId: SEED_FIXTURES.subscribeNormal.jobId });
    expect(r.body).toMatchObject({ JobType: "SUBSCRIBE", Status: "Normal", SubscriptionDataType: { Ddl: true, Dml: true } });
    expect(r.body.SubscriptionHost).toMatchObject({ VpcHost: expect.stringContaining("cn-hangzhou") });
  });
});

describe("two-way tasks", () => {
  const fixture = SEED_FIXTURES.twoWayRunning;

  it("describes the forward job with DtsJobDirection and SynchronizationDirection", async () => {
    const r = await detail({ DtsJobId: fixture.jobId, SynchronizationDirection: "Forward" });
    expect(r.body).toMatchObject({ DtsJobId: fixture.jobId, DtsInstanceID: fixture.instanceId, DtsJobDirection: "Forward", SynchronizationDirection: "Forward", Status: "synchronizing" });
  });

  it("describes the reverse job with SynchronizationDirection=Reverse, endpoints swapped", async () => {
    const forward = await detail({ DtsJobId: fixture.jobId });
    const reverse = await detail({ DtsJobId: fixture.jobId, SynchronizationDirection: "Reverse" });
    expect(reverse.body).toMatchObject({ DtsJobId: fixture.reverseJobId, DtsInstanceID: fixture.instanceId, DtsJobDirection: "Reverse", SynchronizationDirection: "Reverse" });
    expect((reverse.body.DestinationEndpoint as { InstanceID: string }).InstanceID).toBe((forward.body.SourceEndpoint as { InstanceID: string }).InstanceID);
  });

  it("describes the reverse job when asked by its own ID", async () => {
    const r = await detail({ DtsJobId: fixture.reverseJobId ?? "" });
    expect(r.body).toMatchObject({ DtsJobId: fixture.reverseJobId, DtsJobDirection: "Reverse" });
  });

  it("shows a failed reverse job's error while the forward job runs", async () => {
    const f = SEED_FIXTURES.twoWayReverseFailed;
    const reverse = await detail({ DtsJobId: f.jobId, SynchronizationDirection: "Reverse" });
    expect(reverse.body.Status).toBe("Failed");
    expect(reverse.body.ErrorMessage).toMatch(/^DTS-\d+: .*Duplicate entry/);
    expect((await detail({ DtsJobId: f.jobId })).body.Status).toBe("synchronizing");
  });
});

describe("errors", () => {
  it("requires DtsJobId", async () => {
    const error = await rejection(detail({}));
    expect(error).toMatchObject({ name: "ClientError", statusCode: 400, code: "MissingParameter" });
    expect(error.message).toContain('"DtsJobId"');
  });

  it("answers 404 Forbidden.InstanceNotFound for an unknown job, a wrong instance or a wrong region", async () => {
    const { jobId, region } = SEED_FIXTURES.oneWayRunning;
    const queries: Array<Record<string, string>> = [
      { DtsJobId: "nosuchjob000000" },
      { DtsJobId: jobId, DtsInstanceID: SEED_FIXTURES.locked.instanceId },
      { DtsJobId: jobId, RegionId: region === "cn-hangzhou" ? "cn-shanghai" : "cn-hangzhou" },
    ];
    for (const query of queries) {
      const error = await rejection(detail(query));
      expect(error).toMatchObject({ statusCode: 404, code: "Forbidden.InstanceNotFound" });
      expect(error.message).toContain("The specified Instance is not found.");
      expect((error.data as Record<string, unknown>).HostId).toBe("127.0.0.1");
    }
  });

  it("refuses Reverse on a one-way task, naming SynchronizationDirection (DTS body style)", async () => {
    harness.sim.control.updateConfig({ businessErrorStyle: "dts" });
    const error = await rejection(detail({ DtsJobId: SEED_FIXTURES.oneWayRunning.jobId, SynchronizationDirection: "Reverse" }));
    // With a DTS-style body the SDK's code is the string "undefined"; the fields are in data.
    expect(error).toMatchObject({ name: "ClientError", statusCode: 400, code: "undefined" });
    expect(error.data).toMatchObject({
      Success: false,
      ErrCode: "InvalidParameter",
      ErrMessage: "The Value of Input Parameter %s is not valid.",
      DynamicMessage: "SynchronizationDirection",
      HttpStatusCode: 400,
    });
  });

  it("refuses an invalid SynchronizationDirection value", async () => {
    const error = await rejection(detail({ DtsJobId: SEED_FIXTURES.twoWayRunning.jobId, SynchronizationDirection: "Backward" }));
    expect(error).toMatchObject({ statusCode: 400, code: "InvalidParameter" });
    expect(error.message).toContain("SynchronizationDirection");
  });
});
