// Fault injection, asserting what the official SDK sees for each kind, how faults are matched and
// consumed, and ResetDtsJob's "did DTS do it?" effect switch.

import { describe, expect, it } from "vitest";
import { SEED_FIXTURES, startSimulator } from "@/simulator";
import { actOutFault, BAD_GATEWAY_HTML, type FaultIo } from "@/simulator/fault-responses";
import type { Reply } from "@/simulator/replies";
import { controlFetch, rejection, sdkClient, simulatorPerSuite } from "./simulator-helpers";

// Bursts of calls on purpose: the rate limit (on by default) is not what these tests are about.
const harness = simulatorPerSuite({ options: { rateLimit: false } });

const { oneWayRunning } = SEED_FIXTURES;
const list = () => harness.client.call("DescribeDtsJobs", { Region: "cn-hangzhou", JobType: "SYNC" });
const detail = () => harness.client.call("DescribeDtsJobDetail", { DtsJobId: oneWayRunning.jobId });
const reset = () => harness.client.call("ResetDtsJob", { DtsJobId: oneWayRunning.jobId });
const forwardStatus = () => harness.sim.control.job(oneWayRunning.jobId)?.instance.forward.status;

describe("what the SDK sees for each kind", () => {
  it("throttle: ThrottlingError 400 Throttling.User", async () => {
    harness.sim.control.addFault({ action: "DescribeDtsJobs", kind: "throttle" });
    const error = await rejection(list());
    expect(error).toMatchObject({ name: "ThrottlingError", statusCode: 400, code: "Throttling.User" });
    expect(error.message).toContain("Request was denied due to user flow control.");
    expect(error.retryAfter).toBeUndefined();
  });

  it("throttle with retryAfterMs: the SDK's retryAfter, and x-ratelimit-user-api in the SDK's format", async () => {
    harness.sim.control.addFault({ action: "DescribeDtsJobs", kind: "throttle", retryAfterMs: 1_500 });
    const error = await rejection(list());
    expect(error.retryAfter).toBe(1_500);

    let sent: Reply | undefined;
    const io: FaultIo = {
      action: "DescribeDtsJobs",
      context: { requestId: "0000-REQ", hostId: "127.0.0.1" },
      nowMs: () => 1_000_000,
      runAction: () => { throw new Error("a throttled read must not run"); },
      send: (reply) => { sent = reply; },
      resetConnection: () => undefined,
      hang: () => undefined,
      delay: () => Promise.resolve(),
    };
    const outcome = await actOutFault({ id: "f1", action: "DescribeDtsJobs", kind: "throttle", retryAfterMs: 2_000, remaining: 0, triggered: 1 }, io);
    expect(outcome).toEqual({ verdict: "fault", httpStatus: 400, code: "Throttling.User", effect: null });
    expect(sent?.headers).toMatchObject({ "x-ratelimit-user-api": "Limit:1,Remain:0,TimeLeft:2000,Reset:1002", "x-acs-retry-after": "2000", "x-acs-request-id": "0000-REQ" });
  });

  it("unavailable: ServerError 503 ServiceUnavailable", async () => {
    harness.sim.control.addFault({ action: "DescribeDtsJobDetail", kind: "unavailable" });
    const error = await rejection(detail());
    expect(error).toMatchObject({ name: "ServerError", statusCode: 503, code: "ServiceUnavailable" });
    expect(error.message).toContain("The request has failed due to a temporary failure of the server.");
  });

  it("internal: ServerError 500 InternalError", async () => {
    harness.sim.control.addFault({ action: "DescribeDtsJobDetail", kind: "internal" });
    const error = await rejection(detail());
    expect(error).toMatchObject({ name: "ServerError", statusCode: 500, code: "InternalError" });
    expect(error.message).toContain("The request processing has failed due to some unknown error.");
  });

  it("dts-failure: HTTP 200 with Success:false, which the SDK returns as a success", async () => {
    harness.sim.control.addFault({ action: "ResetDtsJob", kind: "dts-failure" });
    const r = await reset();
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatchObject({ Success: false, ErrCode: "InternalError", ErrMessage: "The Value of Input Parameter %s is not valid.", DynamicMessage: "DtsJobId" });
    harness.sim.control.addFault({ action: "DescribeDtsJobs", kind: "dts-failure", errCode: "DTS.Msg.OperationDenied.JobStatusModifying", errMessage: "Job status is %s.", dynamicMessage: "Modifying", httpStatusCode: 403 });
    expect((await list()).body).toMatchObject({ Success: false, ErrCode: "DTS.Msg.OperationDenied.JobStatusModifying", ErrMessage: "Job status is %s.", DynamicMessage: "Modifying", HttpStatusCode: 403 });
  });

  it("html-502: an HTML gateway page, which the SDK fails to parse (SyntaxError)", async () => {
    harness.sim.control.addFault({ action: "DescribeDtsJobs", kind: "html-502" });
    const error = await rejection(list());
    expect(error).toBeInstanceOf(SyntaxError);
    expect(harness.sim.control.calls().at(-1)).toMatchObject({ verdict: "fault", fault: "html-502", httpStatus: 502, code: null });
    // The page itself, as a plain HTTP client sees it.
    expect(BAD_GATEWAY_HTML).toContain("<title>502 Bad Gateway</title>");
  });

  it("malformed-json: HTTP 200 application/json with a truncated body (SyntaxError)", async () => {
    harness.sim.control.addFault({ action: "DescribeDtsJobs", kind: "malformed-json" });
    expect(await rejection(list())).toBeInstanceOf(SyntaxError);
    expect(harness.sim.control.calls().at(-1)).toMatchObject({ verdict: "fault", fault: "malformed-json", httpStatus: 200 });
  });

  it("reset-connection: the socket is reset without a reply (ECONNRESET)", async () => {
    harness.sim.control.addFault({ action: "DescribeDtsJobDetail", kind: "reset-connection" });
    const error = await rejection(detail());
    expect(error.code).toBe("ECONNRESET");
  });

  it("hang: nothing comes back, so the client's read timeout fires (RequestTimeoutError)", async () => {
    harness.sim.control.addFault({ action: "DescribeDtsJobDetail", kind: "hang", holdMs: 2_000 });
    const impatient = sdkClient(harness.sim, { readTimeout: 300 });
    const error = await rejection(impatient.call("DescribeDtsJobDetail", { DtsJobId: oneWayRunning.jobId }));
    // The client's own 300 ms timer fired (the message says which), long before the 2 s hold ended.
    expect(error.name).toBe("RequestTimeoutError");
    expect(error.message).toContain("ReadTimeout(300)");
    expect(harness.sim.control.calls().at(-1)).toMatchObject({ verdict: "fault", fault: "hang", httpStatus: null, code: null });
  });

  it("latency: the normal answer, late", async () => {
    harness.sim.control.addFault({ action: "DescribeDtsJobs", kind: "latency", latencyMs: 300 });
    const started = Date.now();
    const r = await list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(r.body.Success).toBe(true);
    expect(harness.sim.control.calls().at(-1)).toMatchObject({ verdict: "ok", fault: "latency", httpStatus: 200 });
  });
});

