// Each channel kind against a real HTTP receiver on loopback (node:http), checking the request the
// way the platform does (DingTalk's 加签, Feishu's body signature, Standard Webhooks through the
// spec's library), and each kind of answer classified: platform codes in a 200, 429 with
// Retry-After, 5xx, 4xx, a refused connection, and a receiver that holds its answer past the
// timeout. Nothing sleeps: a held answer is released by the test once the verdict is in.
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sendNotification, type ChannelTarget, type NotificationEvent } from "@/lib/notify/channel-kinds";
import vectors from "../fixtures/standard-webhooks-vectors.json";

interface Received {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Reply = { status: number; body?: string; headers?: Record<string, string> };
/** The receiver's answer to one request: a reply now, or a promise the test settles later. */
type Handler = (request: Received) => Reply | Promise<Reply>;

let server: http.Server;
let base: string;
let handler: Handler = () => ({ status: 200, body: "ok" });
const received: Received[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const request: Received = { method: req.method ?? "", url: new URL(req.url ?? "/", "http://receiver"), headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(request);
      const reply = await handler(request);
      if (res.destroyed) return;
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  received.length = 0;
  handler = () => ({ status: 200, body: "ok" });
});

const ORIGIN = "https://console.example.com";
const send = (target: ChannelTarget, event: NotificationEvent = resetSucceeded(), timeoutMs = 10_000) => sendNotification(target, event, { consoleOrigin: ORIGIN, timeoutMs, allowLoopback: true });
const ok = (body: unknown): Reply => ({ status: 200, body: JSON.stringify(body) });

function resetSucceeded(overrides: Partial<NotificationEvent> = {}): NotificationEvent {
  return {
    id: "evt_42",
    type: "reset.succeeded",
    occurredAt: new Date().toISOString(),
    account: "prod",
    subject: { kind: "reset", id: "42", path: "/resets/42" },
    actor: "alice",
    summary: { taskId: "dtsjob42", taskName: "订单同步", region: "cn-shanghai", direction: "Forward", requestId: "REQ-42" },
    ...overrides,
  };
}

const safeEqual = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** DingTalk's check of a signed robot call: the timestamp within an hour, the sign recomputed. */
function dingtalkReceiver(secret: string): Handler {
  return (request) => {
    const timestamp = request.url.searchParams.get("timestamp") ?? "";
    const sign = request.url.searchParams.get("sign") ?? "";
    const expected = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
    const fresh = Math.abs(Date.now() - Number(timestamp)) < 60 * 60 * 1000;
    if (!fresh || !safeEqual(sign, expected)) return ok({ errcode: 310000, errmsg: "sign not match" });
    const body = JSON.parse(request.body);
    if (body.msgtype !== "markdown" || typeof body.markdown?.text !== "string") return ok({ errcode: 40035, errmsg: "missing markdown" });
    return ok({ errcode: 0, errmsg: "ok" });
  };
}

/** Feishu's check: the HMAC keyed by timestamp + "\n" + secret over an empty message. */
function feishuReceiver(secret: string): Handler {
  return (request) => {
    const body = JSON.parse(request.body);
    const expected = createHmac("sha256", `${body.timestamp}\n${secret}`).update("").digest("base64");
    const fresh = Math.abs(Date.now() / 1000 - Number(body.timestamp)) < 60 * 60;
    if (!fresh || typeof body.sign !== "string" || !safeEqual(body.sign, expected)) return ok({ code: 19021, msg: "sign match fail or timestamp is not within one hour from current time", data: {} });
    if (body.msg_type !== "post") return ok({ code: 9499, msg: "Bad Request", data: {} });
    return ok({ code: 0, msg: "success", data: {} });
  };
}

describe("signatures, checked the way each platform checks them", () => {
  it("DingTalk: a signed markdown robot call is accepted; a wrong secret is refused 310000 and not retried", async () => {
    handler = dingtalkReceiver("SECright");
    const good = await send({ kind: "dingtalk", url: `${base}/robot/send?access_token=dtoken123456`, secret: "SECright", language: "zh-CN" });
    expect(good).toEqual({ outcome: "delivered", status: 200, detail: "HTTP 200, code 0 ok" });
    expect(received[0]!.url.pathname).toBe("/robot/send");
    expect(received[0]!.url.searchParams.get("access_token")).toBe("dtoken123456");
    expect(JSON.parse(received[0]!.body).markdown.text).toContain("[在控制台中查看](https://console.example.com/resets/42)");

    const bad = await send({ kind: "dingtalk", url: `${base}/robot/send?access_token=dtoken123456`, secret: "SECwrong", language: "en" });
    expect(bad.outcome).toBe("failed");
    expect(bad.detail).toMatch(/310000.*signature/);
  });

  it("Feishu: a signed post is accepted; a wrong secret is refused 19021 and not retried", async () => {
    handler = feishuReceiver("fs-secret");
    const good = await send({ kind: "feishu", url: `${base}/open-apis/bot/v2/hook/fshook-0123456789`, secret: "fs-secret", language: "zh-CN" });
    expect(good).toMatchObject({ outcome: "delivered", status: 200 });
    const body = JSON.parse(received[0]!.body);
    expect(body.content.post.zh_cn.title).toContain("重置成功");

    const bad = await send({ kind: "feishu", url: `${base}/open-apis/bot/v2/hook/fshook-0123456789`, secret: "other", language: "en" });
    expect(bad).toMatchObject({ outcome: "failed", status: 200 });
    expect(bad.detail).toContain("19021");
    expect(bad.detail).not.toContain("fshook-0123456789");
  });

  it("Standard Webhooks: verified by the spec's library and by the spec's formula, with webhook-id the event id", async () => {
    const secret = vectors.vectors[0]!.secret;
    const verifier = new Webhook(secret);
    const verified: unknown[] = [];
    handler = (request) => {
      const headers = { "webhook-id": String(request.headers["webhook-id"]), "webhook-timestamp": String(request.headers["webhook-timestamp"]), "webhook-signature": String(request.headers["webhook-signature"]) };
      try {
        verified.push(verifier.verify(request.body, headers));
      } catch {
        return { status: 401, body: JSON.stringify({ error: "bad signature" }) };
      }
      // The spec's formula, independently of the library: HMAC-SHA256 keyed by the decoded secret over id.timestamp.body.
      const key = Buffer.from(secret.slice("whsec_".length), "base64");
      const mac = createHmac("sha256", key).update(`${headers["webhook-id"]}.${headers["webhook-timestamp"]}.${request.body}`).digest("base64");
      const offered = headers["webhook-signature"].split(" ").map((s) => s.split(",")[1] ?? "");
      if (!offered.some((signature) => safeEqual(signature, mac))) return { status: 401 };
      return { status: 204 };
    };
    const target: ChannelTarget = { kind: "webhook", url: `${base}/hooks/dts`, secret, language: "en" };
    expect(await send(target)).toMatchObject({ outcome: "delivered", status: 204 });
    expect(await send(target)).toMatchObject({ outcome: "delivered", status: 204 });
    expect(verified).toHaveLength(2);
    expect(verified[0]).toMatchObject({ type: "reset.succeeded", data: { id: "evt_42", subject: { url: "https://console.example.com/resets/42" } } });
    // Every try of the same event carries the same webhook-id.
    expect(received.map((r) => r.headers["webhook-id"])).toEqual(["evt_42", "evt_42"]);

    // What another secret signed is refused by the library: a 401, and no point trying again.
    const forged = await send({ ...target, secret: "whsec_" + Buffer.alloc(32, 1).toString("base64") });
    expect(forged).toMatchObject({ outcome: "failed", status: 401 });
    expect(verified).toHaveLength(2);
  });

  it("WeCom and Slack: their bodies arrive as the platforms take them", async () => {
    handler = (request) => {
      const body = JSON.parse(request.body);
      if (request.url.pathname === "/cgi-bin/webhook/send") return ok(body.msgtype === "markdown" && body.markdown.content ? { errcode: 0, errmsg: "ok" } : { errcode: 40008, errmsg: "invalid message type" });
      return { status: 200, body: Array.isArray(body.blocks) && typeof body.text === "string" ? "ok" : "invalid_blocks", headers: { "content-type": "text/html" } };
    };
    expect(await send({ kind: "wecom", url: `${base}/cgi-bin/webhook/send?key=wecomkey-0001`, secret: null, language: "zh-CN" })).toMatchObject({ outcome: "delivered" });
    expect(await send({ kind: "slack", url: `${base}/services/T000/B000/slacksecret0001`, secret: null, language: "en" })).toMatchObject({ outcome: "delivered", detail: "HTTP 200 ok" });
  });
});

describe("answers, classified", () => {
  const dingtalk = (): ChannelTarget => ({ kind: "dingtalk", url: `${base}/robot/send?access_token=dtoken-secret-77`, secret: null, language: "en" });

  it.each([
    ["dingtalk", { errcode: 130101, errmsg: "send too fast, exceed 20 times per minute" }, "retry"],
    ["dingtalk", { errcode: 310000, errmsg: "keywords not in content" }, "failed"],
    ["dingtalk", { errcode: 300001, errmsg: "token is not exist" }, "failed"],
    ["feishu", { code: 11232, msg: "frequency limited" }, "retry"],
    ["feishu", { code: 9499, msg: "too many request" }, "retry"],
    ["feishu", { code: 19021, msg: "sign match fail" }, "failed"],
    ["feishu", { StatusCode: 0, StatusMessage: "success" }, "delivered"],
    ["wecom", { errcode: 45009, errmsg: "api freq out of limit" }, "retry"],
    ["wecom", { errcode: 93000, errmsg: "invalid webhook url" }, "failed"],
    ["wecom", { errcode: 0, errmsg: "ok" }, "delivered"],
  ] as const)("%s answering 200 %j → %s", async (kind, answer, outcome) => {
    handler = () => ok(answer);
    const verdict = await send({ kind, url: `${base}/hook/${kind}-token-0123456789`, secret: null, language: "en" });
    expect(verdict).toMatchObject({ outcome, status: 200 });
    expect(verdict.detail).not.toContain("token-0123456789");
  });

  it("a platform's busy code in a 400 is retried too (Feishu's gateway); its refused signature is not", async () => {
    handler = () => ({ status: 400, body: JSON.stringify({ code: 11232, msg: "frequency limited" }) });
    const feishu: ChannelTarget = { kind: "feishu", url: `${base}/open-apis/bot/v2/hook/fs-0123456789`, secret: null, language: "en" };
    expect(await send(feishu)).toMatchObject({ outcome: "retry", status: 400 });
    handler = () => ({ status: 400, body: JSON.stringify({ code: 19021, msg: "sign match fail" }) });
    expect(await send(feishu)).toMatchObject({ outcome: "failed", status: 400 });
  });

  it("429 with Retry-After is retried after the time it asks for (seconds or an HTTP date)", async () => {
    handler = () => ({ status: 429, body: "rate_limited", headers: { "retry-after": "7" } });
    expect(await send({ kind: "slack", url: `${base}/services/T/B/x`, secret: null, language: "en" })).toEqual({ outcome: "retry", status: 429, retryAfterMs: 7000, detail: "HTTP 429: the receiver is rate limiting (Retry-After 7 s)" });
    const now = new Date();
    handler = () => ({ status: 429, headers: { "retry-after": new Date(now.getTime() + 120_000).toUTCString() } });
    const dated = await sendNotification(dingtalk(), resetSucceeded(), { consoleOrigin: ORIGIN, timeoutMs: 10_000, allowLoopback: true, now });
    expect(dated).toMatchObject({ outcome: "retry", status: 429 });
    // An HTTP date has whole seconds: within one second of two minutes.
    expect((dated as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(119_000);
    expect((dated as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it("5xx is retried; 4xx, a redirect and an unexpected 200 are not", async () => {
    handler = () => ({ status: 503, body: "busy" });
    expect(await send(dingtalk())).toMatchObject({ outcome: "retry", status: 503 });
    handler = () => ({ status: 500 });
    expect(await send({ kind: "webhook", url: `${base}/h`, secret: null, language: "en" })).toMatchObject({ outcome: "retry", status: 500 });
    handler = () => ({ status: 400, body: "invalid_payload" });
    expect(await send({ kind: "slack", url: `${base}/services/T/B/x`, secret: null, language: "en" })).toMatchObject({ outcome: "failed", status: 400, detail: "HTTP 400: the receiver refused the message (invalid_payload)" });
    handler = () => ({ status: 302, headers: { location: "http://169.254.169.254/latest/meta-data" } });
    expect(await send(dingtalk())).toMatchObject({ outcome: "failed", status: 302 });
    expect(received).toHaveLength(4); // the redirect was not followed
    handler = () => ({ status: 200, body: "<html>captive portal</html>" });
    expect(await send(dingtalk())).toMatchObject({ outcome: "failed", status: 200 });
  });

  it("a refused connection is retried", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const verdict = await send({ kind: "webhook", url: `http://127.0.0.1:${port}/h`, secret: null, language: "en" });
    expect(verdict).toEqual({ outcome: "retry", status: null, detail: "the receiver could not be reached (ECONNREFUSED)" });
  });

  it("a receiver that holds its answer past the timeout is retried; the held answer is then released", async () => {
    let release!: (reply: Reply) => void;
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    handler = () => {
      arrived();
      return new Promise<Reply>((resolve) => (release = resolve));
    };
    const verdict = send({ kind: "wecom", url: `${base}/cgi-bin/webhook/send?key=held`, secret: null, language: "en" }, resetSucceeded(), 500);
    await arrival;
    expect(await verdict).toEqual({ outcome: "retry", status: null, detail: "no answer within 500 ms" });
    release(ok({ errcode: 0, errmsg: "ok" }));
  });

  it("detail never carries the URL's token or the secret, even when the receiver echoes them", async () => {
    const token = "b1946ac92492d2347c6235b4d2611184";
    const secret = "SECdeadbeefcafebabe0123";
    handler = (request) => ({ status: 400, body: `bad request for ${request.url.pathname}${request.url.search} secret=${secret}` });
    const verdict = await send({ kind: "dingtalk", url: `${base}/robot/send?access_token=${token}`, secret, language: "en" });
    expect(verdict.outcome).toBe("failed");
    expect(verdict.detail).not.toContain(token);
    expect(verdict.detail).not.toContain(secret);
    handler = (request) => ({ status: 404, body: `no_service ${request.url.pathname}` });
    const slack = await send({ kind: "slack", url: `${base}/services/T0001/B0001/${token}`, secret: null, language: "en" });
    expect(slack.detail).not.toContain(token);
  });
});

describe("where a message may go", () => {
  it("refuses loopback without NOTIFY_ALLOW_LOOPBACK: nothing is sent", async () => {
    const verdict = await sendNotification({ kind: "webhook", url: `${base}/h`, secret: null, language: "en" }, resetSucceeded(), { consoleOrigin: ORIGIN, timeoutMs: 5_000, allowLoopback: false });
    expect(verdict).toMatchObject({ outcome: "failed", status: null });
    expect(verdict.detail).toMatch(/^not sent: only https/);
    const https = await sendNotification({ kind: "webhook", url: base.replace("http:", "https:") + "/h", secret: null, language: "en" }, resetSucceeded(), { consoleOrigin: ORIGIN, timeoutMs: 5_000, allowLoopback: false });
    expect(https.detail).toMatch(/loopback address \(127\.0\.0\.1\)/);
    expect(received).toHaveLength(0);
  });

  it("the timeout covers a name that does not resolve in time; nothing is sent", async () => {
    let answer!: (addresses: Array<{ address: string; family: 4 }>) => void;
    let asked!: () => void;
    const question = new Promise<void>((resolve) => (asked = resolve));
    const resolve = () => {
      asked();
      return new Promise<Array<{ address: string; family: 4 }>>((r) => (answer = r));
    };
    const verdict = sendNotification({ kind: "slack", url: "https://hooks.slow-dns.test/services/T/B/x", secret: null, language: "en" }, resetSucceeded(), { consoleOrigin: ORIGIN, timeoutMs: 300, allowLoopback: true, resolve });
    await question;
    expect(await verdict).toEqual({ outcome: "retry", status: null, detail: "the host name did not resolve within 300 ms" });
    answer([{ address: "127.0.0.1", family: 4 }]);
    expect(received).toHaveLength(0);
  });

  it("resolves the name once per send and connects to the address it checked (no second lookup to rebind)", async () => {
    // A bare TCP listener on loopback stands where the name is pinned: it records the TLS
    // ClientHello, whose SNI shows the connection was made for the name, to the checked address.
    const hellos: Buffer[] = [];
    const tls = net.createServer((socket) => socket.once("data", (chunk: Buffer) => {
      hellos.push(chunk);
      socket.destroy();
    }));
    await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
    const port = (tls.address() as AddressInfo).port;
    const answers = [["127.0.0.1"], ["10.0.0.9"]];
    let lookups = 0;
    const resolve = async (host: string) => {
      expect(host).toBe("hooks.rebind.test");
      const addresses = answers[Math.min(lookups++, answers.length - 1)]!;
      return addresses.map((address) => ({ address, family: 4 as const }));
    };
    const options = { consoleOrigin: ORIGIN, timeoutMs: 5_000, allowLoopback: true, resolve };
    try {
      // http to a name is refused even with allowLoopback: only 127.0.0.1, ::1 and localhost may be http.
      expect((await sendNotification({ kind: "webhook", url: `http://hooks.rebind.test:${port}/h`, secret: null, language: "en" }, resetSucceeded(), options)).detail).toMatch(/only https/);
      const target: ChannelTarget = { kind: "webhook", url: `https://hooks.rebind.test:${port}/h`, secret: null, language: "en" };
      const first = await sendNotification(target, resetSucceeded(), options);
      // One lookup (ours, not the system's, which knows no such name), and the connection reached the checked address.
      expect(lookups).toBe(1);
      expect(first).toMatchObject({ outcome: "retry", status: null });
      expect(hellos).toHaveLength(1);
      expect(hellos[0]!.includes(Buffer.from("hooks.rebind.test"))).toBe(true);
      // The name now answers a private address: refused before any connection.
      const second = await sendNotification(target, resetSucceeded(), options);
      expect(lookups).toBe(2);
      expect(second).toEqual({ outcome: "failed", status: null, detail: "not sent: the host is a private, link-local or reserved address (10.0.0.9)" });
      expect(hellos).toHaveLength(1);
    } finally {
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });
});
