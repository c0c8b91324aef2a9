// The simulator's holds (simulator/holds.ts): a call reaches DTS and waits until the test releases
// it. Every wait here is on an event (the call is listed as held, the answer arrives), never a sleep.

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SEED_FIXTURES, startSimulator, type ActiveHold, type CallRecord, type HeldCall, type RunningSimulator } from "@/simulator";
import { controlFetch, rejection, sdkClient, type DtsClient, type DtsResponse } from "./simulator-helpers";

const { oneWayRunning, twoWayRunning } = SEED_FIXTURES;
/** How long an event may take on a loaded machine: generous, since a passing test never waits it out. */
const EVENT_TIMEOUT = { timeout: 30_000, interval: 20 };

let sim: RunningSimulator;
let client: DtsClient;

const forwardStatus = (jobId = oneWayRunning.jobId) => sim.control.job(jobId)?.instance.forward.status;
const reset = (jobId = oneWayRunning.jobId, c = client) => c.call("ResetDtsJob", { DtsJobId: jobId });
const holds = async () => (await controlFetch(sim, "/__sim/holds")).body as { holds: ActiveHold[]; held: HeldCall[] };

/** Waits for the event "n calls reached DTS and are held". */
async function heldCalls(n: number): Promise<HeldCall[]> {
  return vi.waitFor(async () => {
    const { held } = await holds();
    expect(held).toHaveLength(n);
    return held;
  }, EVENT_TIMEOUT);
}

/** Tracks whether a promise has settled, without awaiting it. */
function track<T>(promise: Promise<T>): { settled: () => boolean; promise: Promise<T> } {
  let done = false;
  const tracked = promise.finally(() => {
    done = true;
  });
  tracked.catch(() => undefined);
  return { settled: () => done, promise: tracked };
}

async function arm(body: Record<string, unknown>): Promise<ActiveHold> {
  const r = await controlFetch(sim, "/__sim/holds", { method: "POST", body });
  expect(r.status).toBe(201);
  return r.body.hold as ActiveHold;
}

