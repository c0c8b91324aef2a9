// Each channel kind's request (lib/notify/channel-messages.ts): the platform's body, its signature,
// the words in the channel's language, the link to the console page, and user text made inert for
// the platform's markup. The receivers' side (real HTTP) is tests/integration/notify-channels.test.ts.
import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { channelCreateSchema, channelSecretIssue, channelUpdateSchema, NOTIFICATION_EVENTS, SUBSCRIBABLE_EVENTS } from "@/lib/domain/notifications";
import { buildRequest, type ChannelTarget, type NotificationEvent } from "@/lib/notify/channel-kinds";
import { composeMessage } from "@/lib/notify/message-words";
import vectors from "../fixtures/standard-webhooks-vectors.json";

const ORIGIN = "https://console.example.com/";
const NOW = new Date("2026-12-07T12:00:00.123Z");
const HOSTILE =
  '[click](https://evil.example/x) ![img](https://evil.example/i.png) @all <@U123> <!channel> <font color="warning">red</font> **bold** `code` &amp;\n# heading\n> quote <https://evil.example|link>';

function event(overrides: Partial<NotificationEvent> = {}): NotificationEvent {
  return {
    id: "evt_0001",
    type: "reset.succeeded",
    occurredAt: "2026-12-07T11:59:58.000Z",
    account: "prod",
    subject: { kind: "reset", id: "123", path: "/resets/123" },
    actor: "alice",
    summary: { taskId: "dtsabc123", taskName: "orders-sync", region: "cn-hangzhou", direction: "Reverse", jobType: "SYNC", requestId: "REQ-1" },
    ...overrides,
  };
}

const target = (kind: ChannelTarget["kind"], secret: string | null = null, language: ChannelTarget["language"] = "en", url = `https://robot.example/${kind}?access_token=tok`): ChannelTarget => ({
  kind,
  url,
  secret,
  language,
});

interface SlackText {
  type: string;
  text: string;
  verbatim?: boolean;
}
interface SlackBlock {
  type: string;
  text?: SlackText;
  fields?: SlackText[];
  elements?: Array<Record<string, unknown>>;
}
// A parsed body, read field by field as each platform defines it.
const json = (body: string) => JSON.parse(body);
const blocksOf = (body: { blocks: SlackBlock[] }) => body.blocks;

describe("DingTalk", () => {
  it("sends markdown linking to the console page, signed with timestamp and sign query parameters", () => {
    const secret = "SEC0123456789abcdef";
    const request = buildRequest(target("dingtalk", secret), event(), { consoleOrigin: ORIGIN, now: NOW });
    const url = new URL(request.url);
    expect(url.searchParams.get("access_token")).toBe("tok");
    expect(url.searchParams.get("timestamp")).toBe(String(NOW.getTime()));
    // The receiver's check: HMAC-SHA256 keyed by the secret over timestamp + "\n" + secret.
    const expected = createHmac("sha256", secret).update(`${NOW.getTime()}\n${secret}`).digest("base64");
    expect(url.searchParams.get("sign")).toBe(expected);
    // Encoded in the query as DingTalk's URLEncoder example does (+, / and = percent-encoded).
    expect(request.url).toContain(`sign=${encodeURIComponent(expected)}`);
    const body = json(request.body);
    expect(body.msgtype).toBe("markdown");
    expect(body.markdown.title).toContain("Reset succeeded");
    expect(body.markdown.text).toContain("[Open in the console](https://console.example.com/resets/123)");
    expect(body.markdown.text).toContain("orders-sync");
    expect(body.markdown.text).toContain("China (Hangzhou)");
    expect(request.headers["content-type"]).toMatch(/^application\/json/);
  });

  it("adds no signature without a secret", () => {
    const request = buildRequest(target("dingtalk"), event(), { consoleOrigin: ORIGIN, now: NOW });
    expect(new URL(request.url).searchParams.has("sign")).toBe(false);
    expect(new URL(request.url).searchParams.has("timestamp")).toBe(false);
  });

  it("writes in Simplified Chinese with Alibaba Cloud's terms", () => {
    const request = buildRequest(target("dingtalk", null, "zh-CN"), event(), { consoleOrigin: ORIGIN, now: NOW });
    const text = json(request.body).markdown.text as string;
    for (const term of ["重置成功", "同步方向：反向", "华东1（杭州）", "任务类型：同步任务", "任务ID：dtsabc123", "请求ID：REQ-1", "在控制台中查看"]) expect(text).toContain(term);
    expect(text).not.toMatch(/Reset|Direction|Region/);
  });
});

