import "server-only";
// One delivery attempt: build the request, check where it goes (again: DNS may have changed since
// the channel was saved), POST it over a connection pinned to the checked address, and say what
// the answer means for the delivery worker:
// - delivered: 2xx and, for the chat platforms, their "ok" code in the body;
// - retry: no answer (refused, reset, timeout, DNS down), 5xx, 429 (Retry-After honoured), 408,
//   or a platform's "busy" code in a 200 (DingTalk 130101; Feishu 9499, 11232, 230020; WeCom 45009;
//   DingTalk and WeCom -1 "system busy");
// - failed: any other 4xx, a refused signature (DingTalk 310000, Feishu 19021), any other platform
//   code, a redirect (never followed: it could lead past the address check), a refused URL.
// `detail` never holds the URL (its path or query is the robot's token) nor the secret.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { ChannelKind } from "@/lib/domain/notifications";
import type { ChannelTarget, DeliveryVerdict, NotificationEvent, SendOptions } from "./channel-kinds";
import { buildRequest } from "./channel-messages";
import { resolveChannelDestination, type ResolvedAddress, type Resolve } from "./url-safety";

/** An answer body longer than this is not read further: a receiver's answer is a status, not a document. */
const ANSWER_MAX_BYTES = 16 * 1024;
const DETAIL_MAX = 300;
/** A Retry-After further out than this is not believed; the worker's own backoff takes over. */
const RETRY_AFTER_MAX_MS = 24 * 60 * 60 * 1000;

/** Platform codes in a 200 answer that mean "not now", per kind (UNCONFIRMED for Feishu: see the reference). */
const BUSY_CODES: Partial<Record<ChannelKind, ReadonlySet<number>>> = {
  dingtalk: new Set([130101, -1]),
  feishu: new Set([9499, 11232, 230020]),
  wecom: new Set([45009, -1]),
};

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const trimmed = text.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 0), RETRY_AFTER_MAX_MS);
}

function platformCode(kind: ChannelKind, body: string): { code: number; message: string } | null {
  if (kind === "slack" || kind === "webhook") return null;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    // DingTalk and WeCom: errcode/errmsg; Feishu: code/msg (older bots: StatusCode/StatusMessage).
    const code = parsed.errcode ?? parsed.code ?? parsed.StatusCode;
    const message = parsed.errmsg ?? parsed.msg ?? parsed.StatusMessage ?? "";
    if (typeof code !== "number") return null;
    return { code, message: typeof message === "string" ? message : "" };
  } catch {
    return null;
  }
}

/** Shortens and redacts a detail: no secret and no part of the URL that could be its token. */
function safeDetail(detail: string, secrets: string[]): string {
  let text = detail;
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join("…");
  text = text.replace(/[\u0000-\u001F\u007F-\u009F]+/g, " ").replace(/\s+/g, " ").trim();
  return Array.from(text).length > DETAIL_MAX ? `${Array.from(text).slice(0, DETAIL_MAX - 1).join("")}…` : text;
}

/** The parts of a channel URL that may be its token: path segments and query values. */
function urlSecrets(target: ChannelTarget): string[] {
  const secrets = target.secret ? [target.secret] : [];
  try {
    const url = new URL(target.url);
    for (const segment of url.pathname.split("/")) if (segment.length >= 8) secrets.push(segment, decodeURIComponent(segment));
    for (const value of url.searchParams.values()) if (value.length >= 4) secrets.push(value, encodeURIComponent(value));
  } catch {
    // Not a URL: nothing of it is echoed anyway.
  }
  return secrets.sort((a, b) => b.length - a.length);
}

