// The instance class of a serverless instance (issue 25): ConfigureDtsJob's MaxDu/MinDu replayed
// from the pre-reset snapshot, against the real simulator over HTTP (which reports MaxDu/MinDu in
// DescribeDtsJobDetail for a serverless instance only and validates them in ConfigureDtsJob), the
// real signed client and a real SQLite file.
import { describe, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import type { AuditStore } from "@/lib/db/store";
import { ERROR_STATUS } from "@/lib/api/errors";
import { DomainError } from "@/lib/domain/errors";
import { DtsError } from "@/lib/dts/errors";
import { performReset } from "@/lib/reset/perform-reset";
import { performReconfigure, toCallShape } from "@/lib/reconfigure/perform-reconfigure";
import { auditStorePerTest, ctxOf, harnessPerSuite, TEST_ACTOR } from "./dts-harness";

const { oneWayRunning, notConfigured } = SEED_FIXTURES;
const passwords = { sourcePassword: "src-pw-serverless", destinationPassword: "dst-pw-serverless" };

const h = harnessPerSuite();
let store: AuditStore;
auditStorePerTest("reconfigure-serverless-", (temp) => ({ store } = temp), () => store);
const deps = () => ctxOf({ client: h.client(), store });

async function control(path: string, body: unknown) {
  const response = await h.control(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

async function reset() {
  const { record } = await performReset(deps(), oneWayRunning.jobId, {
    region: oneWayRunning.region as never, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: "serverless",
  }, TEST_ACTOR);
  expect(record.status).toBe("succeeded");
  return record;
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    return { status: ERROR_STATUS[e.code], code: e.code, message: e.message };
  }
  throw new Error("expected a DomainError");
}

describe("MaxDu/MinDu", () => {
  it("are replayed from a serverless instance's snapshot, the operator's change included, and DTS then reports them", async () => {
    await control(`jobs/${oneWayRunning.jobId}/serverless`, { maxDu: 16, minDu: 2 });
    const r = await reset();
    expect(r.snapshotDetail).toMatchObject({ MaxDu: 16, MinDu: 2 });
    const { record } = await performReconfigure(deps(), r.id, { ...passwords, overrides: { MinDu: "4" } }, TEST_ACTOR);
    const calls = await h.calls("ConfigureDtsJob");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params).toMatchObject({ MaxDu: "16", MinDu: "4" });
    expect(record.parameters).toMatchObject({ MaxDu: "16", MinDu: "4" });
    const job = (await (await h.control(`jobs/${oneWayRunning.jobId}`)).json()) as { instance?: { serverless?: unknown }; serverless?: unknown };
    expect(job.instance?.serverless ?? job.serverless).toEqual({ maxDu: 16, minDu: 4 });
  });

  it("are refused for an instance whose snapshot shows it is not serverless, before anything is sent", async () => {
    const r = await reset();
    const failed = await refusal(performReconfigure(deps(), r.id, { ...passwords, overrides: { MaxDu: "8", MinDu: "2" } }, TEST_ACTOR));
    expect(failed).toMatchObject({ status: 400, code: "invalid_request" });
    expect(failed.message).toMatch(/serverless instances only/);
    const wrongOrder = await refusal(performReconfigure(deps(), r.id, { ...passwords, overrides: { MinDu: "0" } }, TEST_ACTOR));
    expect(wrongOrder).toMatchObject({ status: 400, code: "invalid_request" });
    expect(await h.calls("ConfigureDtsJob")).toHaveLength(0);
  });

  it("the simulator validates them as DTS documents them (whole numbers, the minimum not above the maximum, serverless only)", async () => {
    await control(`jobs/${oneWayRunning.jobId}/serverless`, { maxDu: 16, minDu: 2 });
    const r = await reset();
    const base = {
      DtsJobId: oneWayRunning.jobId, DtsInstanceId: oneWayRunning.instanceId, JobType: "SYNC", DtsJobName: "x",
      SourceEndpointInstanceType: "RDS", SourceEndpointEngineName: "MYSQL", SourceEndpointRegion: "cn-hangzhou", SourceEndpointInstanceID: "rm-1",
      DestinationEndpointInstanceType: "RDS", DestinationEndpointEngineName: "MYSQL", DestinationEndpointRegion: "cn-hangzhou", DestinationEndpointInstanceID: "rm-2",
      StructureInitialization: "false", DataInitialization: "false", DataSynchronization: "true", DbList: "{}", "Reserve.autoStartModulesAfterConfig": "none",
    };
    const send = (extra: Record<string, string>) => {
      const shape = toCallShape({ ...base, ...extra });
      return h.client().configureJob({ region: oneWayRunning.region, parameters: shape.query, dbList: shape.dbList, reserve: shape.reserve, passwords: { source: "a", destination: "b" } });
    };
    for (const extra of [{ MaxDu: "2", MinDu: "8" }, { MaxDu: "x" }, { MinDu: "0" }] as Record<string, string>[]) {
      const error = await send(extra).then(() => null, (e: unknown) => e);
      expect(error, JSON.stringify(extra)).toBeInstanceOf(DtsError);
      expect((error as DtsError).details.code).toBe("InvalidParameter");
    }
    // Not serverless: refused too (what DTS answers there is UNCONFIRMED; the simulator refuses it).
    const plain = toCallShape({ ...base, DtsJobId: notConfigured.jobId, DtsInstanceId: notConfigured.instanceId, MaxDu: "8", MinDu: "2" });
    const refused = await h.client().configureJob({ region: notConfigured.region, parameters: plain.query, dbList: plain.dbList, reserve: plain.reserve, passwords: { source: "a", destination: "b" } }).then(() => null, (e: unknown) => e);
    expect((refused as DtsError).details.code).toBe("InvalidParameter");
    // The same call in range is accepted.
    await expect(send({ MaxDu: "8", MinDu: "2" })).resolves.toMatchObject({ requestId: expect.any(String) });
    expect(r.status).toBe("succeeded");
  });
});
