import "server-only";
// The channel kinds' side of notifications (issue 24): how one event becomes one HTTP request for a
// DingTalk, Feishu, WeCom or Slack robot or a Standard Webhooks receiver, and what the receiver's
// answer means for the delivery (delivered, try again later, or give up). The outbox, store and
// delivery worker code against this module only; the parts live beside it:
// - channel-messages.ts: buildRequest, each platform's body and signature;
// - channel-send.ts: sendNotification, the pinned POST and the answer's classification;
// - url-safety.ts: checkChannelUrl, https only and no private address;
// - secret-box.ts: encryptSecret / decryptSecret, the channel secret at rest.
import type { ChannelKind, NotificationEventType } from "@/lib/domain/notifications";
import type { Locale } from "@/lib/domain/locale";

export { CHANNEL_KINDS, NOTIFICATION_EVENTS, type ChannelKind, type NotificationEventType } from "@/lib/domain/notifications";

/** What a message reports. Carries no secret: it is stored in the outbox and sent to outsiders. */
export interface NotificationEvent {
  /** Stable across retries (the outbox row's id): Standard Webhooks' `webhook-id`. */
  id: string;
  type: NotificationEventType;
  /** ISO 8601. */
  occurredAt: string;
  /** The console account (Alibaba Cloud account) the subject belongs to, when it has one. */
  account: string | null;
  subject: {
    kind: "reset" | "request" | "bulk" | "reconfiguration" | "user";
    id: string;
    /** The console page of the subject, e.g. `/resets/123`: the message links to origin + path. */
    path: string;
  };
  /** Who did it (a user name), or null for the console itself. */
  actor: string | null;
  /** Task id, region, direction, outcome, requestId, error code, counts, reason… never a secret. */
  summary: Record<string, string | number | null>;
}

export interface ChannelTarget {
  kind: ChannelKind;
  url: string;
  /** Decrypted: DingTalk's 加签 secret, Feishu's signing secret, a `whsec_…` secret; null for none. */
  secret: string | null;
  language: Locale;
}

export interface BuiltRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface BuildOptions {
  /** CONSOLE_PUBLIC_ORIGIN, e.g. `https://dts.example.com` (no trailing slash needed). */
  consoleOrigin: string;
  /** The signing time (DingTalk, Feishu, Standard Webhooks timestamps). */
  now: Date;
}

export interface SendOptions {
  consoleOrigin: string;
  now?: Date;
  /** For the whole exchange: connect, send, and read the answer. */
  timeoutMs: number;
  /** NOTIFY_ALLOW_LOOPBACK: admits http(s) to 127.0.0.1, ::1 and localhost (tests, the demo). */
  allowLoopback: boolean;
}

/**
 * `detail` is safe to store and show: the receiver's status and platform code and message, never
 * the URL's token nor the secret.
 */
export type DeliveryVerdict =
  | { outcome: "delivered"; status: number; detail: string }
  | { outcome: "retry"; status: number | null; detail: string; retryAfterMs?: number }
  | { outcome: "failed"; status: number | null; detail: string };

export type UrlCheck = { ok: true } | { ok: false; reason: string };

export { buildRequest } from "./channel-messages";
export { sendNotification, classifyAnswer } from "./channel-send";
export { checkChannelUrl } from "./url-safety";
export { encryptSecret, decryptSecret, secretKeyId } from "./secret-box";
