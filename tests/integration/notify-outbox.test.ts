// Notifications end to end inside one process, on SQLite and PostgreSQL: a real reset against the
// simulator writes its event in the outbox, the real delivery worker posts it to a real HTTP
// receiver on loopback, signed per Standard Webhooks and verified with the spec's own library.
// Retries keep the webhook-id; a receiver that stays down never holds a reset up and shows as a
// backlog; a change that rolls back leaves no event; two workers on one PostgreSQL database
// deliver each event once; no secret reaches the database file or a log line. The tests wait on
// the receiver's requests and on stored states, never on a guessed duration.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { sql } from "kysely";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import { openDatabase, type OpenDatabaseOptions } from "@/lib/db/open";
import type { AuditStore } from "@/lib/db/store";
import { createContext, DEFAULT_SETTINGS, type ConsoleContext, type Logger, type NotifySettings } from "@/lib/context";
import { singleAccount } from "@/lib/accounts/registry";
import { performReset } from "@/lib/reset/perform-reset";
import { requestReset } from "@/lib/approvals/service";
import { beginAttempt, finishAttempt } from "@/lib/audit/reset-attempts";
import { createChannel, listChannelViews, targetOf } from "@/lib/notify/channels";
import { prepareChannels } from "@/lib/notify/background";
import { configWebhookSecret, urlPreview } from "@/lib/notify/sealing";
import { sealedKeyId, secretKeyId } from "@/lib/notify/secret-box";
import { getChannel } from "@/lib/notify/store";
import { createDeliveryWorker, retryDelayMs, type DeliveryWorker } from "@/lib/notify/worker";
import { listDeliveries } from "@/lib/notify/store";
import type { ChannelCreateInput } from "@/lib/domain/notifications";
import { describeDialects, freshLocation } from "../unit/audit-helpers";
import { oneWayResetRequest, startHarness, TEST_ACTOR, type Harness } from "./dts-harness";
import { Receiver, until } from "./notify-receiver";

process.env.LOG_LEVEL = "silent";
const { oneWayRunning } = SEED_FIXTURES;
const KEY = randomBytes(32);
const WEBHOOK_SECRET = `whsec_${randomBytes(32).toString("base64")}`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ rateLimit: false });
});
afterAll(() => h.close());

/** A logger that keeps every line, to look for secrets in. */
function capturingLogger(lines: string[]): Logger {
  const keep = (level: string) => (event: string, fields: Record<string, unknown> = {}) => void lines.push(JSON.stringify({ level, event, ...fields }));
  return { debug: keep("debug"), info: keep("info"), warn: keep("warn"), error: keep("error") };
}

const notifySettings = (extra: Partial<NotifySettings> = {}): NotifySettings => ({
  ...DEFAULT_SETTINGS.notify,
  consoleOrigin: "https://dts.example.com",
  allowLoopback: true,
  timeoutMs: 2_000,
  retryBaseMs: 10,
  keys: { current: KEY, previous: null },
  ...extra,
});

function contextFor(store: AuditStore, lines: string[] = []): ConsoleContext {
  return createContext({
    store,
    accounts: singleAccount(h.client()),
    log: capturingLogger(lines),
    settings: { approval: { required: true, ttlHours: 24 }, notify: notifySettings() },
  });
}

const webhookChannel = (url: string, events?: ChannelCreateInput["events"]): ChannelCreateInput => ({
  kind: "webhook",
  name: "audit hook",
  url,
  secret: WEBHOOK_SECRET,
  events: events ?? ["reset.succeeded", "reset.failed", "reset.unknown", "reset.requested"],
  language: "en",
  enabled: true,
});

interface WebhookPayload {
  type: string;
  data: { id: string; subject: { kind: string; id: string; url: string }; summary: Record<string, unknown> };
}

function verified(received: { body: string; headers: Record<string, unknown> }): WebhookPayload {
  return new Webhook(WEBHOOK_SECRET).verify(received.body, received.headers as Record<string, string>) as WebhookPayload;
}