/** What a receiver's answer means (exported for the worker's tests and the "test" button). */
export function classifyAnswer(kind: ChannelKind, answer: Answer, now: Date = new Date()): DeliveryVerdict {
  const { status } = answer;
  const excerpt = answer.body.slice(0, 200);
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterMs = parseRetryAfter(answer.headers["retry-after"], now);
    const what = status === 429 ? "the receiver is rate limiting" : status === 408 ? "the receiver timed out" : "the receiver failed";
    return { outcome: "retry", status, detail: `HTTP ${status}: ${what}${retryAfterMs !== undefined ? ` (Retry-After ${Math.round(retryAfterMs / 1000)} s)` : ""}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (status >= 300 && status < 400) return { outcome: "failed", status, detail: `HTTP ${status}: a redirect, not followed` };
  if (status < 200 || status >= 300) {
    // Feishu's gateway has been seen answering its rate limit as a 400 carrying the busy code.
    const platform = status >= 400 ? platformCode(kind, answer.body) : null;
    if (platform && BUSY_CODES[kind]?.has(platform.code)) {
      return { outcome: "retry", status, detail: `HTTP ${status}, code ${platform.code}${platform.message ? ` ${platform.message}` : ""}: the platform is busy or limiting this robot` };
    }
    return { outcome: "failed", status, detail: `HTTP ${status}: the receiver refused the message${excerpt ? ` (${excerpt})` : ""}` };
  }

  if (kind === "slack") {
    // Slack answers the plain text `ok`; anything else in a 2xx is not a delivery we can trust.
    return answer.body.trim() === "ok" ? { outcome: "delivered", status, detail: `HTTP ${status} ok` } : { outcome: "failed", status, detail: `HTTP ${status}: unexpected answer (${excerpt})` };
  }
  if (kind === "webhook") return { outcome: "delivered", status, detail: `HTTP ${status}` };

  const platform = platformCode(kind, answer.body);
  if (!platform) return { outcome: "failed", status, detail: `HTTP ${status}: the answer carries no ${kind} status code (${excerpt})` };
  const said = `code ${platform.code}${platform.message ? ` ${platform.message}` : ""}`;
  if (platform.code === 0) return { outcome: "delivered", status, detail: `HTTP ${status}, ${said}` };
  if (BUSY_CODES[kind]?.has(platform.code)) return { outcome: "retry", status, detail: `HTTP ${status}, ${said}: the platform is busy or limiting this robot` };
  if ((kind === "dingtalk" && platform.code === 310000) || (kind === "feishu" && platform.code === 19021)) {
    return { outcome: "failed", status, detail: `HTTP ${status}, ${said}: the signature, keyword or IP rule was refused (check the secret)` };
  }
  return { outcome: "failed", status, detail: `HTTP ${status}, ${said}` };
}

const RETRYABLE_NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "EAI_AGAIN", "ECONNABORTED", "EADDRNOTAVAIL"]);

class SendTimeout extends Error {
  readonly code = "ETIMEOUT";
}

function classifyNetworkError(cause: unknown, timeoutMs: number): DeliveryVerdict {
  if (cause instanceof SendTimeout) return { outcome: "retry", status: null, detail: `no answer within ${timeoutMs} ms` };
  const code = (cause as NodeJS.ErrnoException | null)?.code ?? "";
  if (code.startsWith("CERT_") || code.startsWith("ERR_TLS_") || code.includes("SELF_SIGNED") || code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE") {
    return { outcome: "failed", status: null, detail: `the receiver's TLS certificate was not accepted (${code})` };
  }
  if (RETRYABLE_NETWORK.has(code)) return { outcome: "retry", status: null, detail: `the receiver could not be reached (${code})` };
  // An unknown low-level failure is more likely a network hiccup than a permanent refusal.
  return { outcome: "retry", status: null, detail: `the connection failed (${code || (cause instanceof Error ? cause.name : "error")})` };
}

/** Connects to the checked address whatever the name resolves to now. */
function pinnedLookup(address: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  };
}

function post(url: URL, address: ResolvedAddress, request: { headers: Record<string, string>; body: string }, timeoutMs: number): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const transport = url.protocol === "https:" ? https : http;
    const body = Buffer.from(request.body, "utf8");
    const req = transport.request(url, {
      method: "POST",
      headers: { ...request.headers, "content-length": String(body.length) },
      lookup: pinnedLookup(address),
      agent: false,
    });
    const timer = setTimeout(() => req.destroy(new SendTimeout("timeout")), timeoutMs);
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      outcome();
    };
    req.on("error", (error) => finish(() => reject(error)));
    req.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        if (size >= ANSWER_MAX_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on("error", (error) => finish(() => reject(error)));
      response.on("end", () =>
        finish(() => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).subarray(0, ANSWER_MAX_BYTES).toString("utf8") })),
      );
    });
    req.end(body);
  });
}

export interface SendNotificationOptions extends SendOptions {
  /** Tests only: a resolver other than the system's (to show the connection is pinned). */
  resolve?: Resolve;
}

/** The timeout covers the name's resolution too: getaddrinfo's own retries can outlast it. */
function withDeadline<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new SendTimeout("timeout")), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** One attempt to deliver one event to one channel. Never throws: every failure is a verdict. */
export async function sendNotification(target: ChannelTarget, event: NotificationEvent, opts: SendNotificationOptions): Promise<DeliveryVerdict> {
  const now = opts.now ?? new Date();
  const secrets = urlSecrets(target);
  let verdict: DeliveryVerdict;
  try {
    const request = buildRequest(target, event, { consoleOrigin: opts.consoleOrigin, now });
    const started = Date.now();
    const destination = await withDeadline(resolveChannelDestination(request.url, { allowLoopback: opts.allowLoopback, resolve: opts.resolve }), opts.timeoutMs);
    if (!destination.ok) {
      verdict = { outcome: destination.transient ? "retry" : "failed", status: null, detail: `not sent: ${destination.reason}` };
    } else {
      try {
        const remaining = Math.max(opts.timeoutMs - (Date.now() - started), 1);
        verdict = classifyAnswer(target.kind, await post(destination.url, destination.address, request, remaining), now);
      } catch (cause) {
        verdict = classifyNetworkError(cause, opts.timeoutMs);
      }
    }
  } catch (cause) {
    verdict =
      cause instanceof SendTimeout
        ? { outcome: "retry", status: null, detail: `the host name did not resolve within ${opts.timeoutMs} ms` }
        : // Building failed (a malformed URL or secret): no try will do better.
          { outcome: "failed", status: null, detail: `not sent: the channel could not be prepared (${cause instanceof Error ? cause.name : "error"})` };
  }
  return { ...verdict, detail: safeDetail(verdict.detail, secrets) };
}
