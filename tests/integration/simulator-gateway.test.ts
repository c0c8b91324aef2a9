// The gates in front of the actions, through the official client: signatures (V3, V1, STS),
// timestamps, nonces, Version, Action, the per-account rate limits, and the call log they feed.

import { request, type IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SIMULATOR_ACCESS_KEY_ID,
  DEFAULT_SIMULATOR_ACCESS_KEY_SECRET,
  SEED_FIXTURES,
  startSimulator,
  type SimulatorOptions,
} from "@/simulator";
import { computeV1Signature } from "@/simulator/signing/v1";
import { rejection, sdkClient, simulatorPerSuite } from "./simulator-helpers";

const STS = { accessKeyId: "STS.sim-temporary", accessKeySecret: "sts-secret-abcdefghijklmnop", securityToken: "CAIS-sim-token-0123456789" };
const EXPIRED_STS = { accessKeyId: "STS.sim-expired", accessKeySecret: "sts-secret-expired-0123456", securityToken: "CAIS-expired-token" };

const harness = simulatorPerSuite({
  options: {
    accessKeys: [
      { accessKeyId: DEFAULT_SIMULATOR_ACCESS_KEY_ID, accessKeySecret: DEFAULT_SIMULATOR_ACCESS_KEY_SECRET },
      { ...STS, expiresAt: Date.now() + 3_600_000 },
      { ...EXPIRED_STS, expiresAt: Date.now() - 1_000 },
    ],
  },
});

const listQuery = { Region: "cn-hangzhou", JobType: "SYNC" };