describeDialects("the outbox and the delivery worker", (dialect) => {
  let location: OpenDatabaseOptions;
  let store: AuditStore;
  let receiver: Receiver;
  const workers: DeliveryWorker[] = [];
  const extraStores: AuditStore[] = [];

  function startWorker(ctx: ConsoleContext): DeliveryWorker {
    const worker = createDeliveryWorker(ctx);
    workers.push(worker);
    worker.start();
    return worker;
  }

  beforeEach(async () => {
    await h.control("reset", { method: "POST" });
    location = freshLocation(dialect);
    store = await openDatabase(location);
    receiver = await Receiver.start();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await receiver.close();
    for (const s of extraStores.splice(0)) await s.close();
    await store.close();
  });

  it("a reset's outcome reaches the channel, signed, linking to its record", async () => {
    const ctx = contextFor(store);
    const channel = await createChannel(ctx, webhookChannel(receiver.url()), "admin");
    startWorker(ctx);
    const { record } = await performReset(ctx, oneWayRunning.jobId, oneWayResetRequest(), TEST_ACTOR);
    expect(record.status).toBe("succeeded");
    const [hit] = await receiver.waitFor(1);
    const payload = verified(hit!);
    expect(payload).toMatchObject({ type: "reset.succeeded", data: { subject: { kind: "reset", id: record.id, url: `https://dts.example.com/resets/${record.id}` } } });
    expect(payload.data.summary).toMatchObject({ task: oneWayRunning.jobId, outcome: "succeeded" });
    expect(hit!.headers["webhook-id"]).toBe(payload.data.id);
    const [delivery] = await until("the delivery recorded", async () => {
      const list = await listDeliveries(store, { limit: 5 });
      return list[0]?.status === "delivered" ? list : undefined;
    });
    expect(delivery).toMatchObject({ channelId: channel.id, eventType: "reset.succeeded", attempts: 1, lastStatus: 200 });
  });

  it("a receiver that refuses twice and then accepts gets the event once, with the same webhook-id every try", async () => {
    receiver.answer = (r) => (r.n <= 2 ? { status: r.n === 1 ? 503 : 429 } : { status: 204 });
    const ctx = contextFor(store);
    await createChannel(ctx, webhookChannel(receiver.url()), "admin");
    startWorker(ctx);
    await performReset(ctx, oneWayRunning.jobId, oneWayResetRequest(), TEST_ACTOR);
    const tries = await receiver.waitFor(3);
    const ids = tries.map((t) => t.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(1);
    for (const t of tries) expect(verified(t).type).toBe("reset.succeeded");
    const [delivery] = await until("the delivery delivered", async () => {
      const list = await listDeliveries(store, { limit: 5 });
      return list[0]?.status === "delivered" ? list : undefined;
    });
    expect(delivery).toMatchObject({ attempts: 3, lastStatus: 204, eventId: ids[0] });
    expect(receiver.requests).toHaveLength(3); // accepted once: nothing more is sent
  });

  it("a receiver down for the whole test leaves resets working and the backlog visible", async () => {
    const down = receiver.url();
    await receiver.close();
    const ctx = contextFor(store);
    const channel = await createChannel(ctx, webhookChannel(down), "admin");
    startWorker(ctx);
    const { record } = await performReset(ctx, oneWayRunning.jobId, oneWayResetRequest(), TEST_ACTOR);
    expect(record.status).toBe("succeeded");
    const view = await until("a failed try on the channel", async () => {
      const [c] = await listChannelViews(ctx);
      return c?.lastDelivery ? c : undefined;
    });
    expect(view).toMatchObject({ id: channel.id, backlog: 1, delivered: 0, lastDelivery: { status: "pending", httpStatus: null } });
    expect(view.lastDelivery!.detail).toMatch(/refused|reach|connect/i);
    receiver = await Receiver.start(); // for afterEach
  });

  it("a change that rolls back writes no event and sends nothing", async () => {
    const ctx = contextFor(store);
    await createChannel(ctx, webhookChannel(receiver.url()), "admin");
    // A fault after the event is written, inside the outcome's transaction: the whole of it rolls back.
    if (dialect === "sqlite") {
      await sql`CREATE TRIGGER test_fault BEFORE INSERT ON notification_deliveries BEGIN SELECT RAISE(ABORT, 'test fault'); END`.execute(store.db);
    } else {
      await sql`CREATE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test fault'; END $$`.execute(store.db);
      await sql`CREATE TRIGGER test_fault BEFORE INSERT ON notification_deliveries FOR EACH ROW EXECUTE FUNCTION test_fault()`.execute(store.db);
    }
    const begun = await beginAttempt(store, {
      account: "default",
      jobId: oneWayRunning.jobId,
      instanceId: oneWayRunning.instanceId,
      region: oneWayRunning.region,
      jobType: "SYNC",
      taskName: oneWayRunning.name,
      direction: "Forward",
      resetJobId: oneWayRunning.jobId,
      reason: "rollback test",
      actor: TEST_ACTOR,
      idempotencyKey: null,
      snapshotJob: {},
      snapshotDetail: {},
    } as Parameters<typeof beginAttempt>[1]);
    expect(begun.kind).toBe("created");
    await expect(finishAttempt(store, begun.record.id, { status: "succeeded", finishedAt: new Date(), requestId: "R-1", httpStatus: 200 } as Parameters<typeof finishAttempt>[2])).rejects.toThrow(/test fault/);
    const events = await sql<{ n: number | string }>`select count(*) as n from notification_events`.execute(store.db);
    expect(Number(events.rows[0]!.n)).toBe(0);
    const row = await sql<{ status: string }>`select status from reset_attempts where id = ${begun.record.id}`.execute(store.db);
    expect(row.rows[0]!.status).toBe("pending");
    // The worker finds nothing to send.
    const worker = startWorker(ctx);
    worker.kick();
    expect(await listDeliveries(store, { limit: 5 })).toEqual([]);
    expect(receiver.requests).toHaveLength(0);
  });

  it("keeps the channel's secret and URL token out of the database file, the answers and the logs", async () => {
    const lines: string[] = [];
    const ctx = contextFor(store, lines);
    const token = `tok${randomBytes(12).toString("hex")}`;
    const view = await createChannel(ctx, webhookChannel(receiver.url(`/hook?access_token=${token}`)), "admin");
    expect(view.hasSecret).toBe(true);
    expect(JSON.stringify(view)).not.toContain(WEBHOOK_SECRET);
    expect(JSON.stringify(view)).not.toContain(token);
    startWorker(ctx);
    await requestReset(ctx, oneWayRunning.jobId, oneWayResetRequest(), { username: "alice", role: "operator", owner: "alice", address: null, userAgent: null });
    const [hit] = await receiver.waitFor(1);
    expect(hit!.path).toContain(token); // the receiver got it; nobody else
    await until("the delivery recorded", async () => ((await listDeliveries(store, { limit: 1 }))[0]?.status === "delivered" ? true : undefined));
    const answers = JSON.stringify([await listChannelViews(ctx), await listDeliveries(store, { limit: 10 })]);
    const secretBody = WEBHOOK_SECRET.slice("whsec_".length);
    for (const secret of [WEBHOOK_SECRET, secretBody, token]) {
      expect(answers).not.toContain(secret);
      expect(lines.join("\n")).not.toContain(secret);
    }
    if (dialect === "sqlite") {
      const path = (location as { path: string }).path;
      const files = [path, `${path}-wal`, `${path}-shm`].filter((f) => fs.existsSync(f));
      const bytes = Buffer.concat(files.map((f) => fs.readFileSync(f)));
      expect(bytes.length).toBeGreaterThan(0);
      for (const secret of [WEBHOOK_SECRET, secretBody, token]) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    } else {
      const rows = await sql<{ t: string }>`select url_sealed || coalesce(secret_sealed, '') || url_preview as t from notification_channels`.execute(store.db);
      for (const secret of [WEBHOOK_SECRET, secretBody, token]) expect(rows.rows[0]!.t).not.toContain(secret);
    }
  });

  it("paces a DingTalk robot to its 20 a minute by delaying the next message, never failing it", async () => {
    const ctx = contextFor(store);
    await createChannel(ctx, { kind: "dingtalk", name: "robot", url: receiver.url("/robot/send?access_token=t0k3n"), secret: null, events: ["reset.requested"], language: "zh-CN", enabled: true }, "admin");
    startWorker(ctx);
    const participant = { username: "alice", role: "operator", owner: "alice", address: null, userAgent: null };
    await requestReset(ctx, oneWayRunning.jobId, oneWayResetRequest({ reason: "first" }), participant);
    await requestReset(ctx, oneWayRunning.jobId, oneWayResetRequest({ reason: "second" }), participant);
    const [first, second] = await receiver.waitFor(2);
    // One message every 3 s (DingTalk's 20 a minute); a few ms of timer slack allowed.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(2_990);
    const list = await until("both delivered", async () => {
      const d = await listDeliveries(store, { limit: 5 });
      return d.length === 2 && d.every((x) => x.status === "delivered") ? d : undefined;
    });
    expect(list.map((d) => d.attempts)).toEqual([1, 1]);
  });

  it("seals every channel again under a new key at start, reading it with the previous one (rotation)", async () => {
    const ctx = contextFor(store);
    const created = await createChannel(ctx, webhookChannel(receiver.url("/hook?key=abc")), "admin");
    const newKey = randomBytes(32);
    const rotated = createContext({ store, accounts: singleAccount(h.client()), settings: { notify: notifySettings({ keys: { current: newKey, previous: KEY } }) } });
    await prepareChannels(rotated);
    const channel = (await getChannel(store, created.id))!;
    expect(sealedKeyId(channel.urlSealed!)).toBe(secretKeyId(newKey));
    expect(sealedKeyId(channel.secretSealed!)).toBe(secretKeyId(newKey));
    // The previous key is no longer needed: the new one alone opens both.
    const target = targetOf(notifySettings({ keys: { current: newKey, previous: null } }), channel);
    expect(target).toMatchObject({ url: receiver.url("/hook?key=abc"), secret: WEBHOOK_SECRET });
  });

  it.runIf(dialect === "postgres")("two workers on one PostgreSQL database deliver each event once", async () => {
    const ctx = contextFor(store);
    await createChannel(ctx, webhookChannel(receiver.url()), "admin");
    const second = await openDatabase(location);
    extraStores.push(second);
    // Two instances: each its own pool and its own worker, polling the same deliveries.
    startWorker(ctx);
    startWorker(contextFor(second));
    const EVENTS = 12;
    for (let n = 0; n < EVENTS; n++) {
      await requestReset(n % 2 ? ctx : contextFor(second), oneWayRunning.jobId, oneWayResetRequest({ reason: `request ${n}` }), { username: "alice", role: "operator", owner: "alice", address: null, userAgent: null });
    }
    await receiver.waitFor(EVENTS);
    await until("every delivery delivered", async () => {
      const list = await listDeliveries(store, { limit: 50 });
      return list.length === EVENTS && list.every((d) => d.status === "delivered") ? list : undefined;
    });
    const ids = receiver.requests.map((r) => r.headers["webhook-id"]);
    expect(ids).toHaveLength(EVENTS);
    expect(new Set(ids).size).toBe(EVENTS);
  });
});

it("backs off exponentially with jitter, capped at an hour, never before Retry-After", () => {
  expect(retryDelayMs(1, 1_000, () => 1)).toBe(1_000);
  expect(retryDelayMs(1, 1_000, () => 0)).toBe(500);
  expect(retryDelayMs(4, 1_000, () => 1)).toBe(8_000);
  expect(retryDelayMs(30, 30_000, () => 1)).toBe(3_600_000);
  expect(retryDelayMs(1, 1_000, () => 0, 60_000)).toBe(60_000);
});

it("shows a URL with its tokens masked: query values and long path segments", () => {
  expect(urlPreview("https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef")).toBe("https://oapi.dingtalk.com/robot/send?access_token=…");
  expect(urlPreview("https://open.feishu.cn/open-apis/bot/v2/hook/3f6c1a9e-5b7d-4c2e-9a1f-0e8d7c6b5a49")).toBe("https://open.feishu.cn/open-apis/bot/v2/hook/…");
  expect(urlPreview("https://hooks.slack.com/services/T0000AAAA/B0000BBBB/XXXXXXXXXXXXXXXXXXXXXXXX")).toBe("https://hooks.slack.com/services/…/…/…");
  expect(urlPreview("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx")).toBe("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…");
});

it("turns APPROVAL_WEBHOOK_SECRET into a Standard Webhooks secret, keeping one that already is", () => {
  expect(configWebhookSecret("webhook-secret-1")).toBe(`whsec_${Buffer.from("webhook-secret-1").toString("base64")}`);
  expect(configWebhookSecret(WEBHOOK_SECRET)).toBe(WEBHOOK_SECRET);
  expect(configWebhookSecret(null)).toBeNull();
});