describe("matching and consumption", () => {
  it("answers the next N calls, then lets calls through", async () => {
    harness.sim.control.addFault({ action: "DescribeDtsJobs", kind: "unavailable", times: 2 });
    await rejection(list());
    await rejection(list());
    await expect(list()).resolves.toMatchObject({ statusCode: 200 });
    expect(harness.sim.control.faults()).toEqual([]);
    expect(harness.sim.control.calls().map((c) => c.verdict)).toEqual(["fault", "fault", "ok"]);
  });

  it("applies only to its action; '*' applies to every action", async () => {
    harness.sim.control.addFault({ action: "ResetDtsJob", kind: "internal", times: 5 });
    await expect(list()).resolves.toMatchObject({ statusCode: 200 });
    await expect(detail()).resolves.toMatchObject({ statusCode: 200 });
    harness.sim.control.clearFaults();
    harness.sim.control.addFault({ action: "*", kind: "internal", times: 3 });
    for (const call of [list, detail, reset]) expect(await rejection(call())).toMatchObject({ statusCode: 500 });
    expect(forwardStatus()).toBe("Synchronizing");
  });

  it("with a probability, answers that fraction of calls (reproducibly) until removed", async () => {
    const fault = harness.sim.control.addFault({ action: "DescribeDtsJobs", kind: "internal", probability: 0.5 });
    let failures = 0;
    for (let i = 0; i < 40; i++) {
      try {
        await list();
      } catch {
        failures += 1;
      }
    }
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
    expect(harness.sim.control.faults()[0]).toMatchObject({ id: fault.id, triggered: failures, remaining: null });
    expect(harness.sim.control.removeFault(fault.id)).toBe(true);
    await expect(list()).resolves.toMatchObject({ statusCode: 200 });
  });

  it("refuses an invalid fault spec", () => {
    expect(() => harness.sim.control.addFault({ action: "DescribeDtsJobs", kind: "explode" } as never)).toThrow();
    expect(() => harness.sim.control.addFault({ action: "SkipPreCheck", kind: "internal" } as never)).toThrow();
    expect(() => harness.sim.control.addFault({ action: "*", kind: "internal", probability: 2 })).toThrow();
  });

  it("can be armed at start-up", async () => {
    const other = await startSimulator({ faults: [{ action: "ResetDtsJob", kind: "throttle", times: 1 }] });
    try {
      const c = sdkClient(other);
      expect(await rejection(c.call("ResetDtsJob", { DtsJobId: oneWayRunning.jobId }))).toMatchObject({ name: "ThrottlingError" });
      await expect(c.call("ResetDtsJob", { DtsJobId: oneWayRunning.jobId })).resolves.toMatchObject({ statusCode: 200 });
    } finally {
      await other.close();
    }
  });

  it("can be armed over the control API", async () => {
    const added = await controlFetch(harness.sim, "/__sim/faults", { method: "POST", body: { action: "DescribeDtsJobs", kind: "unavailable", times: 1 } });
    expect(added.status).toBe(201);
    expect(await rejection(list())).toMatchObject({ statusCode: 503 });
  });
});