describe("signatures", () => {
  it("accepts V3 (the SDK default), V1 and STS-token requests, and logs the scheme", async () => {
    await expect(harness.client.call("DescribeDtsJobs", listQuery)).resolves.toMatchObject({ statusCode: 200 });
    await expect(sdkClient(harness.sim, { signature: "v1" }).call("DescribeDtsJobs", listQuery)).resolves.toMatchObject({ statusCode: 200 });
    await expect(sdkClient(harness.sim, STS).call("DescribeDtsJobs", listQuery)).resolves.toMatchObject({ statusCode: 200 });
    await expect(sdkClient(harness.sim, { ...STS, signature: "v1" }).call("DescribeDtsJobs", listQuery)).resolves.toMatchObject({ statusCode: 200 });
    expect(harness.sim.control.calls().map((c) => [c.scheme, c.accessKeyId, c.verdict])).toEqual([
      ["V3", DEFAULT_SIMULATOR_ACCESS_KEY_ID, "ok"],
      ["V1", DEFAULT_SIMULATOR_ACCESS_KEY_ID, "ok"],
      ["V3", STS.accessKeyId, "ok"],
      ["V1", STS.accessKeyId, "ok"],
    ]);
    expect(harness.sim.control.calls().every((c) => c.params.Region === "cn-hangzhou" && !("Signature" in c.params) && !("SecurityToken" in c.params))).toBe(true);
  });

  it("rejects a wrong secret with 400 SignatureDoesNotMatch in the gateway body, and never runs the action", async () => {
    for (const signature of ["v3", "v1"] as const) {
      const bad = sdkClient(harness.sim, { accessKeySecret: "not-the-secret", signature });
      const error = await rejection(bad.call("ResetDtsJob", { DtsJobId: SEED_FIXTURES.oneWayRunning.jobId }));
      expect(error).toMatchObject({ name: "ClientError", statusCode: 400, code: "SignatureDoesNotMatch" });
      const data = error.data as Record<string, string>;
      expect(data.HostId).toBe("127.0.0.1");
      expect(data.Recommend).toContain("q=SignatureDoesNotMatch&product=Dts");
    }
    expect(harness.sim.control.job(SEED_FIXTURES.oneWayRunning.jobId)?.instance.forward.status).toBe("Synchronizing");
    expect(harness.sim.control.calls()).toEqual([
      expect.objectContaining({ action: "ResetDtsJob", scheme: "V3", verdict: "rejected", code: "SignatureDoesNotMatch", httpStatus: 400, params: { DtsJobId: SEED_FIXTURES.oneWayRunning.jobId } }),
      expect.objectContaining({ action: "ResetDtsJob", scheme: "V1", verdict: "rejected", code: "SignatureDoesNotMatch", params: { DtsJobId: SEED_FIXTURES.oneWayRunning.jobId } }),
    ]);
  });

  it("rejects an unknown AccessKeyId with 404 InvalidAccessKeyId.NotFound", async () => {
    const error = await rejection(sdkClient(harness.sim, { accessKeyId: "nobody" }).call("DescribeDtsJobs", listQuery));
    expect(error).toMatchObject({ statusCode: 404, code: "InvalidAccessKeyId.NotFound" });
  });

  it("rejects an expired STS token with 403 InvalidSecurityToken.Expired", async () => {
    const error = await rejection(sdkClient(harness.sim, EXPIRED_STS).call("DescribeDtsJobs", listQuery));
    expect(error).toMatchObject({ statusCode: 403, code: "InvalidSecurityToken.Expired" });
  });

  it("rejects a client clock 20 minutes off with InvalidTimeStamp.Expired; the window is configurable", async () => {
    const skewed = await startSimulator({ now: () => Date.now() + 20 * 60_000 });
    try {
      const error = await rejection(sdkClient(skewed).call("DescribeDtsJobs", listQuery));
      expect(error).toMatchObject({ statusCode: 400, code: "InvalidTimeStamp.Expired" });
      skewed.control.updateConfig({ timestampWindowSeconds: 1_800 });
      await expect(sdkClient(skewed).call("DescribeDtsJobs", listQuery)).resolves.toMatchObject({ statusCode: 200 });
    } finally {
      await skewed.close();
    }
  });

  it("rejects a replayed nonce with SignatureNonceUsed; a control reset forgets nonces", async () => {
    const params: Record<string, string> = {
      AccessKeyId: DEFAULT_SIMULATOR_ACCESS_KEY_ID,
      Action: "DescribeDtsJobs",
      Format: "JSON",
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: "replayed-nonce-0001",
      SignatureVersion: "1.0",
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      Version: "2020-01-01",
      ...listQuery,
    };
    params.Signature = computeV1Signature("GET", params, DEFAULT_SIMULATOR_ACCESS_KEY_SECRET).signature;
    const url = `${harness.sim.url}/?${new URLSearchParams(params).toString()}`;
    expect((await fetch(url)).status).toBe(200);
    const replay = await fetch(url);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ Code: "SignatureNonceUsed" });
    harness.sim.control.reset();
    expect((await fetch(url)).status).toBe(200);
  });

  it("answers an unsigned request with MissingParameter Signature, logged as rejected", async () => {
    // node:http, because fetch does not let a caller choose the Host header.
    const response = await new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const req = request(`${harness.sim.url}/?Action=ResetDtsJob&DtsJobId=abc`, { method: "POST", headers: { host: "dts.cn-hangzhou.aliyuncs.com:8443" } }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(response.status).toBe(400);
    const body = JSON.parse(response.text) as Record<string, string>;
    expect(body).toMatchObject({ Code: "MissingParameter", HostId: "dts.cn-hangzhou.aliyuncs.com" });
    expect(body.Message).toBe('The input parameter "Signature" that is mandatory for processing this request is not supplied.');
    expect(response.headers["x-acs-request-id"]).toBe(body.RequestId);
    expect(harness.sim.control.calls()).toEqual([expect.objectContaining({ action: "ResetDtsJob", scheme: null, verdict: "rejected", params: { DtsJobId: "abc" } })]);
  });
});

describe("Version and Action", () => {
  it("rejects another API version with 400 InvalidVersion", async () => {
    for (const signature of ["v3", "v1"] as const) {
      const error = await rejection(sdkClient(harness.sim, { signature }).call("DescribeDtsJobs", listQuery, { version: "2019-09-01" }));
      expect(error).toMatchObject({ statusCode: 400, code: "InvalidVersion" });
      expect(error.message).toContain("Specified parameter Version is not valid.");
    }
  });

  it("rejects another action with 404 InvalidAction.NotFound", async () => {
    const error = await rejection(harness.client.call("DescribeDtsInstances", listQuery));
    expect(error).toMatchObject({ statusCode: 404, code: "InvalidAction.NotFound" });
    expect(error.message).toContain("Specified api is not found, please check your url and method.");
    expect(harness.sim.control.calls().at(-1)).toMatchObject({ action: "DescribeDtsInstances", verdict: "rejected", scheme: "V3" });
  });
});

