// The console (lib/dts client, lib/jobs, perform-reset, reconcile) against the real simulator with
// each documented or unconfirmed DTS behaviour switched on (issue 16): variant shapes, a reset that
// shows late, reverse tasks listed on their own, refusal codes as DTS sends them, both page-size
// sets, the detail Delay unit, the other direction of a two-way reset, and the rate limits.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import { VARIANT_FIXTURES, VARIANT_REGION } from "@/simulator/seed-variants";
import type { AuditStore } from "@/lib/db/store";
import { getReset, listResetsForInstance } from "@/lib/audit/reset-queries";
import { ERROR_STATUS } from "@/lib/api/errors";
import { listJobsQuerySchema } from "@/lib/domain/api";
import { DomainError } from "@/lib/domain/errors";
import { DtsError } from "@/lib/dts/errors";
import { createQuotaGate, withQuota } from "@/lib/dts/quota";
import { getTaskWithDetail, listTasks } from "@/lib/tasks/service";
import { performReset } from "@/lib/reset/perform-reset";
import { reconcileOnce } from "@/lib/reset/reconcile";
import { auditStorePerTest, failureOf, harnessPerSuite, oneWayResetRequest, TEST_ACTOR, type Harness, ctxOf } from "./dts-harness";

const { oneWayRunning, twoWayRunning } = SEED_FIXTURES;
const actor = TEST_ACTOR;

const h = harnessPerSuite({ seed: { variants: true } });
let store: AuditStore;
auditStorePerTest("dts-variants-", (temp) => ({ store } = temp), () => store);