describe("ResetDtsJob effect: did DTS carry the reset out before the answer went wrong?", () => {
  it.each(["throttle", "unavailable", "internal", "dts-failure", "html-502", "malformed-json", "reset-connection"] as const)(
    "%s with effect=skip (default) leaves the task untouched",
    async (kind) => {
      harness.sim.control.addFault({ action: "ResetDtsJob", kind });
      await reset().catch(() => undefined);
      expect(forwardStatus()).toBe("Synchronizing");
      expect(harness.sim.control.calls().at(-1)).toMatchObject({ action: "ResetDtsJob", verdict: "fault", fault: kind, faultEffect: "skip" });
    },
  );

  it.each(["throttle", "unavailable", "internal", "dts-failure", "html-502", "malformed-json", "reset-connection"] as const)(
    "%s with effect=apply resets the task anyway",
    async (kind) => {
      harness.sim.control.addFault({ action: "ResetDtsJob", kind, effect: "apply" });
      await reset().catch(() => undefined);
      expect(forwardStatus()).toBe("NotConfigured");
      expect(harness.sim.control.calls().at(-1)).toMatchObject({ verdict: "fault", fault: kind, faultEffect: "apply" });
    },
  );

  it("hang with effect=apply: the client times out, yet the reset happened", async () => {
    harness.sim.control.addFault({ action: "ResetDtsJob", kind: "hang", holdMs: 1_000, effect: "apply" });
    const error = await rejection(sdkClient(harness.sim, { readTimeout: 200 }).call("ResetDtsJob", { DtsJobId: oneWayRunning.jobId }));
    expect(error.name).toBe("RequestTimeoutError");
    expect(forwardStatus()).toBe("NotConfigured");
    expect(harness.sim.control.calls().filter((c) => c.action === "ResetDtsJob")).toHaveLength(1);
  });

  it("malformed-json with effect=apply truncates the real reset reply", async () => {
    harness.sim.control.addFault({ action: "ResetDtsJob", kind: "malformed-json", effect: "apply" });
    const raw = await rejection(reset());
    expect(raw).toBeInstanceOf(SyntaxError);
    expect(forwardStatus()).toBe("NotConfigured");
  });
});
