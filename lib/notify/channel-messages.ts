import "server-only";
// One event as each platform's request, signed the way its receiver checks it
// (reference: fleet-and-identity.md §3):
// - DingTalk custom robot: `markdown`; with 加签, `timestamp` (ms) and
//   `sign = base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret))` as query parameters;
// - Feishu / Lark custom bot: `post` (rich text); with a secret, `timestamp` (s) and
//   `sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = ""))` in the body;
// - WeCom group robot: `markdown`; unsigned (the key in the URL is the secret);
// - Slack incoming webhook: blocks with a `text` fallback; unsigned (the URL is the secret);
// - webhook: Standard Webhooks, `{ type, timestamp, data }` signed by the spec's own library, with
//   `webhook-id` the event's id so every retry carries the same one.
import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import type { BuildOptions, BuiltRequest, ChannelTarget, NotificationEvent } from "./channel-kinds";
import { escapeChatMarkdown, escapeSlack, plainText } from "./message-escape";
import { composeMessage, type ComposedMessage } from "./message-words";

const USER_AGENT = "DTS-Reset-Console-Notify/1";
/** A value longer than this is cut: a message is a notice, the console page has the rest. */
const VALUE_MAX = 300;
/** WeCom refuses markdown content over 4096 bytes. */
const WECOM_CONTENT_MAX_BYTES = 4096;
/** Slack: 10 fields a section, 150 characters a header. */
const SLACK_FIELDS_PER_SECTION = 10;
const SLACK_HEADER_MAX = 150;

function jsonHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { "content-type": "application/json; charset=utf-8", "user-agent": USER_AGENT, ...extra };
}

function cut(value: string, max = VALUE_MAX): string {
  const characters = Array.from(value);
  return characters.length <= max ? value : `${characters.slice(0, max - 1).join("")}…`;
}

/** A link target safe inside markdown's `(…)`: parsed, and the characters that would end it encoded. */
function markdownHref(url: string): string {
  return new URL(url).href.replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/ /g, "%20");
}