async function sim(pathname: string, method = "GET", body?: unknown): Promise<Record<string, unknown>> {
  const response = await h.control(pathname, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${method} ${pathname}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

const configure = (patch: Record<string, unknown>) => sim("config", "PATCH", patch);

async function simJob(jobId: string): Promise<{ instance: { forward: { status: string; jobId: string }; reverse?: { status: string; jobId: string } } }> {
  return (await sim(`jobs/${jobId}`)) as never;
}

const request = oneWayResetRequest;

const domainError = (promise: Promise<unknown>) => failureOf(promise, DomainError);

const query = (input: Record<string, unknown>) => listJobsQuerySchema.parse(input);

describe("variant shapes (seed { variants: true })", () => {
  it("lists the readable items of a page and reports the unreadable one", async () => {
    const page = await listTasks(h.client(), query({ region: VARIANT_REGION, type: "sync" }));
    const byId = new Map(page.items.map((t) => [t.jobId, t]));
    const { reverseEmpty, reverseNull, emptyEndpoints, twoWayTagged, noInstanceId } = VARIANT_FIXTURES;

    expect([...byId.keys()].sort()).toEqual([reverseEmpty, reverseNull, emptyEndpoints, twoWayTagged].map((f) => f.jobId).sort());
    // ReverseJob {} and null describe no reverse task: one-way.
    expect(byId.get(reverseEmpty.jobId)).toMatchObject({ twoWay: false, reverse: null, payType: "POSTPAY", instanceId: reverseEmpty.instanceId });
    // String scalars (Success "true", Delay "7", counts as strings) read as their values.
    expect(byId.get(reverseNull.jobId)).toMatchObject({ twoWay: false, reverse: null, payType: "PREPAY", delaySeconds: 7 });
    expect(byId.get(emptyEndpoints.jobId)).toMatchObject({ source: null, destination: null, status: "Failed" });
    expect(byId.get(twoWayTagged.jobId)).toMatchObject({ twoWay: true, reverse: { jobId: twoWayTagged.reverseJobId }, payType: "PREPAY" });

    expect(page.unreadable).toEqual([
      expect.objectContaining({ jobId: noInstanceId.jobId, instanceId: null, name: noInstanceId.name, problem: expect.stringContaining("DtsInstanceID") }),
    ]);
    expect(page.total).toBe(5);
    // The API answers this object as JSON: nothing in it is lost on the way.
    const json = JSON.parse(JSON.stringify(page)) as typeof page;
    expect(json).toEqual(page);
    expect(Object.keys(json).sort()).toEqual(["freshness", "items", "page", "pageSize", "total", "unreadable"]);
  });

  it("shows the detail of a task with empty endpoints and string booleans", async () => {
    const { job, detail } = await getTaskWithDetail(h.client(), VARIANT_REGION, VARIANT_FIXTURES.reverseNull.jobId);
    expect(job.jobId).toBe(VARIANT_FIXTURES.reverseNull.jobId);
    expect(detail.forward.migrationMode).toEqual({ StructureInitialization: true, DataInitialization: true, DataSynchronization: true });
    const sparse = await getTaskWithDetail(h.client(), VARIANT_REGION, VARIANT_FIXTURES.emptyEndpoints.jobId);
    expect(sparse.detail.forward).toMatchObject({ source: null, destination: null });
  });
});

describe("a reset that completes after its answer (resetLag)", () => {
  it("records the reset as succeeded and verifies it only once DTS shows Not Configured", async () => {
    await configure({ resetLag: { reads: 2 } });
    const { record } = await performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, request(), actor);
    expect(record).toMatchObject({ status: "succeeded", httpStatus: 200, verifiedAt: null });
    expect(((await sim("resets/pending")).pending as unknown[]).length).toBe(1);

    // Two reads still show the old state: the reset is not verified, and not called failed.
    expect(await reconcileOnce(ctxOf({ client: h.client(), store }))).toMatchObject({ verified: 0, resolved: 0 });
    expect(await reconcileOnce(ctxOf({ client: h.client(), store }))).toMatchObject({ verified: 0, resolved: 0 });
    expect((await getReset(store, record.id))?.status).toBe("succeeded");
    expect(await reconcileOnce(ctxOf({ client: h.client(), store }))).toMatchObject({ verified: 1 });
    expect((await getReset(store, record.id))?.verifiedAt).toBeTruthy();
  });

  it("completes on a control call", async () => {
    await configure({ resetLag: { reads: 1_000 } });
    const { record } = await performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, request(), actor);
    expect(await reconcileOnce(ctxOf({ client: h.client(), store }))).toMatchObject({ verified: 0 });
    expect(await sim("resets/complete", "POST")).toEqual({ completed: 1 });
    expect(await reconcileOnce(ctxOf({ client: h.client(), store }))).toMatchObject({ verified: 1 });
    expect((await getReset(store, record.id))?.verifiedAt).toBeTruthy();
  });

  it("resolves an unknown outcome as succeeded once the late reset shows, within the settle window", async () => {
    const later = (seconds: number) => () => new Date(Date.now() + seconds * 1000);
    await configure({ resetLag: { reads: 1 } });
    await h.fault({ action: "ResetDtsJob", kind: "reset-connection", times: 1, effect: "apply" });
    const error = await domainError(performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, request(), actor));
    expect(error.code).toBe("outcome_unknown");

    // The first read still shows Synchronizing: within the settle window that proves nothing.
    expect(await reconcileOnce(ctxOf({ client: h.client(), store, now: later(31) }))).toMatchObject({ resolved: 0, waiting: 1 });
    expect(await reconcileOnce(ctxOf({ client: h.client(), store, now: later(32) }))).toMatchObject({ resolved: 1 });
    const [record] = await listResetsForInstance(store, oneWayRunning.instanceId);
    expect(record).toMatchObject({ status: "succeeded", resolvedBy: "reconciliation" });
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
  });
});

