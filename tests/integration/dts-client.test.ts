// The real signed client (official SDK underneath) against the real simulator over HTTP.
import { describe, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import { DtsError } from "@/lib/dts/errors";
import { SIM_KEY, STS_KEY, failureOf, harnessPerSuite, startHarness } from "./dts-harness";

const { oneWayRunning, twoWayRunning, nonAsciiName, prechecking, subscribeNormal } = SEED_FIXTURES;
const HZ = "cn-hangzhou";

const h = harnessPerSuite({}, (started) => {
  started.sleeps.length = 0;
});

const failure = (promise: Promise<unknown>) => failureOf(promise, DtsError);

describe("reads", () => {
  it("lists synchronization tasks, normalised, with two-way topology", async () => {
    const page = await h.client().listJobs({ region: HZ, type: "SYNC", page: 1, pageSize: 30 });
    expect(page.total).toBeGreaterThan(5);
    const tasks = page.items.map((i) => i.task);
    expect(tasks.every((t) => t.type === "SYNC" && t.region === HZ)).toBe(true);
    const twoWay = tasks.find((t) => t.jobId === twoWayRunning.jobId);
    expect(twoWay).toMatchObject({ twoWay: true, reverse: { jobId: twoWayRunning.reverseJobId, status: "Synchronizing" } });
    const calls = await h.calls("DescribeDtsJobs");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ scheme: "V3", verdict: "ok", accessKeyId: SIM_KEY.accessKeyId });
    expect(calls[0]?.params).toMatchObject({ Region: HZ, JobType: "SYNC", PageNumber: "1", PageSize: "30" });
  });

  it("searches by non-ASCII name, task ID and instance ID", async () => {
    const client = h.client();
    const byName = await client.listJobs({ region: HZ, type: "SYNC", page: 1, pageSize: 10, search: { by: "name", value: "双向同步" } });
    expect(byName.items.map((i) => i.task.jobId)).toContain(nonAsciiName.jobId);
    const byId = await client.listJobs({ region: HZ, type: "SYNC", page: 1, pageSize: 10, search: { by: "jobId", value: oneWayRunning.jobId } });
    expect(byId.items.map((i) => i.task.jobId)).toEqual([oneWayRunning.jobId]);
    const byInstance = await client.listJobs({ region: HZ, type: "SUBSCRIBE", page: 1, pageSize: 10, search: { by: "instanceId", value: subscribeNormal.instanceId } });
    expect(byInstance.items.map((i) => i.task.jobId)).toEqual([subscribeNormal.jobId]);
  });

  it("reads the detail of both directions and normalises the lower-case status quirk", async () => {
    const client = h.client();
    const forward = await client.getJobDetail({ region: HZ, jobId: twoWayRunning.jobId, direction: "Forward" });
    const reverse = await client.getJobDetail({ region: HZ, jobId: twoWayRunning.jobId, direction: "Reverse" });
    expect(forward).toMatchObject({ jobId: twoWayRunning.jobId, status: "Synchronizing", direction: "Forward" });
    expect(reverse).toMatchObject({ jobId: twoWayRunning.reverseJobId, status: "Synchronizing", direction: "Reverse" });
    expect(forward.raw.Status).toBe("synchronizing"); // what DTS actually sent
    expect(forward.source?.engine).toBe("MySQL");
  });

  it("signs with V1 (HMAC-SHA1) when configured", async () => {
    await h.client({ signatureVersion: "v1" }).listJobs({ region: HZ, type: "SYNC", page: 1, pageSize: 10 });
    expect((await h.calls("DescribeDtsJobs"))[0]).toMatchObject({ scheme: "V1", verdict: "ok" });
  });

  it.each(["v3", "v1"] as const)("signs with an STS token (%s)", async (signatureVersion) => {
    await h.client({ signatureVersion, credentials: STS_KEY }).listJobs({ region: HZ, type: "SYNC", page: 1, pageSize: 10 });
    expect((await h.calls("DescribeDtsJobs"))[0]).toMatchObject({ verdict: "ok", accessKeyId: STS_KEY.accessKeyId });
  });
});