/** DingTalk's 加签: base64 of HMAC-SHA256 keyed by the secret over `timestamp\nsecret`. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`).digest("base64");
}

/** Feishu's signature: HMAC-SHA256 keyed by `timestamp\nsecret` over nothing, base64. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac("sha256", `${timestampSeconds}\n${secret}`).update("").digest("base64");
}

function chatMarkdownLines(message: ComposedMessage): string[] {
  return [escapeChatMarkdown(message.lead), ...message.facts.map((fact) => `${escapeChatMarkdown(fact.label)}${message.separator}${escapeChatMarkdown(cut(fact.value))}`)];
}

function dingtalk(target: ChannelTarget, message: ComposedMessage, now: Date): BuiltRequest {
  const [lead, ...facts] = chatMarkdownLines(message);
  const text = [`#### ${escapeChatMarkdown(message.title)}`, lead, facts.map((line) => `- ${line}`).join("\n"), `[${escapeChatMarkdown(message.link.text)}](${markdownHref(message.link.url)})`].join("\n\n");
  const body = JSON.stringify({ msgtype: "markdown", markdown: { title: message.title, text } });
  const url = new URL(target.url);
  if (target.secret) {
    const timestamp = now.getTime();
    url.searchParams.set("timestamp", String(timestamp));
    url.searchParams.set("sign", dingtalkSign(target.secret, timestamp));
  }
  return { url: url.href, headers: jsonHeaders(), body };
}

function feishu(target: ChannelTarget, message: ComposedMessage, now: Date): BuiltRequest {
  // Rich text `post`: `text` elements are plain text and a link is its own `a` element, so no
  // user text is ever parsed as markup.
  const paragraph = (value: string) => [{ tag: "text", text: plainText(value) }];
  const content = [
    paragraph(message.lead),
    ...message.facts.map((fact) => paragraph(`${fact.label}${message.separator}${cut(fact.value)}`)),
    [{ tag: "a", text: message.link.text, href: new URL(message.link.url).href }],
  ];
  const locale = target.language === "zh-CN" ? "zh_cn" : "en_us";
  const payload: Record<string, unknown> = { msg_type: "post", content: { post: { [locale]: { title: plainText(message.title), content } } } };
  if (target.secret) {
    const timestamp = Math.floor(now.getTime() / 1000);
    payload.timestamp = String(timestamp);
    payload.sign = feishuSign(target.secret, timestamp);
  }
  return { url: target.url, headers: jsonHeaders(), body: JSON.stringify(payload) };
}

function wecom(target: ChannelTarget, message: ComposedMessage): BuiltRequest {
  const [lead, ...facts] = chatMarkdownLines(message);
  const head = [`**${escapeChatMarkdown(message.title)}**`, lead];
  const link = `[${escapeChatMarkdown(message.link.text)}](${markdownHref(message.link.url)})`;
  // Facts are dropped from the end, never the link, until the content fits WeCom's limit.
  const lines = facts.map((line) => `> ${line}`);
  let content = [...head, ...lines, link].join("\n");
  while (Buffer.byteLength(content, "utf8") > WECOM_CONTENT_MAX_BYTES && lines.length > 0) {
    lines.pop();
    content = [...head, ...lines, "> …", link].join("\n");
  }
  return { url: target.url, headers: jsonHeaders(), body: JSON.stringify({ msgtype: "markdown", markdown: { content } }) };
}

function slack(target: ChannelTarget, message: ComposedMessage): BuiltRequest {
  const mrkdwn = (text: string) => ({ type: "mrkdwn", text, verbatim: true });
  const fields = message.facts.map((fact) => mrkdwn(`*${escapeSlack(fact.label)}*\n${escapeSlack(cut(fact.value))}`));
  const sections = [];
  for (let i = 0; i < fields.length; i += SLACK_FIELDS_PER_SECTION) sections.push({ type: "section", fields: fields.slice(i, i + SLACK_FIELDS_PER_SECTION) });
  const blocks = [
    { type: "header", text: { type: "plain_text", text: cut(plainText(message.title), SLACK_HEADER_MAX), emoji: false } },
    { type: "section", text: mrkdwn(escapeSlack(message.lead)) },
    ...sections,
    { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: message.link.text, emoji: false }, url: new URL(message.link.url).href }] },
  ];
  return { url: target.url, headers: jsonHeaders(), body: JSON.stringify({ text: escapeSlack(message.plain), blocks, unfurl_links: false, unfurl_media: false }) };
}

function standardWebhook(target: ChannelTarget, event: NotificationEvent, message: ComposedMessage, now: Date): BuiltRequest {
  const body = JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt,
    data: {
      id: event.id,
      account: event.account,
      subject: { ...event.subject, url: message.link.url },
      actor: event.actor,
      summary: event.summary,
      title: message.title,
      text: message.lead,
      language: target.language,
    },
  });
  const headers = jsonHeaders({ "webhook-id": event.id, "webhook-timestamp": String(Math.floor(now.getTime() / 1000)) });
  if (target.secret) headers["webhook-signature"] = new Webhook(target.secret).sign(event.id, now, body);
  return { url: target.url, headers, body };
}

/** The request that tells one channel about one event; pure but for the signature's time. */
export function buildRequest(target: ChannelTarget, event: NotificationEvent, opts: BuildOptions): BuiltRequest {
  const message = composeMessage(event, target.language, opts.consoleOrigin);
  switch (target.kind) {
    case "dingtalk":
      return dingtalk(target, message, opts.now);
    case "feishu":
      return feishu(target, message, opts.now);
    case "wecom":
      return wecom(target, message);
    case "slack":
      return slack(target, message);
    case "webhook":
      return standardWebhook(target, event, message, opts.now);
  }
}
