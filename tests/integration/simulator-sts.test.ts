// STS AssumeRole on the simulator, through the OFFICIAL STS client (@alicloud/sts20150401), and DTS
// calls signed with the temporary keys it hands out (token in x-acs-security-token / SecurityToken).
// Expiry is driven through the control API: no test waits for the clock.

import { $OpenApiUtil } from "@alicloud/openapi-core";
import StsModule, { AssumeRoleRequest, type AssumeRoleResponse } from "@alicloud/sts20150401";
import * as $dara from "@darabonba/typescript";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SIMULATOR_ACCESS_KEY_ID,
  DEFAULT_SIMULATOR_ACCESS_KEY_SECRET,
  DEMO_FLEET,
  demoFleetOptions,
  SEED_FIXTURES,
  type RunningSimulator,
} from "@/simulator";
import { controlFetch, jobList, rejection, sdkClient, simulatorPerSuite, type SdkOptions } from "./simulator-helpers";

// Under Node's native ESM loader a CommonJS default export arrives wrapped once more.
const Sts: typeof StsModule = (StsModule as unknown as { default?: typeof StsModule }).default ?? StsModule;

const PROD = DEMO_FLEET.prod;
const MAIN = DEMO_FLEET.main;
const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

function stsClient(sim: RunningSimulator, key: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string; signature?: "v1" } = {}): StsModule {
  const config = new $OpenApiUtil.Config({
    endpoint: sim.endpoint,
    protocol: "http",
    accessKeyId: key.accessKeyId ?? DEFAULT_SIMULATOR_ACCESS_KEY_ID,
    accessKeySecret: key.accessKeySecret ?? DEFAULT_SIMULATOR_ACCESS_KEY_SECRET,
    securityToken: key.securityToken,
    regionId: "cn-hangzhou",
  });
  if (key.signature === "v1") config.signatureAlgorithm = "v2";
  return new Sts(config);
}

type AssumeRoleInput = ConstructorParameters<typeof AssumeRoleRequest>[0];

function assume(sim: RunningSimulator, request: AssumeRoleInput, client = stsClient(sim)): Promise<AssumeRoleResponse> {
  return client.assumeRoleWithOptions(new AssumeRoleRequest(request), new $dara.RuntimeOptions({ autoretry: false }));
}

const prodRequest = { roleArn: PROD.roleArn, roleSessionName: "console-it", externalId: PROD.externalId };

/** A temporary key for prod, as SdkOptions for the DTS client. */
async function prodKey(sim: RunningSimulator, request: AssumeRoleInput = prodRequest): Promise<Required<Pick<SdkOptions, "accessKeyId" | "accessKeySecret" | "securityToken">>> {
  const credentials = (await assume(sim, request)).body?.credentials;
  return { accessKeyId: credentials?.accessKeyId ?? "", accessKeySecret: credentials?.accessKeySecret ?? "", securityToken: credentials?.securityToken ?? "" };
}

const listQuery = { Region: "cn-hangzhou", JobType: "SYNC", PageSize: "100" };

const harness = simulatorPerSuite({ options: demoFleetOptions() });