beforeAll(async () => {
  sim = await startSimulator();
  client = sdkClient(sim, { readTimeout: 60_000 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  expect((await controlFetch(sim, "/__sim/reset", { method: "POST" })).status).toBe(200);
});

describe("holding and releasing", () => {
  it("runAt release (default): the call waits, the state is untouched until the release, then it runs", async () => {
    const hold = await arm({ action: "ResetDtsJob" });
    expect(hold).toEqual({ id: "h1", action: "ResetDtsJob", runAt: "release", remaining: 1, triggered: 0 });
    const answer = track(reset());

    const [held] = await heldCalls(1);
    expect(held).toEqual({
      id: "h1.1",
      holdId: "h1",
      action: "ResetDtsJob",
      params: { DtsJobId: oneWayRunning.jobId },
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      runAt: "release",
      applied: false,
      clientClosed: false,
    });
    // Held: no answer, no effect, and nothing in the call log yet (it records answered calls).
    expect(answer.settled()).toBe(false);
    expect(forwardStatus()).toBe("Synchronizing");
    expect(sim.control.calls({ action: "ResetDtsJob" })).toEqual([]);
    // Other actions are not held.
    expect((await client.call("DescribeDtsJobs", { Region: "cn-hangzhou", JobType: "SYNC" })).body.Success).toBe(true);
    expect(answer.settled()).toBe(false);

    expect(await controlFetch(sim, "/__sim/holds/h1/release", { method: "POST" })).toEqual({ status: 200, body: { released: 1 } });
    expect(((await answer.promise) as DtsResponse).body.Success).toBe(true);
    expect(forwardStatus()).toBe("NotConfigured");
    expect(sim.control.calls({ action: "ResetDtsJob" })).toEqual([expect.objectContaining({ verdict: "ok", httpStatus: 200 }) as CallRecord]);
    expect(await holds()).toEqual({ holds: [], held: [] });
  });

  it('runAt hold: DTS acts at once and only the answer waits ("DTS did it, the answer is late")', async () => {
    await arm({ action: "ResetDtsJob", runAt: "hold" });
    const answer = track(reset());
    const [held] = await heldCalls(1);
    expect(held).toMatchObject({ runAt: "hold", applied: true });
    expect(forwardStatus()).toBe("NotConfigured");
    expect(answer.settled()).toBe(false);

    expect((await controlFetch(sim, `/__sim/holds/${held?.id}/release`, { method: "POST" })).body).toEqual({ released: 1 });
    expect(((await answer.promise) as DtsResponse).body.Success).toBe(true);
    expect(sim.control.calls({ action: "ResetDtsJob" })).toHaveLength(1);
  });

  it("count holds several calls; one held call is released by its own ID, the rest by the hold's", async () => {
    await arm({ action: "ResetDtsJob", count: 2 });
    const first = track(reset(oneWayRunning.jobId));
    await heldCalls(1);
    const second = track(reset(twoWayRunning.jobId));
    const held = await heldCalls(2);
    expect(held.map((h) => [h.id, h.params.DtsJobId])).toEqual([
      ["h1.1", oneWayRunning.jobId],
      ["h1.2", twoWayRunning.jobId],
    ]);
    expect((await holds()).holds).toEqual([expect.objectContaining({ id: "h1", remaining: 0, triggered: 2 })]);

    expect((await controlFetch(sim, "/__sim/holds/h1.2/release", { method: "POST" })).body).toEqual({ released: 1 });
    await second.promise;
    expect(forwardStatus(twoWayRunning.jobId)).toBe("NotConfigured");
    expect(first.settled()).toBe(false);
    expect(forwardStatus(oneWayRunning.jobId)).toBe("Synchronizing");

    expect((await controlFetch(sim, "/__sim/holds/h1/release", { method: "POST" })).body).toEqual({ released: 1 });
    await first.promise;
    expect(forwardStatus(oneWayRunning.jobId)).toBe("NotConfigured");
    // Used up and released: the next call goes straight through.
    expect((await reset(twoWayRunning.jobId).catch((e: Error) => e)) instanceof Error).toBe(true); // already NotConfigured
    expect(await holds()).toEqual({ holds: [], held: [] });
  });

  it("a call released with runAt release meets the injected faults as if it had just arrived", async () => {
    await arm({ action: "ResetDtsJob" });
    const answer = track(reset());
    await heldCalls(1);
    sim.control.addFault({ action: "ResetDtsJob", kind: "dts-failure", errCode: "InternalError" });
    expect((await controlFetch(sim, "/__sim/holds/release", { method: "POST" })).body).toEqual({ released: 1 });
    const response = (await answer.promise) as DtsResponse;
    expect(response.body).toMatchObject({ Success: false, ErrCode: "InternalError" });
    expect(forwardStatus()).toBe("Synchronizing");
    expect(sim.control.calls({ action: "ResetDtsJob" })).toEqual([expect.objectContaining({ verdict: "fault", fault: "dts-failure" })]);
  });

  it("a client that gives up is shown as clientClosed; the call still runs at its release, as at DTS", async () => {
    await arm({ action: "ResetDtsJob" });
    const impatient = sdkClient(sim, { readTimeout: 300 });
    const error = await rejection(reset(oneWayRunning.jobId, impatient));
    expect(error.name).toBe("RequestTimeoutError");
    await vi.waitFor(async () => expect((await holds()).held).toEqual([expect.objectContaining({ clientClosed: true })]), EVENT_TIMEOUT);
    expect((await controlFetch(sim, "/__sim/holds", { method: "DELETE" })).body).toEqual({ released: 1 });
    expect(forwardStatus()).toBe("NotConfigured");
  });
});

describe("nothing hangs", () => {
  it("POST /__sim/reset answers every held call (against the old state) before restoring the seed", async () => {
    await arm({ action: "ResetDtsJob" });
    await arm({ action: "DescribeDtsJobs", runAt: "hold" });
    const held = [track(reset()), track(client.call("DescribeDtsJobs", { Region: "cn-hangzhou", JobType: "SYNC" }))];
    await heldCalls(2);
    expect((await controlFetch(sim, "/__sim/reset", { method: "POST" })).status).toBe(200);
    const answers = (await Promise.all(held.map((h) => h.promise))) as DtsResponse[];
    expect(answers.map((a) => a.body.Success)).toEqual([true, true]);
    // The released reset ran before the restore: the seed is intact, the log and the holds are empty.
    expect(forwardStatus()).toBe("Synchronizing");
    expect(sim.control.calls()).toEqual([]);
    expect(await holds()).toEqual({ holds: [], held: [] });
  });

  it("closing the simulator drops held calls, and close() does not wait for them", async () => {
    const own = await startSimulator();
    let closed = false;
    try {
      own.control.addHold({ action: "*" });
      const call = track(sdkClient(own, { readTimeout: 60_000 }).call("DescribeDtsJobs", { Region: "cn-hangzhou", JobType: "SYNC" }));
      await vi.waitFor(() => expect(own.control.holds().held).toHaveLength(1), EVENT_TIMEOUT);
      await own.close();
      closed = true;
      const error = await rejection(call.promise);
      expect(error).toBeInstanceOf(Error);
      expect(own.control.holds()).toEqual({ holds: [], held: [] });
    } finally {
      if (!closed) await own.close();
    }
  });
});

describe("validation", () => {
  it("refuses invalid hold specs with 400, unknown IDs with 404", async () => {
    for (const body of [{}, { action: "Nope" }, { action: "ResetDtsJob", count: 0 }, { action: "ResetDtsJob", runAt: "later" }, { action: "ResetDtsJob", surprise: true }]) {
      const r = await controlFetch(sim, "/__sim/holds", { method: "POST", body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await controlFetch(sim, "/__sim/holds/h9/release", { method: "POST" })).status).toBe(404);
    expect((await controlFetch(sim, "/__sim/holds/h1", { method: "PUT" })).status).toBe(404);
    expect((await controlFetch(sim, "/__sim/holds", { method: "PUT" })).status).toBe(405);
    // An armed hold with no call yet is disarmed by its release.
    await arm({ action: "ResetDtsJob" });
    expect((await controlFetch(sim, "/__sim/holds/h1/release", { method: "POST" })).body).toEqual({ released: 0 });
    expect((await reset()).body.Success).toBe(true);
  });
});
