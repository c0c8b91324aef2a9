// Notification channels (issue 24): the kinds of receiver the console posts to, the events it
// reports, and the admin's channel input. Safe for the browser: the channel form checks exactly
// what the route handler will. What a URL may point at (https only, no private address) needs DNS
// and is checked on the server (lib/notify/url-safety.ts); here only its shape.
import { z } from "zod";
import { LOCALES } from "./locale";
import { text } from "./text";

export const CHANNEL_KINDS = ["dingtalk", "feishu", "wecom", "slack", "webhook"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const NOTIFICATION_EVENTS = [
  "reset.requested",
  "reset.approved",
  "reset.rejected",
  "reset.expired",
  "reset.cancelled",
  "reset.succeeded",
  "reset.failed",
  "reset.unknown",
  "reset.unknown_resolved",
  "bulk.started",
  "bulk.finished",
  "reconfiguration.succeeded",
  "reconfiguration.failed",
  "sign_in.locked_out",
  "test",
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENTS)[number];

/** The events a channel subscribes to: every one but `test`, which only the admin's test button sends. */
export const SUBSCRIBABLE_EVENTS = NOTIFICATION_EVENTS.filter((type): type is Exclude<NotificationEventType, "test"> => type !== "test");
export type SubscribableEvent = (typeof SUBSCRIBABLE_EVENTS)[number];

/** The kinds whose receiver checks a signature made with the channel's secret. */
export const SIGNED_KINDS = ["dingtalk", "feishu", "webhook"] as const satisfies readonly ChannelKind[];

export function kindTakesSecret(kind: ChannelKind): boolean {
  return (SIGNED_KINDS as readonly ChannelKind[]).includes(kind);
}

export function isChannelKind(value: unknown): value is ChannelKind {
  return typeof value === "string" && (CHANNEL_KINDS as readonly string[]).includes(value);
}

export function isNotificationEventType(value: unknown): value is NotificationEventType {
  return typeof value === "string" && (NOTIFICATION_EVENTS as readonly string[]).includes(value);
}

export const CHANNEL_NAME_MAX = 80;
export const CHANNEL_URL_MAX = 2048;
export const CHANNEL_SECRET_MAX = 256;
/** Standard Webhooks: a secret is `whsec_` and the base64 of 24 to 64 random bytes. */
export const WEBHOOK_SECRET_PREFIX = "whsec_";
const WEBHOOK_SECRET_BYTES = { min: 24, max: 64 } as const;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function base64Length(value: string): number {
  const padding = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
  return (value.length / 4) * 3 - padding;
}

/**
 * Why a secret does not suit a kind, or null when it does. WeCom and Slack sign nothing (the URL's
 * key is their secret), so a secret for them is a mistake the admin should hear about; a signed
 * webhook's secret must be one the receiver's Standard Webhooks library can decode.
 */
export function channelSecretIssue(kind: ChannelKind, secret: string | null | undefined): string | null {
  if (secret === null || secret === undefined) return null;
  if (!kindTakesSecret(kind)) return `A ${kind} channel takes no secret: the key in its URL is the secret`;
  if (secret.length === 0) return "Leave the secret out rather than empty";
  if (kind === "webhook") {
    const raw = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : null;
    if (raw === null || !BASE64.test(raw)) return "A Standard Webhooks secret is whsec_ followed by base64";
    const bytes = base64Length(raw);
    if (bytes < WEBHOOK_SECRET_BYTES.min || bytes > WEBHOOK_SECRET_BYTES.max) {
      return `A Standard Webhooks secret holds ${WEBHOOK_SECRET_BYTES.min} to ${WEBHOOK_SECRET_BYTES.max} bytes`;
    }
  }
  return null;
}

const channelUrl = z
  .string()
  .trim()
  .max(CHANNEL_URL_MAX, `Keep the URL under ${CHANNEL_URL_MAX + 1} characters`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.username === "" && url.password === "";
    } catch {
      return false;
    }
  }, "Enter the receiver's https:// URL (no user name or password in it)");

const channelSecret = text({ max: CHANNEL_SECRET_MAX, trim: true, normalize: false, tooLong: `Keep the secret under ${CHANNEL_SECRET_MAX + 1} characters` });

const channelEvents = z
  .array(z.enum(SUBSCRIBABLE_EVENTS))
  .min(1, "Choose at least one event")
  .refine((events) => new Set(events).size === events.length, "List each event once");

const channelFields = {
  name: text({ min: 1, max: CHANNEL_NAME_MAX, tooShort: "Name the channel", tooLong: `Keep the name under ${CHANNEL_NAME_MAX + 1} characters` }),
  url: channelUrl,
  events: channelEvents,
  language: z.enum(LOCALES),
  enabled: z.boolean(),
};

/** POST /api/admin/notification-channels: events default to all, language to English, enabled to true. */
export const channelCreateSchema = z
  .object({
    kind: z.enum(CHANNEL_KINDS),
    ...channelFields,
    secret: channelSecret.nullable().optional(),
    events: channelFields.events.default([...SUBSCRIBABLE_EVENTS]),
    language: channelFields.language.default("en"),
    enabled: channelFields.enabled.default(true),
  })
  .strict()
  .superRefine((input, ctx) => {
    const issue = channelSecretIssue(input.kind, input.secret);
    if (issue) ctx.addIssue({ code: "custom", path: ["secret"], message: issue });
  });
export type ChannelCreateInput = z.infer<typeof channelCreateSchema>;

/**
 * PATCH /api/admin/notification-channels/{id}: any field but the kind. `secret`: a string sets it,
 * null clears it, absent keeps it (secrets are write-only, so the form cannot send the old one
 * back). The route checks the secret against the stored kind with channelSecretIssue.
 */
export const channelUpdateSchema = z
  .object({
    name: channelFields.name.optional(),
    url: channelFields.url.optional(),
    secret: channelSecret.nullable().optional(),
    events: channelFields.events.optional(),
    language: channelFields.language.optional(),
    enabled: channelFields.enabled.optional(),
  })
  .strict()
  .refine((input) => Object.keys(input).length > 0, "Change at least one field");
export type ChannelUpdateInput = z.infer<typeof channelUpdateSchema>;
