// The approval use cases against the real simulator over HTTP, on SQLite and PostgreSQL: expiry
// by an injected clock, two approvals at once (one ResetDtsJob, across two connections' worth of
// store handles on PostgreSQL), the snapshot hash, and APPROVAL_WEBHOOK_URL's notice (a channel of
// the outbox, signed per Standard Webhooks; a receiver that is down never blocks the request).
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import { openDatabase } from "@/lib/db/open";
import type { AuditStore } from "@/lib/db/store";
import { approveRequest, requestReset, type ApprovalSettings, type Participant } from "@/lib/approvals/service";
import { DEFAULT_SETTINGS, type ConsoleContext } from "@/lib/context";
import { prepareChannels } from "@/lib/notify/background";
import { configWebhookSecret } from "@/lib/notify/sealing";
import { createDeliveryWorker, type DeliveryWorker } from "@/lib/notify/worker";
import { listDeliveries } from "@/lib/notify/store";
import { Receiver, until } from "./notify-receiver";
import { snapshotHash } from "@/lib/guarded/snapshot-hash";
import { getResetRequest } from "@/lib/approvals/store";
import { ERROR_STATUS } from "@/lib/api/errors";
import { DomainError } from "@/lib/domain/errors";
import type { ResetRequest } from "@/lib/domain/reset";
import { describeDialects, freshLocation } from "../unit/audit-helpers";
import { startHarness, type Harness, ctxOf } from "./dts-harness";

process.env.LOG_LEVEL = "silent";
const { oneWayRunning } = SEED_FIXTURES;
const alice: Participant = { username: "alice", role: "operator", owner: "alice", address: "127.0.0.1", userAgent: "vitest" };
const bob: Participant = { username: "bob", role: "operator", owner: "bob", address: "127.0.0.1", userAgent: "vitest" };
const carol: Participant = { username: "carol", role: "admin", owner: "carol", address: "127.0.0.1", userAgent: "vitest" };
const body: ResetRequest = {
  region: oneWayRunning.region as ResetRequest["region"],
  instanceId: oneWayRunning.instanceId,
  direction: "Forward",
  confirmation: oneWayRunning.jobId,
  reason: "Stuck after DDL on orders.order_item",
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ rateLimit: false });
});
afterAll(() => h.close());

async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const { code, data } = error as DomainError;
    return { status: ERROR_STATUS[code], code, data };
  }
  throw new Error("expected a DomainError");
}

describeDialects("approval use cases", (dialect) => {
  let store: AuditStore;
  let second: AuditStore;
  let now: Date;
  const settings: ApprovalSettings = { required: true, ttlHours: 24 };
  const deps = (s: AuditStore = store): ConsoleContext => ctxOf({ client: h.client(), store: s, now: () => now, settings: { approval: settings } });

  beforeEach(async () => {
    await h.control("reset", { method: "POST" });
    now = new Date();
    const location = freshLocation(dialect);
    store = await openDatabase(location);
    // A second handle on the same database: on PostgreSQL, a second console instance's pool.
    second = dialect === "postgres" ? await openDatabase(location) : store;
  });
  afterEach(async () => {
    if (second !== store) await second.close();
    await store.close();
  });

  it("a request expires after the TTL: 410 request_expired, nothing sent", async () => {
    const { request } = await requestReset(deps(), oneWayRunning.jobId, body, alice);
    now = new Date(now.getTime() + 24 * 3_600_000 + 1);
    const error = await failure(approveRequest(deps(), request.id, bob, null));
    expect(error).toMatchObject({ status: 410, code: "request_expired" });
    expect((await getResetRequest(store, request.id))!.status).toBe("expired");
    expect(await h.calls("ResetDtsJob")).toHaveLength(0);
  });

  it("two approvals at once, through two store handles, send one ResetDtsJob", async () => {
    const { request } = await requestReset(deps(), oneWayRunning.jobId, body, alice);
    const results = await Promise.allSettled([approveRequest(deps(store), request.id, bob, null), approveRequest(deps(second), request.id, carol, null)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as DomainError).code).toBe("request_not_pending");
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
    const stored = await getResetRequest(store, request.id);
    expect(stored).toMatchObject({ status: "approved" });
    expect(stored!.resetId).toBeTruthy();
  });

  it("a reset refused after approval (another reset got there first) invalidates the request; nothing sent by it", async () => {
    const { request } = await requestReset(deps(), oneWayRunning.jobId, body, alice);
    // The task's status is unchanged but a hold keeps another reset in flight on it.
    await h.control("holds", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: "ResetDtsJob", runAt: "release" }) });
    const { performReset } = await import("@/lib/reset/perform-reset");
    const direct = performReset(ctxOf({ client: h.client(), store }), oneWayRunning.jobId, body, { username: "dave", role: "operator", address: null, userAgent: null }).catch((e: unknown) => e);
    await expect.poll(async () => ((await (await h.control("holds")).json()) as { held: unknown[] }).held.length).toBe(1);
    const error = await failure(approveRequest(deps(), request.id, bob, null));
    expect(error.code).toBe("request_invalidated");
    await h.control("holds/release", { method: "POST" });
    await direct;
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
    expect((await getResetRequest(store, request.id))!.status).toBe("invalidated");
  });
});