describe("AssumeRole through the official STS client", () => {
  it("answers AssumedRoleUser and Credentials as STS does, and logs the call", async () => {
    const before = Date.now();
    const response = await assume(harness.sim, prodRequest);
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(body?.assumedRoleUser).toMatchObject({
      arn: `acs:ram::${PROD.uid}:assumed-role/dts-console-operator/console-it`,
      assumedRoleId: expect.stringMatching(/^\d+:console-it$/),
    });
    const credentials = body?.credentials;
    expect(credentials?.accessKeyId).toMatch(/^STS\.[A-Za-z0-9]+$/);
    expect(credentials?.accessKeySecret?.length).toBeGreaterThanOrEqual(30);
    expect(credentials?.securityToken?.length).toBeGreaterThanOrEqual(100);
    expect(credentials?.expiration).toMatch(ISO_SECONDS);
    // Default DurationSeconds: 3600.
    const expiresIn = Date.parse(credentials?.expiration ?? "") - before;
    expect(expiresIn).toBeGreaterThan(3_590_000);
    expect(expiresIn).toBeLessThanOrEqual(3_601_000);

    expect(harness.sim.control.calls()).toEqual([
      expect.objectContaining({
        action: "AssumeRole",
        scheme: "V3",
        accessKeyId: DEFAULT_SIMULATOR_ACCESS_KEY_ID,
        account: MAIN.account,
        securityToken: false,
        verdict: "ok",
        code: null,
        httpStatus: 200,
        params: expect.objectContaining({ RoleArn: PROD.roleArn, RoleSessionName: "console-it" }),
      }),
    ]);
    expect(harness.sim.control.stsCredentials()).toEqual([
      expect.objectContaining({ accessKeyId: credentials?.accessKeyId, account: PROD.account, roleArn: PROD.roleArn, roleSessionName: "console-it", expired: false }),
    ]);
    expect(JSON.stringify(harness.sim.control.stsCredentials())).not.toContain(credentials?.securityToken ?? "?");
  });

  it("accepts V1 (HMAC-SHA1) signing and a caller that is itself an STS session", async () => {
    const v1 = await assume(harness.sim, prodRequest, stsClient(harness.sim, { signature: "v1" }));
    expect(v1.body?.credentials?.accessKeyId).toMatch(/^STS\./);
    // Role chaining: a main session assumes the prod role.
    const main = (await assume(harness.sim, { roleArn: MAIN.roleArn, roleSessionName: "ops" })).body?.credentials;
    const chained = await assume(harness.sim, prodRequest, stsClient(harness.sim, { accessKeyId: main?.accessKeyId, accessKeySecret: main?.accessKeySecret, securityToken: main?.securityToken }));
    expect(chained.body?.assumedRoleUser?.arn).toContain(`${PROD.uid}:assumed-role/`);
    expect(harness.sim.control.calls().map((c) => [c.scheme, c.account, c.securityToken, c.code])).toEqual([
      ["V1", MAIN.account, false, null],
      ["V3", MAIN.account, false, null],
      ["V3", MAIN.account, true, null],
    ]);
  });

  it("honours DurationSeconds within 900 and the role's maximum", async () => {
    const before = Date.now();
    const short = await assume(harness.sim, { ...prodRequest, durationSeconds: 900 });
    expect(Date.parse(short.body?.credentials?.expiration ?? "") - before).toBeLessThanOrEqual(901_000);
    const long = await assume(harness.sim, { ...prodRequest, durationSeconds: 43_200 });
    expect(Date.parse(long.body?.credentials?.expiration ?? "") - before).toBeGreaterThan(43_190_000);
    for (const durationSeconds of [899, 43_201]) {
      const error = await rejection(assume(harness.sim, { ...prodRequest, durationSeconds }));
      expect(error).toMatchObject({ statusCode: 400, code: "InvalidParameter.DurationSeconds" });
    }
    // main's role keeps RAM's default maximum of one hour.
    const error = await rejection(assume(harness.sim, { roleArn: MAIN.roleArn, roleSessionName: "ops", durationSeconds: 7_200 }));
    expect(error).toMatchObject({ statusCode: 400, code: "InvalidParameter.DurationSeconds" });
    expect(error.message).toContain("15min/1hr");
  });

  it("refuses a missing or wrong ExternalId with 403 NoPermission", async () => {
    for (const externalId of [undefined, "someone-else"]) {
      const error = await rejection(assume(harness.sim, { ...prodRequest, externalId }));
      expect(error).toMatchObject({ name: "ClientError", statusCode: 403, code: "NoPermission" });
      const data = error.data as Record<string, string>;
      expect(Object.keys(data).sort()).toEqual(["Code", "HostId", "Message", "Recommend", "RequestId"]);
      expect(data.Recommend).toContain("product=Sts");
    }
    expect(harness.sim.control.stsCredentials()).toEqual([]);
  });

  it("refuses an unknown role with 404 EntityNotExist.Role and a malformed ARN with InvalidParameter.RoleArn", async () => {
    const missing = await rejection(assume(harness.sim, { ...prodRequest, roleArn: DEMO_FLEET.missingRoleArn }));
    expect(missing).toMatchObject({ statusCode: 404, code: "EntityNotExist.Role" });
    expect(missing.message).toContain(DEMO_FLEET.missingRoleArn);
    const malformed = await rejection(assume(harness.sim, { ...prodRequest, roleArn: "arn:aws:iam::123:role/x" }));
    expect(malformed).toMatchObject({ statusCode: 400, code: "InvalidParameter.RoleArn" });
  });

  it("refuses a badly formed RoleSessionName with InvalidParameter.RoleSessionName", async () => {
    for (const roleSessionName of ["a", "has space", "x".repeat(65), "忍者"]) {
      const error = await rejection(assume(harness.sim, { ...prodRequest, roleSessionName }));
      expect(error).toMatchObject({ statusCode: 400, code: "InvalidParameter.RoleSessionName" });
    }
    await expect(assume(harness.sim, { ...prodRequest, roleSessionName: "ops.alice@example.com_1-2" })).resolves.toMatchObject({ statusCode: 200 });
  });

  it("answers a missing RoleArn with 400 MissingParameter, as the simulator answers missing parameters", async () => {
    const raw = sdkClient(harness.sim);
    const error = await rejection(raw.call("AssumeRole", { RoleSessionName: "console-it" }, { version: "2015-04-01" }));
    expect(error).toMatchObject({ statusCode: 400, code: "MissingParameter" });
    expect(error.message).toContain("RoleArn");
  });

  it("is told apart by its version: AssumeRole on DTS's version is an unknown DTS action", async () => {
    const error = await rejection(sdkClient(harness.sim).call("AssumeRole", { RoleArn: PROD.roleArn, RoleSessionName: "x1" }));
    expect(error).toMatchObject({ statusCode: 404, code: "InvalidAction.NotFound" });
    const wrongVersion = await rejection(sdkClient(harness.sim).call("DescribeDtsJobs", listQuery, { version: "2015-04-01" }));
    expect(wrongVersion).toMatchObject({ statusCode: 400, code: "InvalidVersion" });
  });
});