describe("rate limits (on by default, per account and region)", () => {
  async function limitedSimulator(options: SimulatorOptions = {}) {
    const base = Date.now();
    const clock = { offset: 0 };
    const sim = await startSimulator({
      now: () => base + clock.offset,
      accessKeys: [
        { accessKeyId: DEFAULT_SIMULATOR_ACCESS_KEY_ID, accessKeySecret: DEFAULT_SIMULATOR_ACCESS_KEY_SECRET },
        { ...STS, expiresAt: base + 3_600_000 },
      ],
      ...options,
    });
    return { sim, clock };
  }

  it("allows 20 DescribeDtsJobs calls per second per account and region, then answers Throttling.User", async () => {
    const { sim: limited, clock } = await limitedSimulator();
    try {
      const c = sdkClient(limited);
      for (let i = 0; i < 20; i++) await c.call("DescribeDtsJobs", listQuery);
      const error = await rejection(c.call("DescribeDtsJobs", listQuery));
      expect(error).toMatchObject({ name: "ThrottlingError", statusCode: 400, code: "Throttling.User", retryAfter: 1_000 });
      expect(error.message).toContain("Request was denied due to user flow control.");
      // Another key of the same account spends from the same budget.
      const other = sdkClient(limited, { ...STS });
      expect(await rejection(other.call("DescribeDtsJobs", listQuery))).toMatchObject({ code: "Throttling.User" });
      // Another region and another action have their own budgets.
      await expect(c.call("DescribeDtsJobs", { ...listQuery, Region: "cn-shanghai" })).resolves.toMatchObject({ statusCode: 200 });
      await expect(c.call("DescribeDtsJobDetail", { DtsJobId: SEED_FIXTURES.oneWayRunning.jobId, RegionId: "cn-hangzhou" })).resolves.toMatchObject({ statusCode: 200 });
      clock.offset = 1_001;
      await expect(c.call("DescribeDtsJobs", listQuery)).resolves.toMatchObject({ statusCode: 200 });
      expect(limited.control.calls({ action: "DescribeDtsJobs" }).filter((x) => x.code === "Throttling.User")).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });

  it("allows 40 DescribeDtsJobDetail calls per second per account and region", async () => {
    const { sim: limited, clock } = await limitedSimulator();
    try {
      const c = sdkClient(limited);
      const query = { DtsJobId: SEED_FIXTURES.oneWayRunning.jobId, RegionId: "cn-hangzhou" };
      for (let i = 0; i < 40; i++) await c.call("DescribeDtsJobDetail", query);
      expect(await rejection(c.call("DescribeDtsJobDetail", query))).toMatchObject({ statusCode: 400, code: "Throttling.User" });
      clock.offset = 1_001;
      await expect(c.call("DescribeDtsJobDetail", query)).resolves.toMatchObject({ statusCode: 200 });
    } finally {
      await limited.close();
    }
  });

  it("keys configured as different accounts have budgets of their own; the limit can be switched off", async () => {
    const { sim: limited } = await limitedSimulator({ accounts: { [STS.accessKeyId]: "other-account" } });
    try {
      const c = sdkClient(limited);
      for (let i = 0; i < 20; i++) await c.call("DescribeDtsJobs", listQuery);
      await expect(sdkClient(limited, { ...STS }).call("DescribeDtsJobs", listQuery)).resolves.toMatchObject({ statusCode: 200 });
      limited.control.updateConfig({ rateLimit: false });
      for (let i = 0; i < 5; i++) await c.call("DescribeDtsJobs", listQuery);
      expect(limited.control.calls().filter((x) => x.code === "Throttling.User")).toHaveLength(0);
    } finally {
      await limited.close();
    }
  });
});

describe("logging", () => {
  it("prints one line per call when asked, never a secret", async () => {
    const lines: string[] = [];
    const logged = await startSimulator({ log: (line) => lines.push(line) });
    try {
      await sdkClient(logged).call("DescribeDtsJobs", listQuery);
      await rejection(sdkClient(logged, { accessKeySecret: "wrong" }).call("ResetDtsJob", { DtsJobId: "x" }));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/DescribeDtsJobs V3 ok 200/);
      expect(lines[1]).toMatch(/ResetDtsJob V3 rejected 400 SignatureDoesNotMatch/);
      expect(lines.join("\n")).not.toContain(DEFAULT_SIMULATOR_ACCESS_KEY_SECRET);
    } finally {
      await logged.close();
    }
  });
});