describe("reset", () => {
  it("sends exactly one signed ResetDtsJob with the documented parameters", async () => {
    const answer = await h.client().resetJob({ region: HZ, jobId: oneWayRunning.jobId, instanceId: oneWayRunning.instanceId, direction: "Forward" });
    expect(answer).toMatchObject({ httpStatus: 200, attempts: 1 });
    expect(answer.requestId).toMatch(/^[0-9A-F-]{36}$/);
    const calls = await h.calls("ResetDtsJob");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.params).toEqual({
      DtsJobId: oneWayRunning.jobId,
      DtsInstanceId: oneWayRunning.instanceId,
      SynchronizationDirection: "Forward",
      RegionId: HZ,
    });
    const detail = await h.client().getJobDetail({ region: HZ, jobId: oneWayRunning.jobId, direction: "Forward" });
    expect(detail.status).toBe("NotConfigured");
  });

  it("resets the reverse half of a two-way task only", async () => {
    const client = h.client();
    await client.resetJob({ region: HZ, jobId: twoWayRunning.jobId, instanceId: twoWayRunning.instanceId, direction: "Reverse" });
    const page = await client.listJobs({ region: HZ, type: "SYNC", page: 1, pageSize: 10, search: { by: "jobId", value: twoWayRunning.jobId } });
    expect(page.items[0]?.task).toMatchObject({ status: "Synchronizing", reverse: { status: "NotConfigured" } });
  });

  it("is refused by DTS for Reverse on a one-way task and for a task in Prechecking", async () => {
    const client = h.client();
    const reverse = await failure(client.resetJob({ region: HZ, jobId: oneWayRunning.jobId, instanceId: oneWayRunning.instanceId, direction: "Reverse" }));
    expect(reverse.kind).toBe("invalid");
    const busy = await failure(client.resetJob({ region: HZ, jobId: prechecking.jobId, instanceId: prechecking.instanceId, direction: "Forward" }));
    expect(busy.details).toMatchObject({ kind: "conflict", attempts: 1 });
    expect(busy.details.requestId).toBeTruthy();
  });
});