describe("Feishu", () => {
  it("sends a post with timestamp (seconds) and sign in the body: HMAC keyed by timestamp\\nsecret over nothing", () => {
    const secret = "feishu-signing-secret";
    const request = buildRequest(target("feishu", secret, "zh-CN"), event({ type: "reset.failed" }), { consoleOrigin: ORIGIN, now: NOW });
    const body = json(request.body);
    const seconds = Math.floor(NOW.getTime() / 1000);
    expect(body.timestamp).toBe(String(seconds));
    expect(body.sign).toBe(createHmac("sha256", `${seconds}\n${secret}`).update("").digest("base64"));
    expect(body.msg_type).toBe("post");
    const post = body.content.post.zh_cn;
    expect(post.title).toContain("重置失败");
    const elements = (post.content as Array<Array<Record<string, string>>>).flat();
    expect(elements.filter((e) => e.tag === "a")).toEqual([{ tag: "a", text: "在控制台中查看", href: "https://console.example.com/resets/123" }]);
    expect(elements.every((e) => e.tag === "text" || e.tag === "a")).toBe(true);
    expect(request.url).toBe("https://robot.example/feishu?access_token=tok");
  });

  it("uses en_us for an English channel and leaves the signature out without a secret", () => {
    const body = json(buildRequest(target("feishu"), event(), { consoleOrigin: ORIGIN, now: NOW }).body);
    expect(body.content.post.en_us.title).toContain("Reset succeeded");
    expect(body).not.toHaveProperty("sign");
    expect(body).not.toHaveProperty("timestamp");
  });
});

describe("WeCom", () => {
  it("sends markdown content with the link, within WeCom's 4096 bytes however long the facts", () => {
    const request = buildRequest(target("wecom"), event(), { consoleOrigin: ORIGIN, now: NOW });
    const body = json(request.body);
    expect(body.msgtype).toBe("markdown");
    expect(body.markdown.content).toContain("[Open in the console](https://console.example.com/resets/123)");
    const summary = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, "数据同步".repeat(100)]));
    const long = json(buildRequest(target("wecom", null, "zh-CN"), event({ summary }), { consoleOrigin: ORIGIN, now: NOW }).body).markdown.content as string;
    expect(Buffer.byteLength(long, "utf8")).toBeLessThanOrEqual(4096);
    expect(long).toContain("[在控制台中查看](https://console.example.com/resets/123)");
  });
});

describe("Slack", () => {
  it("sends blocks with a text fallback and a button to the console page", () => {
    const body = json(buildRequest(target("slack"), event({ type: "bulk.finished", subject: { kind: "bulk", id: "9", path: "/bulk/9" }, summary: { total: 12, succeeded: 10, failed: 2 } }), { consoleOrigin: ORIGIN, now: NOW }).body);
    expect(body.text).toContain("Bulk reset finished");
    expect(body.text).toContain("https://console.example.com/bulk/9");
    expect(body.blocks[0]).toMatchObject({ type: "header", text: { type: "plain_text" } });
    const fields = blocksOf(body).flatMap((b) => b.fields ?? []).map((f) => f.text);
    expect(fields).toEqual(expect.arrayContaining(["*Tasks*\n12", "*Succeeded*\n10", "*Failed*\n2"]));
    const button = body.blocks.at(-1).elements[0];
    expect(button).toMatchObject({ type: "button", url: "https://console.example.com/bulk/9" });
  });
});

describe("Standard Webhooks", () => {
  it("reproduces the spec's published test vector with the library it signs with", () => {
    for (const vector of vectors.vectors) {
      expect(new Webhook(vector.secret).sign(vector.msgId, new Date(vector.timestamp * 1000), vector.payload)).toBe(vector.signature);
      // And by the spec's formula, independently of the library.
      const key = Buffer.from(vector.secret.replace(/^whsec_/, ""), "base64");
      const mac = createHmac("sha256", key).update(`${vector.msgId}.${vector.timestamp}.${vector.payload}`).digest("base64");
      expect(`v1,${mac}`).toBe(vector.signature);
      expect(channelSecretIssue("webhook", vector.secret)).toBeNull();
    }
  });

  it("sends { type, timestamp, data } with webhook-id = the event id, the signing time, and v1 signature", () => {
    const secret = vectors.vectors[0]!.secret;
    const request = buildRequest(target("webhook", secret), event(), { consoleOrigin: ORIGIN, now: NOW });
    expect(request.headers["webhook-id"]).toBe("evt_0001");
    expect(request.headers["webhook-timestamp"]).toBe(String(Math.floor(NOW.getTime() / 1000)));
    const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
    const mac = createHmac("sha256", key).update(`evt_0001.${request.headers["webhook-timestamp"]}.${request.body}`).digest("base64");
    expect(request.headers["webhook-signature"]).toBe(`v1,${mac}`);
    const body = json(request.body);
    expect(body).toMatchObject({ type: "reset.succeeded", timestamp: "2026-12-07T11:59:58.000Z" });
    expect(body.data).toMatchObject({ id: "evt_0001", account: "prod", actor: "alice", subject: { kind: "reset", id: "123", path: "/resets/123", url: "https://console.example.com/resets/123" } });
    expect(body.data.summary).toEqual(event().summary);
  });
});