it("hashes the configuration, not what changes by itself while a task runs", () => {
  const job = { DtsJobId: "j1", DbObject: '{"orders":{}}', Status: "Synchronizing", Delay: 3, Checkpoint: "1700000000", SourceEndpoint: { InstanceID: "rm-1" } };
  const detail = { DbObject: '{"orders":{}}', Status: "Synchronizing", RequestId: "R1" };
  const base = snapshotHash(job, detail);
  expect(snapshotHash({ ...job, Delay: 40, Checkpoint: "1700000999", Status: "Failed" }, { ...detail, RequestId: "R2" })).toBe(base);
  expect(snapshotHash({ ...job, DbObject: '{"orders":{},"users":{}}' }, detail)).not.toBe(base);
  expect(snapshotHash({ ...job, SourceEndpoint: { InstanceID: "rm-2" } }, detail)).not.toBe(base);
});

describeDialects("APPROVAL_WEBHOOK_URL: a webhook channel of the outbox", (dialect) => {
  let store: AuditStore;
  let receiver: Receiver;
  let worker: DeliveryWorker;
  const settings: ApprovalSettings = { required: true, ttlHours: 24 };

  async function deps(): Promise<ConsoleContext> {
    const ctx = ctxOf({
      client: h.client(),
      store,
      settings: { approval: settings, notify: { ...DEFAULT_SETTINGS.notify, allowLoopback: true, retryBaseMs: 10, configChannel: { url: receiver.url(), secret: "webhook-secret-1" } } },
    });
    await prepareChannels(ctx);
    worker = createDeliveryWorker(ctx);
    worker.start();
    return ctx;
  }

  beforeEach(async () => {
    await h.control("reset", { method: "POST" });
    store = await openDatabase(freshLocation(dialect));
    receiver = await Receiver.start();
  });
  afterEach(async () => {
    await worker.stop();
    await receiver.close();
    await store.close();
  });

  it("delivers reset.requested signed per Standard Webhooks, and shows the notice as sent on the request", async () => {
    const outcome = await requestReset(await deps(), oneWayRunning.jobId, body, alice);
    const [hit] = await receiver.waitFor(1);
    const payload = new Webhook(configWebhookSecret("webhook-secret-1")!).verify(hit!.body, hit!.headers as Record<string, string>) as { type: string; data: { subject: { id: string } } };
    expect(payload).toMatchObject({ type: "reset.requested", data: { subject: { id: outcome.request.id } } });
    expect(hit!.headers["content-type"]).toMatch(/^application\/json/);
    const stored = await until("the notice", async () => {
      const request = await getResetRequest(store, outcome.request.id);
      return request?.notice.status === "sent" ? request : undefined;
    });
    expect(stored.events.map((e) => e.type)).toEqual(["requested", "notice_sent"]);
  });

  it("a receiver that is down does not block the request: its delivery waits, retried", async () => {
    receiver.answer = () => ({ status: 503 });
    const outcome = await requestReset(await deps(), oneWayRunning.jobId, body, alice);
    expect(outcome.request.status).toBe("pending");
    await receiver.waitFor(2);
    const [delivery] = await listDeliveries(store, { limit: 10 });
    expect(delivery).toMatchObject({ eventType: "reset.requested", status: "pending", lastStatus: 503 });
    const stored = await getResetRequest(store, outcome.request.id);
    expect(stored!.status).toBe("pending");
    expect(stored!.notice.status).toBe("none");
  });
});