describe("DTS calls with the temporary keys", () => {
  it("see the role's account's tasks only, with V3 and V1 signing", async () => {
    const key = await prodKey(harness.sim);
    for (const signature of ["v3", "v1"] as const) {
      const ids = jobList(await sdkClient(harness.sim, { ...key, signature }).call("DescribeDtsJobs", listQuery)).map((j) => j.DtsJobId);
      expect(ids).toContain(PROD.fixtures.oneWayRunning.jobId);
      expect(ids).not.toContain(SEED_FIXTURES.oneWayRunning.jobId);
    }
    // A main job ID names no task in prod.
    const error = await rejection(sdkClient(harness.sim, key).call("DescribeDtsJobDetail", { DtsJobId: SEED_FIXTURES.oneWayRunning.jobId, RegionId: "cn-hangzhou" }));
    expect(error).toMatchObject({ code: "Forbidden.InstanceNotFound" });
    expect(harness.sim.control.calls({ account: PROD.account }).map((c) => [c.action, c.scheme, c.securityToken, c.verdict])).toEqual([
      ["DescribeDtsJobs", "V3", true, "ok"],
      ["DescribeDtsJobs", "V1", true, "ok"],
      ["DescribeDtsJobDetail", "V3", true, "ok"],
    ]);
  });

  it("act on the role's account: a reset with the prod key changes prod's task, not main's", async () => {
    const key = await prodKey(harness.sim);
    await sdkClient(harness.sim, key).call("ResetDtsJob", { DtsJobId: PROD.fixtures.oneWayRunning.jobId });
    expect(harness.sim.control.job(PROD.fixtures.oneWayRunning.jobId, PROD.account)?.instance.forward.status).toBe("NotConfigured");
    expect(harness.sim.control.job(SEED_FIXTURES.oneWayRunning.jobId)?.instance.forward.status).toBe("Synchronizing");
    // And the main key cannot reach prod's tasks at all.
    const error = await rejection(harness.client.call("ResetDtsJob", { DtsJobId: PROD.fixtures.failedWithError.jobId }));
    expect(error).toMatchObject({ code: "Forbidden.InstanceNotFound" });
  });

  it("without the token: 400 MissingSecurityToken; with another session's token: InvalidSecurityToken.MismatchWithAccessKey", async () => {
    const key = await prodKey(harness.sim);
    const other = await prodKey(harness.sim, { ...prodRequest, roleSessionName: "other-session" });
    const missing = await rejection(sdkClient(harness.sim, { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret }).call("DescribeDtsJobs", listQuery));
    expect(missing).toMatchObject({ statusCode: 400, code: "MissingSecurityToken" });
    const mismatch = await rejection(sdkClient(harness.sim, { ...key, securityToken: other.securityToken }).call("DescribeDtsJobs", listQuery));
    expect(mismatch).toMatchObject({ statusCode: 400, code: "InvalidSecurityToken.MismatchWithAccessKey" });
    expect(harness.sim.control.calls({ action: "DescribeDtsJobs" }).map((c) => [c.account, c.securityToken, c.verdict, c.code])).toEqual([
      [PROD.account, false, "rejected", "MissingSecurityToken"],
      [PROD.account, true, "rejected", "InvalidSecurityToken.MismatchWithAccessKey"],
    ]);
  });

  it("after POST /__sim/sts/expire: 403 InvalidSecurityToken.Expired (no waiting)", async () => {
    const key = await prodKey(harness.sim);
    await expect(sdkClient(harness.sim, key).call("DescribeDtsJobs", listQuery)).resolves.toMatchObject({ statusCode: 200 });
    expect(await controlFetch(harness.sim, "/__sim/sts/expire", { method: "POST", body: {} })).toMatchObject({ status: 200, body: { expired: 1 } });
    const error = await rejection(sdkClient(harness.sim, key).call("DescribeDtsJobs", listQuery));
    expect(error).toMatchObject({ statusCode: 403, code: "InvalidSecurityToken.Expired" });
    const listed = await controlFetch(harness.sim, `/__sim/sts/credentials?account=${PROD.account}`);
    expect(listed.body.credentials).toEqual([expect.objectContaining({ accessKeyId: key.accessKeyId, expired: true })]);
    // A fresh session works again.
    await expect(sdkClient(harness.sim, await prodKey(harness.sim)).call("DescribeDtsJobs", listQuery)).resolves.toMatchObject({ statusCode: 200 });
  });

  it("expires one account's keys, or one key, when asked", async () => {
    const prod = await prodKey(harness.sim);
    const mainCredentials = (await assume(harness.sim, { roleArn: MAIN.roleArn, roleSessionName: "ops" })).body?.credentials;
    const main = { accessKeyId: mainCredentials?.accessKeyId, accessKeySecret: mainCredentials?.accessKeySecret, securityToken: mainCredentials?.securityToken };
    expect(harness.sim.control.expireStsCredentials({ account: PROD.account })).toBe(1);
    await expect(rejection(sdkClient(harness.sim, prod).call("DescribeDtsJobs", listQuery))).resolves.toMatchObject({ code: "InvalidSecurityToken.Expired" });
    const mainIds = jobList(await sdkClient(harness.sim, main).call("DescribeDtsJobs", listQuery)).map((j) => j.DtsJobId);
    expect(mainIds).toContain(SEED_FIXTURES.oneWayRunning.jobId);
    expect(harness.sim.control.expireStsCredentials({ accessKeyId: main.accessKeyId })).toBe(1);
    await expect(rejection(sdkClient(harness.sim, main).call("DescribeDtsJobs", listQuery))).resolves.toMatchObject({ code: "InvalidSecurityToken.Expired" });
    expect((await controlFetch(harness.sim, "/__sim/sts/expire", { method: "POST", body: { account: "nobody" } })).status).toBe(400);
    expect((await controlFetch(harness.sim, "/__sim/sts/expire", { method: "POST", body: { bogus: true } })).status).toBe(400);
  });

  it("stsSessionSecondsOverride (config PATCH) shortens every new session, whatever DurationSeconds says", async () => {
    const patched = await controlFetch(harness.sim, "/__sim/config", { method: "PATCH", body: { stsSessionSecondsOverride: 2 } });
    expect(patched).toMatchObject({ status: 200, body: { config: { stsSessionSecondsOverride: 2 } } });
    const before = Date.now();
    const expiration = (await assume(harness.sim, { ...prodRequest, durationSeconds: 3_600 })).body?.credentials?.expiration ?? "";
    expect(Date.parse(expiration) - before).toBeLessThanOrEqual(2_000);
    expect((await controlFetch(harness.sim, "/__sim/config", { method: "PATCH", body: { stsSessionSecondsOverride: 0 } })).status).toBe(400);
    harness.sim.control.updateConfig({ stsSessionSecondsOverride: null });
    expect(harness.sim.control.config().stsSessionSecondsOverride).toBeNull();
  });

  it("a control reset forgets issued keys (then InvalidAccessKeyId.NotFound) and the session override", async () => {
    const key = await prodKey(harness.sim);
    harness.sim.control.updateConfig({ stsSessionSecondsOverride: 5 });
    await controlFetch(harness.sim, "/__sim/reset", { method: "POST" });
    expect(harness.sim.control.stsCredentials()).toEqual([]);
    expect(harness.sim.control.config().stsSessionSecondsOverride).toBeNull();
    const error = await rejection(sdkClient(harness.sim, key).call("DescribeDtsJobs", listQuery));
    expect(error).toMatchObject({ statusCode: 404, code: "InvalidAccessKeyId.NotFound" });
    expect(harness.sim.control.calls()).toEqual([expect.objectContaining({ accessKeyId: key.accessKeyId, account: null, securityToken: true, verdict: "rejected" })]);
  });

  it("AssumeRole is not rate-limited by DTS's describe limits", async () => {
    harness.sim.control.updateConfig({ rateLimit: { callsPerSecond: 1 } });
    for (let i = 0; i < 5; i++) await assume(harness.sim, prodRequest);
    expect(harness.sim.control.calls({ action: "AssumeRole" }).every((c) => c.code === null)).toBe(true);
    expect(harness.sim.control.roles().map((r) => [r.arn, r.account, r.externalId ?? null])).toEqual([
      [MAIN.roleArn, MAIN.account, null],
      [PROD.roleArn, PROD.account, PROD.externalId],
    ]);
  });
});
