// The notification channels over the JSON API (issue 24): the real route handlers, the real
// simulator, a real SQLite file, the process's own delivery worker (started as instrumentation.ts
// starts it) and real receivers on loopback. Admin only; a URL the console must not post to is a
// 422 with a message; the secret never comes back, nor reaches a log line; "Send test" answers
// what the receiver said, DingTalk's signature checked the way DingTalk checks it; a failed
// delivery is retried by hand. Nothing sleeps: the receiver's requests and stored states are awaited.
import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import type { ChannelTestResult, ChannelView, DeliveryView } from "@/lib/domain/notification-views";
import { startHarness, type Harness } from "./dts-harness";
import { callReset, callRoute, signInCookie, type RouteHandler } from "./reset-route-client";
import { routeSuiteLifecycle, simulatorConsoleEnv } from "./route-suite";
import { Receiver, until } from "./notify-receiver";

const { oneWayRunning } = SEED_FIXTURES;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "notify-routes-"));
const saved = { ...process.env };
const DINGTALK_SECRET = `SEC${randomBytes(24).toString("hex")}`;
const ROBOT_TOKEN = randomBytes(20).toString("hex");

let h: Harness;
let receiver: Receiver;
let routes: Record<"signIn" | "list" | "create" | "patch" | "remove" | "test" | "deliveries" | "retry" | "reset", RouteHandler>;
const cookies: Record<string, string> = {};
const logged: string[] = [];

beforeAll(async () => {
  h = await startHarness({ rateLimit: false });
  receiver = await Receiver.start();
  Object.assign(
    process.env,
    simulatorConsoleEnv(h, dir, {
      LOG_LEVEL: "debug",
      NOTIFY_SECRET_KEY: randomBytes(32).toString("base64"),
      NOTIFY_ALLOW_LOOPBACK: "true",
      NOTIFY_RETRY_BASE_MS: "10",
      NOTIFY_TIMEOUT_MS: "2000",
      CONSOLE_PUBLIC_ORIGIN: "https://dts.example.com",
    }),
  );
  // Every log line this process writes, to look for the secret in.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, "write").mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
      logged.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write);
  }
  const load = async (p: string) => (await import(p)) as Record<string, RouteHandler>;
  const channels = await load("@/app/api/admin/notification-channels/route");
  const one = await load("@/app/api/admin/notification-channels/[id]/route");
  routes = {
    signIn: (await load("@/app/api/auth/sign-in/route")).POST!,
    list: channels.GET!,
    create: channels.POST!,
    patch: one.PATCH!,
    remove: one.DELETE!,
    test: (await load("@/app/api/admin/notification-channels/[id]/test/route")).POST!,
    deliveries: (await load("@/app/api/admin/notification-deliveries/route")).GET!,
    retry: (await load("@/app/api/admin/notification-deliveries/[id]/retry/route")).POST!,
    reset: (await load("@/app/api/jobs/[jobId]/reset/route")).POST!,
  };
  const { startNotificationWorker } = await import("@/lib/notify/background");
  startNotificationWorker();
  cookies.admin = await signInCookie(routes.signIn, "demo-admin");
  cookies.operator = await signInCookie(routes.signIn, "demo");
  cookies.viewer = await signInCookie(routes.signIn, "demo-viewer");
});
afterAll(async () => {
  vi.restoreAllMocks();
  await receiver.close();
});
routeSuiteLifecycle(() => ({ harness: h, env: saved, dir }));