describe("reverse tasks listed as items of their own (listReverseJobs + strictJobDirection)", () => {
  beforeEach(async () => {
    await configure({ listReverseJobs: true, strictJobDirection: true });
  });

  it("DTS lists the reverse task on its own and refuses its ID with Forward", async () => {
    const raw = await h.client().listJobs({ region: twoWayRunning.region, type: "SYNC", search: { by: "instanceId", value: twoWayRunning.instanceId }, page: 1, pageSize: 10 });
    expect(raw.items.map((i) => [i.task.jobId, i.task.direction])).toEqual([
      [twoWayRunning.jobId, "Forward"],
      [twoWayRunning.reverseJobId, "Reverse"],
    ]);
    const refused = await h
      .client()
      .resetJob({ region: twoWayRunning.region, jobId: twoWayRunning.reverseJobId!, instanceId: twoWayRunning.instanceId, direction: "Forward" })
      .then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(DtsError);
    expect((refused as DtsError).details).toMatchObject({ code: "InvalidParameter", retrySafe: true });
    expect((await simJob(twoWayRunning.jobId)).instance.forward.status).toBe("Synchronizing");
  });

  it("the task list leaves reverse items out; the task page leads to the forward task", async () => {
    const page = await listTasks(h.client(), query({ region: twoWayRunning.region, q: twoWayRunning.instanceId }));
    expect(page.items.map((t) => t.jobId)).toEqual([twoWayRunning.jobId]);
    expect(page.items[0]).toMatchObject({ twoWay: true, reverse: { jobId: twoWayRunning.reverseJobId } });

    const { job, detail } = await getTaskWithDetail(h.client(), twoWayRunning.region, twoWayRunning.reverseJobId!);
    expect(job.jobId).toBe(twoWayRunning.jobId);
    expect(detail.reverse?.jobId).toBe(twoWayRunning.reverseJobId);
  });

  it("refuses a reset naming the reverse item, and resets it through its forward task", async () => {
    const base = { region: twoWayRunning.region, instanceId: twoWayRunning.instanceId, confirmation: twoWayRunning.reverseJobId! };
    const refused = await domainError(performReset(ctxOf({ client: h.client(), store }), twoWayRunning.reverseJobId!, request({ ...base, direction: "Forward" }), actor));
    expect([refused.code, ERROR_STATUS[refused.code]]).toEqual(["reverse_task_item", 409]);
    expect(refused.message).toContain("forward task");
    expect(await h.calls("ResetDtsJob")).toHaveLength(0);

    const { record } = await performReset(ctxOf({ client: h.client(), store }), twoWayRunning.jobId, request({ ...base, direction: "Reverse" }), actor);
    expect(record).toMatchObject({ status: "succeeded", direction: "Reverse", resetJobId: twoWayRunning.reverseJobId });
    const [call] = await h.calls("ResetDtsJob");
    expect(call?.params).toMatchObject({ DtsJobId: twoWayRunning.jobId, SynchronizationDirection: "Reverse" });
    const after = (await simJob(twoWayRunning.jobId)).instance;
    expect([after.forward.status, after.reverse?.status]).toEqual(["Synchronizing", "NotConfigured"]);
    // Reconciliation reads the instance's forward item, not the reverse one beside it.
    expect(await reconcileOnce(ctxOf({ client: h.client(), store }))).toMatchObject({ verified: 1 });
  });
});

describe("refused resets as DTS sends them (resetRefusal)", () => {
  it.each([
    ["InvalidJobStatus", 403, "gateway"],
    ["DTS.Msg.OperationDenied.JobStatusModifying", 403, "gateway"],
    ["UpdateJob.OperationDenied.InitStatus", 403, "dts"],
    ["InvalidJobStatus", 403, "dts200"],
  ] as const)("records %s (HTTP %i, %s body) as a failed reset with DTS's code and message", async (code, httpStatus, style) => {
    await configure({ resetRefusal: { code, httpStatus, style, message: "The job status %s does not allow this operation." } });
    // The console reads the task resettable; by the time DTS gets the reset, it is prechecking.
    await sim("holds", "POST", { action: "ResetDtsJob" });
    const pending = performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, request(), actor).then(
      () => null,
      (e: unknown) => e,
    );
    await vi.waitFor(async () => expect(((await sim("holds")).held as unknown[]).length).toBe(1), { timeout: 5_000, interval: 20 });
    await sim(`jobs/${oneWayRunning.jobId}/status`, "POST", { status: "Prechecking" });
    await sim("holds/release", "POST");

    const error = (await pending) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe("dts_error");
    const [record] = await listResetsForInstance(store, oneWayRunning.instanceId);
    expect(record).toMatchObject({
      status: "failed",
      errorCode: code,
      errorKind: "conflict",
      retrySafe: true,
      errorMessage: "The job status Prechecking does not allow this operation.",
    });
    expect(record?.httpStatus).toBe(style === "dts200" ? 200 : httpStatus);
    expect((await simJob(oneWayRunning.jobId)).instance.forward.status).toBe("Prechecking");
  });
});