describe("hostile user text", () => {
  const hostile = event({ type: "reset.rejected", actor: "mallory](https://evil.example)", summary: { taskName: "orders <b>", reason: HOSTILE } });
  const build = (kind: ChannelTarget["kind"]) => buildRequest(target(kind), hostile, { consoleOrigin: ORIGIN, now: NOW });

  for (const kind of ["dingtalk", "wecom"] as const) {
    it(`${kind}: a reason adds no link, image, mention, tag, heading or quote`, () => {
      const body = json(build(kind).body);
      // WeCom's facts are quoted lines ("> "): ours, taken off before looking for the reason's markup.
      const text = ((kind === "dingtalk" ? body.markdown.text : body.markdown.content) as string).replace(/^> /gm, "");
      // Our own link is the only markdown link and the only URL; nothing else is markup.
      expect(text.match(/\]\(/g)).toHaveLength(1);
      expect(text.match(/https?:\/\//g)).toHaveLength(1);
      expect(text).not.toMatch(/[<>@`]|\*\*bold|&amp;/);
      expect(text).not.toMatch(/\n#\s*heading/);
      // The words are still there, readable.
      expect(text).toContain("click");
      expect(text).toContain("evil.example");
      expect(text).toContain("heading");
    });
  }

  it("slack: <, > and & are entities and the text objects are verbatim, so no mention or link", () => {
    const raw = build("slack").body;
    const body = json(raw);
    const texts: string[] = [body.text, ...blocksOf(body).flatMap((b) => [b.text?.text ?? "", ...(b.fields ?? []).map((f) => f.text)]).filter(Boolean)];
    for (const text of texts) {
      expect(text).not.toMatch(/<[!@#]|<https?:/);
    }
    expect(raw).toContain("&lt;!channel&gt;");
    expect(raw).toContain("&amp;amp;");
    for (const block of blocksOf(body)) {
      if (block.text?.type === "mrkdwn") expect(block.text.verbatim).toBe(true);
      for (const field of block.fields ?? []) expect(field.verbatim).toBe(true);
    }
  });

  it("feishu: user text only ever in plain text elements, the only link element ours", () => {
    const body = json(build("feishu").body);
    const elements = (body.content.post.en_us.content as Array<Array<Record<string, string>>>).flat();
    expect(elements.filter((e) => e.tag !== "text")).toEqual([{ tag: "a", text: "Open in the console", href: "https://console.example.com/resets/123" }]);
    expect(elements.some((e) => e.tag === "text" && e.text!.includes("<!channel>"))).toBe(true);
  });

  it("CJK text survives every kind intact", () => {
    const cjk = event({ summary: { taskName: "订单同步-华东", reason: "数据订阅重置：源库已变更" } });
    for (const kind of ["dingtalk", "feishu", "wecom", "slack", "webhook"] as const) {
      const body = buildRequest(target(kind, kind === "webhook" ? vectors.vectors[0]!.secret : null, "zh-CN"), cjk, { consoleOrigin: ORIGIN, now: NOW }).body;
      expect(JSON.stringify(JSON.parse(body))).toContain("订单同步-华东");
      expect(body).toContain("数据订阅重置");
    }
  });
});

describe("channel input", () => {
  it("defaults events to all, language to English, enabled to true", () => {
    const parsed = channelCreateSchema.parse({ kind: "dingtalk", name: "Ops group", url: "https://oapi.dingtalk.com/robot/send?access_token=x", secret: "SECabc" });
    expect(parsed).toMatchObject({ events: [...SUBSCRIBABLE_EVENTS], language: "en", enabled: true });
    expect(parsed.events).not.toContain("test");
  });

  it("refuses a secret for WeCom or Slack, a webhook secret that is not whsec_ base64 of 24-64 bytes, and bad URLs", () => {
    const base = { name: "x", url: "https://example.com/hook" };
    expect(channelCreateSchema.safeParse({ ...base, kind: "wecom", secret: "k" }).success).toBe(false);
    expect(channelCreateSchema.safeParse({ ...base, kind: "slack", secret: "k" }).success).toBe(false);
    expect(channelCreateSchema.safeParse({ ...base, kind: "webhook", secret: "plain" }).success).toBe(false);
    expect(channelCreateSchema.safeParse({ ...base, kind: "webhook", secret: "whsec_" + Buffer.alloc(16).toString("base64") }).success).toBe(false);
    expect(channelCreateSchema.safeParse({ ...base, kind: "webhook", secret: "whsec_" + Buffer.alloc(32, 7).toString("base64") }).success).toBe(true);
    expect(channelCreateSchema.safeParse({ ...base, kind: "webhook", url: "ftp://example.com" }).success).toBe(false);
    expect(channelCreateSchema.safeParse({ ...base, kind: "webhook", url: "https://u:p@example.com" }).success).toBe(false);
    expect(channelCreateSchema.safeParse({ ...base, kind: "slack", events: [] }).success).toBe(false);
    expect(channelCreateSchema.safeParse({ ...base, kind: "slack", events: ["reset.failed", "reset.failed"] }).success).toBe(false);
    expect(channelCreateSchema.safeParse({ ...base, kind: "slack", events: ["test"] }).success).toBe(false);
    expect(channelCreateSchema.safeParse({ ...base, kind: "slack", language: "fr" }).success).toBe(false);
    expect(channelCreateSchema.safeParse({ ...base, kind: "slack", extra: 1 }).success).toBe(false);
  });

  it("updates any field but the kind; secret null clears it; an empty update is refused", () => {
    expect(channelUpdateSchema.parse({ secret: null })).toEqual({ secret: null });
    expect(channelUpdateSchema.safeParse({}).success).toBe(false);
    expect(channelUpdateSchema.safeParse({ kind: "slack" }).success).toBe(false);
  });
});

describe("the words", () => {
  const at = "2026-12-07T11:59:58.000Z";
  const base = { id: "e", occurredAt: at, account: null, actor: "alice" } as const;

  it("every event has its own title and sentence in both languages; Chinese names nothing in English but DTS", () => {
    for (const language of ["en", "zh-CN"] as const) {
      const titles = new Set<string>();
      for (const type of NOTIFICATION_EVENTS) {
        const message = composeMessage({ ...base, type, subject: { kind: "reset", id: "1", path: "/resets/1" }, summary: {} }, language, ORIGIN);
        titles.add(message.title);
        expect(message.lead).not.toMatch(/\{who\}|\{what\}/);
        if (language === "zh-CN") expect(`${message.title} ${message.lead}`.replace(/DTS|alice/g, "")).not.toMatch(/[A-Za-z]/);
      }
      expect(titles.size).toBe(NOTIFICATION_EVENTS.length);
    }
  });

  it("a finished bulk reset says its status and counts, leaving out the counts that are zero", () => {
    const message = composeMessage(
      { ...base, type: "bulk.finished", subject: { kind: "bulk", id: "b1", path: "/bulk-resets/b1" }, summary: { reason: "drill", status: "partial", total: 3, queued: 0, running: 0, succeeded: 2, failed: 1, unknown: 0, skipped: 0, cancelled: 0 } },
      "zh-CN",
      ORIGIN,
    );
    expect(message.plain).toContain("状态：部分成功");
    expect(message.plain).toContain("任务数：3\n成功：2\n失败：1");
    expect(message.plain).not.toMatch(/排队中|已跳过|已取消|未知/);
    expect(message.link.url).toBe("https://console.example.com/bulk-resets/b1");
  });

  it("names the locked account, and the reset half only when it is not the task itself", () => {
    const lockout = composeMessage({ ...base, actor: null, type: "sign_in.locked_out", subject: { kind: "user", id: "bob", path: "/admin/users" }, summary: { username: "bob", lockedForMinutes: 15 } }, "en", ORIGIN);
    expect(lockout.lead).toBe("Too many failed sign-ins: account bob is locked for a while.");
    const request = (resetTask: string) =>
      composeMessage({ ...base, type: "reset.requested", subject: { kind: "request", id: "r1", path: "/approvals?request=r1" }, summary: { task: "dtsf", taskName: null, direction: "Reverse", resetTask, expiresAt: "2026-12-08T11:00:00.000Z" } }, "en", ORIGIN);
    expect(request("dtsf").plain).not.toContain("Task ID reset");
    expect(request("dtsr").plain).toContain("Task ID reset: dtsr");
    expect(request("dtsf").plain).toContain("Expires at: 2026-12-08 11:00:00 UTC");
    expect(request("dtsf").lead).toBe("alice asked for a reset of task dtsf; it waits for a second person's approval.");
    expect(request("dtsf").link.url).toBe("https://console.example.com/approvals?request=r1");
  });
});