async function json<T>(pending: Promise<Response>): Promise<{ status: number; body: T }> {
  const response = await pending;
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

const create = (body: unknown, cookie = cookies.admin!) => json<{ channel?: ChannelView; error?: { code: string; message: string } }>(callRoute(routes.create, "/api/admin/notification-channels", { method: "POST", body, cookie }));
const list = async () => (await json<{ channels: ChannelView[] }>(callRoute(routes.list, "/api/admin/notification-channels", { cookie: cookies.admin }))).body.channels;
const deliveries = async () => (await json<{ deliveries: DeliveryView[] }>(callRoute(routes.deliveries, "/api/admin/notification-deliveries", { cookie: cookies.admin }))).body.deliveries;

describe("notification channels over the API", () => {
  it("refuses operators and viewers (403) on every route", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    for (const who of ["operator", "viewer"]) {
      const cookie = cookies[who]!;
      const answers = await Promise.all([
        callRoute(routes.list, "/api/admin/notification-channels", { cookie }),
        callRoute(routes.create, "/api/admin/notification-channels", { method: "POST", body: {}, cookie }),
        callRoute(routes.patch, `/api/admin/notification-channels/${id}`, { method: "PATCH", body: { enabled: false }, cookie }, { id }),
        callRoute(routes.remove, `/api/admin/notification-channels/${id}`, { method: "DELETE", cookie }, { id }),
        callRoute(routes.test, `/api/admin/notification-channels/${id}/test`, { method: "POST", cookie }, { id }),
        callRoute(routes.deliveries, "/api/admin/notification-deliveries", { cookie }),
        callRoute(routes.retry, `/api/admin/notification-deliveries/${id}/retry`, { method: "POST", cookie }, { id }),
      ]);
      expect(answers.map((a) => a.status), who).toEqual([403, 403, 403, 403, 403, 403, 403]);
    }
  });

  it("refuses a URL the console must not post to with 422 and a message; a bad body with 400", async () => {
    for (const url of ["https://10.0.0.8/hook", "https://192.168.1.20/robot/send?access_token=x", "https://169.254.169.254/latest", "http://example.com/hook"]) {
      const { status, body } = await create({ kind: "webhook", name: "inside", url });
      expect({ url, status, code: body.error?.code }).toEqual({ url, status: 422, code: "channel_url_refused" });
      expect(body.error!.message).toMatch(/will not post/);
    }
    const wrong = await create({ kind: "wecom", name: "x", url: receiver.url(), secret: "not-for-wecom" });
    expect(wrong.status).toBe(400);
    expect((await list()).length).toBe(0);
  });

  it("adds a DingTalk channel (secret write-only), sends a test signed as DingTalk checks it, and shows the answer", async () => {
    const created = await create({ kind: "dingtalk", name: "DBA 群", url: receiver.url(`/robot/send?access_token=${ROBOT_TOKEN}`), secret: DINGTALK_SECRET, language: "zh-CN" });
    expect(created.status).toBe(201);
    const channel = created.body.channel!;
    expect(channel).toMatchObject({ kind: "dingtalk", hasSecret: true, enabled: true, language: "zh-CN", backlog: 0 });
    expect(channel.urlPreview).not.toContain(ROBOT_TOKEN);
    expect(JSON.stringify(created.body)).not.toContain(DINGTALK_SECRET);

    const test = await json<{ test: ChannelTestResult }>(callRoute(routes.test, `/api/admin/notification-channels/${channel.id}/test`, { method: "POST", cookie: cookies.admin }, { id: channel.id }));
    expect(test.status).toBe(200);
    expect(test.body.test).toMatchObject({ outcome: "delivered", status: 200 });
    const [hit] = await receiver.waitFor(1);
    const query = new URL(`http://x${hit!.path}`).searchParams;
    expect(query.get("access_token")).toBe(ROBOT_TOKEN);
    const timestamp = query.get("timestamp")!;
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(3_600_000);
    expect(query.get("sign")).toBe(createHmac("sha256", DINGTALK_SECRET).update(`${timestamp}\n${DINGTALK_SECRET}`).digest("base64"));
    expect(JSON.parse(hit!.body)).toHaveProperty("msgtype");

    const listing = await json<{ keyConfigured: boolean }>(callRoute(routes.list, "/api/admin/notification-channels", { cookie: cookies.admin }));
    expect(listing.body.keyConfigured).toBe(true);
    const [listed] = await list();
    expect(listed).toMatchObject({ id: channel.id, delivered: 1, failed: 0, backlog: 0, lastDelivery: { status: "delivered", httpStatus: 200 } });
    const patched = await json<{ channel: ChannelView }>(callRoute(routes.patch, `/api/admin/notification-channels/${channel.id}`, { method: "PATCH", body: { name: "DBA on call" }, cookie: cookies.admin }, { id: channel.id }));
    expect(patched.body.channel).toMatchObject({ name: "DBA on call", hasSecret: true });
    const removed = await callRoute(routes.remove, `/api/admin/notification-channels/${channel.id}`, { method: "DELETE", cookie: cookies.admin }, { id: channel.id });
    expect(removed.status).toBe(204);
    expect(await list()).toEqual([]);
  });

  it("a delivery the receiver refuses fails at once, and is retried by hand", async () => {
    receiver.requests.length = 0;
    receiver.answer = (r) => (r.n === 1 ? { status: 400, body: '{"error":"bad"}' } : { status: 200 });
    const { channel } = (await create({ kind: "webhook", name: "audit", url: receiver.url("/audit"), events: ["reset.succeeded"] })).body;
    expect(channel).toBeDefined();
    const answer = await callReset(routes.reset, cookies.operator!, {
      jobId: oneWayRunning.jobId,
      body: { region: oneWayRunning.region, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: "notify routes test" },
    });
    expect(answer.status).toBe(200);
    await receiver.waitFor(1);
    const failed = await until("the delivery failed", async () => (await deliveries()).find((d) => d.status === "failed"));
    expect(failed).toMatchObject({ channelId: channel!.id, eventType: "reset.succeeded", attempts: 1, lastStatus: 400 });
    const [view] = await list();
    expect(view).toMatchObject({ failed: 1, backlog: 0 });

    const retried = await callRoute(routes.retry, `/api/admin/notification-deliveries/${failed.id}/retry`, { method: "POST", cookie: cookies.admin }, { id: failed.id });
    expect(retried.status).toBe(202);
    const [first, second] = await receiver.waitFor(2);
    expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
    await until("the delivery delivered", async () => ((await deliveries()).find((d) => d.id === failed.id && d.status === "delivered") ? true : undefined));
    const again = await json<{ error: { code: string } }>(callRoute(routes.retry, `/api/admin/notification-deliveries/${failed.id}/retry`, { method: "POST", cookie: cookies.admin }, { id: failed.id }));
    expect(again).toMatchObject({ status: 409, body: { error: { code: "delivery_not_failed" } } });
  });

  it("never wrote the secret or the robot's token to a log line", () => {
    expect(logged.length).toBeGreaterThan(0);
    const all = logged.join("");
    expect(all).not.toContain(DINGTALK_SECRET);
    expect(all).not.toContain(ROBOT_TOKEN);
  });
});