describe("page sizes (pageSizes)", () => {
  async function pageIds(client: ReturnType<Harness["client"]>, page: number, pageSize: number): Promise<string[]> {
    return (await listTasks(client, query({ region: "cn-hangzhou", page, pageSize }))).items.map((t) => t.jobId);
  }

  it("under the older set (30/50/100) asks once for 10 or 20, then takes its page out of a larger DTS page", async () => {
    const expected = { p2s20: await pageIds(h.client(), 2, 20), p3s10: await pageIds(h.client(), 3, 10), p1s30: await pageIds(h.client(), 1, 30) };
    await sim("calls", "DELETE");
    await configure({ pageSizes: "legacy" });
    const client = h.client();
    const p2s20 = await listTasks(client, query({ region: "cn-hangzhou", page: 2, pageSize: 20 }));
    expect(p2s20.items.map((t) => t.jobId)).toEqual(expected.p2s20);
    expect(p2s20).toMatchObject({ page: 2, pageSize: 20 });
    expect(await pageIds(client, 3, 10)).toEqual(expected.p3s10);
    expect(await pageIds(client, 1, 30)).toEqual(expected.p1s30);
    const calls = (await h.calls("DescribeDtsJobs")).map((c) => [c.params.PageSize, c.params.PageNumber, c.code]);
    expect(calls).toEqual([
      ["20", "2", "InvalidParameter"], // refused once; from then on the older set
      ["100", "1", null],
      ["30", "1", null],
      ["30", "1", null],
    ]);
  });

  it("under the SDK set (10/20/30) sends each page size as is", async () => {
    await configure({ pageSizes: "sdk" });
    const sizes = [];
    for (const pageSize of [10, 20, 30]) sizes.push((await pageIds(h.client(), 1, pageSize)).length);
    expect(sizes).toEqual([10, 20, 26]); // cn-hangzhou holds 26 synchronization tasks
    expect((await h.calls("DescribeDtsJobs")).map((c) => [c.params.PageSize, c.code])).toEqual([["10", null], ["20", null], ["30", null]]);
  });
});

describe("DescribeDtsJobDetail's Delay unit (detailDelayUnit)", () => {
  it.each(["seconds", "milliseconds"] as const)("the task page shows the delay in seconds when DTS sends %s", async (unit) => {
    await configure({ detailDelayUnit: unit });
    const { job, detail } = await getTaskWithDetail(h.client(), twoWayRunning.region, twoWayRunning.jobId);
    expect(job.reverse?.delaySeconds).toBe(2);
    expect(detail.reverse?.raw.Delay).toBe(unit === "milliseconds" ? 2_000 : 2);
    expect(detail.reverse?.delay).toBe(2);
    expect(detail.forward.delay).toBe(job.delaySeconds);
  });
});

describe("resetting one direction of a two-way instance (twoWayResetEffect)", () => {
  const forwardRequest = () => request({ region: twoWayRunning.region, instanceId: twoWayRunning.instanceId, confirmation: twoWayRunning.jobId });

  it.each([
    ["none", "Synchronizing"],
    ["stop-other", "Suspending"],
    ["reset-other", "NotConfigured"],
  ] as const)("%s: the snapshot keeps the other direction's configuration; DTS leaves it %s", async (effect, reverseAfter) => {
    await configure({ twoWayResetEffect: effect });
    const { record } = await performReset(ctxOf({ client: h.client(), store }), twoWayRunning.jobId, forwardRequest(), actor);
    expect(record.status).toBe("succeeded");
    // The list item snapshot holds the reverse task nested, with its endpoints and objects.
    const reverse = record.snapshotJob.ReverseJob as Record<string, unknown>;
    expect(reverse).toMatchObject({ DtsJobId: twoWayRunning.reverseJobId, Status: "Synchronizing" });
    expect(String(reverse.DbObject)).toContain("member");
    expect((reverse.SourceEndpoint as Record<string, unknown>).InstanceID).toBeTruthy();
    expect((await simJob(twoWayRunning.jobId)).instance.reverse?.status).toBe(reverseAfter);
    expect(await reconcileOnce(ctxOf({ client: h.client(), store }))).toMatchObject({ verified: 1 });
  });
});

describe("DTS's rate limits, enforced by default", () => {
  it("fifty readers through the console's quota gate: every one answered, DTS never throttles", async () => {
    expect(((await sim("config")).config as { rateLimit: { enabled: boolean } }).rateLimit.enabled).toBe(true);
    const client = withQuota(h.client(), createQuotaGate());
    const queries = [1, 2, 3].flatMap((page) => [query({ region: "cn-hangzhou", page }), query({ region: "cn-shanghai", page })]);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => listTasks(client, queries[i % queries.length]!)));
    expect(answers.every((a) => a.freshness.limited === false)).toBe(true);
    const calls = await h.calls("DescribeDtsJobs");
    // Identical reads are made once: one call per distinct page.
    expect(calls).toHaveLength(queries.length);
    expect(calls.filter((c) => c.code === "Throttling.User")).toHaveLength(0);
  });
});