describe("failures", () => {
  const list = () => h.client().listJobs({ region: HZ, type: "SYNC", page: 1, pageSize: 10 });
  const reset = () => h.client().resetJob({ region: HZ, jobId: oneWayRunning.jobId, instanceId: oneWayRunning.instanceId, direction: "Forward" });

  it("does not retry a throttled read: the quota is the account's, and retrying spends more of it", async () => {
    await h.fault({ action: "DescribeDtsJobs", kind: "throttle", times: 2 });
    const e = await failure(list());
    expect(e.details).toMatchObject({ kind: "throttled", code: "Throttling.User", attempts: 1 });
    expect(await h.calls("DescribeDtsJobs")).toHaveLength(1);
    expect(h.sleeps).toHaveLength(0);
  });

  it("gives up a read after three attempts and says why", async () => {
    await h.fault({ action: "DescribeDtsJobs", kind: "unavailable", times: 5 });
    const e = await failure(list());
    expect(e.details).toMatchObject({ kind: "server", code: "ServiceUnavailable", httpStatus: 503, attempts: 3 });
    expect(await h.calls("DescribeDtsJobs")).toHaveLength(3);
  });

  it("retries a throttled reset (DTS did not execute it)", async () => {
    await h.fault({ action: "ResetDtsJob", kind: "throttle", times: 1 });
    const answer = await reset();
    expect(answer.attempts).toBe(2);
    expect(await h.calls("ResetDtsJob")).toHaveLength(2);
  });

  it("does not retry a reset that failed with a server error, and calls its outcome unknown", async () => {
    // A 5xx does not prove DTS refused the reset before running it.
    await h.fault({ action: "ResetDtsJob", kind: "internal", times: 3 });
    const e = await failure(reset());
    expect(e.details).toMatchObject({ kind: "unknown_outcome", underlyingKind: "server", code: "InternalError", httpStatus: 500, retrySafe: false, attempts: 1 });
    expect(e.message).toMatch(/may or may not have carried out/);
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
  });

  it("calls a reset answered with 503 an unknown outcome too, but a 4xx refusal a failure", async () => {
    await h.fault({ action: "ResetDtsJob", kind: "unavailable", times: 1 });
    expect((await failure(reset())).details).toMatchObject({ kind: "unknown_outcome", underlyingKind: "server", httpStatus: 503 });
    await h.fault({ action: "ResetDtsJob", kind: "dts-failure", times: 1, errCode: "InvalidParameter", errMessage: "bad" });
    expect((await failure(reset())).details).toMatchObject({ kind: "invalid", retrySafe: true });
  });

  it("reports HTTP 200 with Success:false as a failure, with DynamicMessage substituted", async () => {
    await h.fault({ action: "ResetDtsJob", kind: "dts-failure", times: 1, errCode: "InvalidParameter", errMessage: "The Value of Input Parameter %s is not valid.", dynamicMessage: "DtsJobId" });
    const e = await failure(reset());
    expect(e.details).toMatchObject({ kind: "invalid", code: "InvalidParameter", httpStatus: 200, attempts: 1 });
    expect(e.message).toBe("The Value of Input Parameter DtsJobId is not valid.");
    expect(e.details.requestId).toBeTruthy();
  });

  it.each(["html-502", "malformed-json"])("reads retry a %s answer, then call it malformed", async (kind) => {
    await h.fault({ action: "DescribeDtsJobs", kind, times: 5 });
    const e = await failure(list());
    expect(e.details).toMatchObject({ kind: "malformed_response", attempts: 3 });
  });

  it.each(["html-502", "malformed-json", "reset-connection"])("a reset answered by %s has an unknown outcome and is never re-sent", async (kind) => {
    await h.fault({ action: "ResetDtsJob", kind, times: 3 });
    const e = await failure(reset());
    expect(e.details).toMatchObject({ kind: "unknown_outcome", retrySafe: false, attempts: 1 });
    expect(e.message).toMatch(/check the task before trying again/);
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
  });

  it("a reset that times out has an unknown outcome and is never re-sent", async () => {
    await h.fault({ action: "ResetDtsJob", kind: "hang", times: 1, holdMs: 5_000 });
    const e = await failure(h.client({ readTimeoutMs: 500, connectTimeoutMs: 500 }).resetJob({ region: HZ, jobId: oneWayRunning.jobId, instanceId: oneWayRunning.instanceId, direction: "Forward" }));
    expect(e.details).toMatchObject({ kind: "unknown_outcome", underlyingKind: "timeout", attempts: 1 });
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
  });

  it("a read that times out is retried", async () => {
    await h.fault({ action: "DescribeDtsJobs", kind: "hang", times: 2, holdMs: 5_000 });
    const page = await h.client({ readTimeoutMs: 400, connectTimeoutMs: 400 }).listJobs({ region: HZ, type: "SYNC", page: 1, pageSize: 10 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(await h.calls("DescribeDtsJobs")).toHaveLength(3);
  });

  it("a refused connection is retried, since nothing was sent", async () => {
    const closed = await startHarness();
    const client = closed.client();
    await closed.close();
    const e = await failure(client.resetJob({ region: HZ, jobId: oneWayRunning.jobId, instanceId: oneWayRunning.instanceId, direction: "Forward" }));
    expect(e.details).toMatchObject({ kind: "network", code: "ECONNREFUSED", retrySafe: true, attempts: 3 });
  });

  it("a wrong secret is an auth error whose message carries no signing material", async () => {
    const e = await failure(h.client({ credentials: { ...SIM_KEY, accessKeySecret: "wrong-secret-value-000000" } }).listJobs({ region: HZ, type: "SYNC", page: 1, pageSize: 10 }));
    expect(e.details).toMatchObject({ kind: "auth", code: "SignatureDoesNotMatch", attempts: 1 });
    expect(e.message).not.toMatch(/string to sign/i);
  });

  it("an unknown AccessKeyId is an auth error", async () => {
    const e = await failure(h.client({ credentials: { accessKeyId: "nobody", accessKeySecret: "x".repeat(30) } }).listJobs({ region: HZ, type: "SYNC", page: 1, pageSize: 10 }));
    expect(e.details).toMatchObject({ kind: "auth", code: "InvalidAccessKeyId.NotFound", httpStatus: 404 });
  });

  it("no error ever contains the secret, the security token or a signature", async () => {
    await h.fault({ action: "*", kind: "reset-connection", times: 10 });
    const errors = [
      await failure(h.client({ signatureVersion: "v1", credentials: STS_KEY }).listJobs({ region: HZ, type: "SYNC", page: 1, pageSize: 10 })),
      await failure(h.client({ signatureVersion: "v1", credentials: { ...STS_KEY, accessKeySecret: "bad-secret-0000000000000000" } }).resetJob({ region: HZ, jobId: oneWayRunning.jobId, instanceId: oneWayRunning.instanceId, direction: "Forward" })),
    ];
    await h.control("faults", { method: "DELETE" });
    errors.push(await failure(h.client({ signatureVersion: "v1", credentials: { ...STS_KEY, accessKeySecret: "bad-secret-0000000000000000" } }).listJobs({ region: HZ, type: "SYNC", page: 1, pageSize: 10 })));
    for (const e of errors) {
      const text = `${e.message} ${JSON.stringify(e)} ${e.stack ?? ""}`;
      expect(text).not.toContain(STS_KEY.accessKeySecret);
      expect(text).not.toContain(STS_KEY.securityToken);
      expect(text).not.toMatch(/Signature=/);
    }
  });
});

describe("clock and error-body variants", () => {
  it("a client clock 20 minutes off gets InvalidTimeStamp.Expired", async () => {
    const skewed = await startHarness({ now: () => Date.now() + 20 * 60_000 });
    try {
      const e = await failure(skewed.client().listJobs({ region: HZ, type: "SYNC", page: 1, pageSize: 10 }));
      expect(e.details).toMatchObject({ kind: "auth", code: "InvalidTimeStamp.Expired", httpStatus: 400 });
    } finally {
      await skewed.close();
    }
  });

  it.each([
    ["gateway", 403],
    ["dts", 403],
    ["dts200", 200],
  ] as const)("reads a business refusal in the %s style", async (businessErrorStyle, httpStatus) => {
    await h.control("config", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ businessErrorStyle }) });
    try {
      const e = await failure(h.client().resetJob({ region: HZ, jobId: prechecking.jobId, instanceId: prechecking.instanceId, direction: "Forward" }));
      expect(e.details).toMatchObject({ kind: "conflict", httpStatus });
      expect(e.details.code).toBeTruthy();
      expect(e.details.code).not.toBe("undefined");
      expect(e.message).toMatch(/Prechecking/);
    } finally {
      await h.control("config", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ businessErrorStyle: "gateway" }) });
    }
  });
});
