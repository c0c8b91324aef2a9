import "server-only";
// The admin's notification channels (issue 24): list them with their deliveries' health, add,
// change, remove, send a test now, retry a failed delivery by hand. A URL is checked the way the
// sender checks it before each post (https, no private address); URL and secret are sealed before
// they are stored and never leave this module in clear except to the sender.
import { randomUUID } from "node:crypto";
import type { ConsoleContext, NotifySettings } from "@/lib/context";
import { InvalidRequest, NotFoundError, NotifyRefusal } from "@/lib/domain/errors";
import { channelSecretIssue, type ChannelCreateInput, type ChannelUpdateInput } from "@/lib/domain/notifications";
import type { ChannelTestResult, ChannelView, DeliveryView } from "@/lib/domain/notification-views";
import { checkChannelUrl, sendNotification, type ChannelTarget, type NotificationEvent } from "./channel-kinds";
import { configWebhookSecret, requireSealingKey, seal, unseal, urlPreview } from "./sealing";
import {
  channelHealth,
  deleteChannel,
  deliveryStatus,
  getChannel,
  insertChannel,
  listChannels,
  listDeliveries,
  recordTestDelivery,
  retryFailedDelivery,
  updateChannel,
  type DeliveryStatus,
  type StoredChannel,
} from "./store";
import { wakeDeliveryWorker } from "./outbox";
import { paceOf, waitForSend } from "./pacing";

/** The ID of APPROVAL_WEBHOOK_URL's channel. */
export const CONFIG_CHANNEL_ID = "approval-webhook";
/** The events APPROVAL_WEBHOOK_URL's channel reports: a reset request's life. */
export const CONFIG_CHANNEL_EVENTS = ["reset.requested", "reset.approved", "reset.rejected", "reset.expired", "reset.cancelled"] as const;

function toView(channel: StoredChannel, health: Awaited<ReturnType<typeof channelHealth>>): ChannelView {
  const h = health.get(channel.id);
  return {
    id: channel.id,
    kind: channel.kind,
    name: channel.name,
    source: channel.source,
    urlPreview: channel.urlPreview,
    hasSecret: channel.source === "config" ? false : channel.secretSealed !== null,
    events: channel.events,
    language: channel.language,
    enabled: channel.enabled,
    createdAt: channel.createdAt,
    createdBy: channel.createdBy,
    updatedAt: channel.updatedAt,
    updatedBy: channel.updatedBy,
    backlog: h?.backlog ?? 0,
    failed: h?.failed ?? 0,
    delivered: h?.delivered ?? 0,
    lastDelivery: h?.lastDelivery ?? null,
  };
}

export async function listChannelViews(ctx: Pick<ConsoleContext, "store">): Promise<ChannelView[]> {
  const [channels, health] = await Promise.all([listChannels(ctx.store), channelHealth(ctx.store)]);
  return channels.map((c) => toView(c, health));
}

async function viewOf(ctx: Pick<ConsoleContext, "store">, channel: StoredChannel): Promise<ChannelView> {
  return toView(channel, await channelHealth(ctx.store));
}

async function found(ctx: Pick<ConsoleContext, "store">, id: string): Promise<StoredChannel> {
  const channel = await getChannel(ctx.store, id);
  if (!channel) throw new NotFoundError("channel_not_found", `No notification channel ${id}.`);
  return channel;
}

async function checkUrl(settings: NotifySettings, url: string): Promise<void> {
  const check = await checkChannelUrl(url, { allowLoopback: settings.allowLoopback });
  if (!check.ok) throw new NotifyRefusal("channel_url_refused", `The console will not post to this URL: ${check.reason}.`, { field: "url" });
}

export async function createChannel(ctx: ConsoleContext, input: ChannelCreateInput, by: string): Promise<ChannelView> {
  const keys = ctx.settings.notify.keys;
  requireSealingKey(keys); // refuses before the URL is even looked up
  await checkUrl(ctx.settings.notify, input.url);
  const channel = await insertChannel(ctx.store, {
    kind: input.kind,
    name: input.name,
    source: "admin",
    urlSealed: seal(keys, input.url),
    urlPreview: urlPreview(input.url),
    secretSealed: input.secret ? seal(keys, input.secret) : null,
    events: input.events,
    language: input.language,
    enabled: input.enabled,
    by,
    at: ctx.now(),
  });
  ctx.log.info("notification_channel_added", { id: channel.id, kind: channel.kind, by });
  return viewOf(ctx, channel);
}

export async function changeChannel(ctx: ConsoleContext, id: string, input: ChannelUpdateInput, by: string): Promise<ChannelView> {
  const channel = await found(ctx, id);
  if (channel.source === "config") throw new NotifyRefusal("channel_managed", "This channel is APPROVAL_WEBHOOK_URL's: change it in the configuration.");
  const issue = channelSecretIssue(channel.kind, input.secret);
  if (issue) throw new InvalidRequest("invalid_request", `secret: ${issue}`, { issues: [{ path: "secret", message: issue, code: "custom" }] });
  const keys = ctx.settings.notify.keys;
  if (input.url !== undefined) await checkUrl(ctx.settings.notify, input.url);
  const updated = await updateChannel(
    ctx.store,
    id,
    {
      name: input.name,
      ...(input.url !== undefined ? { urlSealed: seal(keys, input.url), urlPreview: urlPreview(input.url) } : {}),
      ...(input.secret !== undefined ? { secretSealed: input.secret === null ? null : seal(keys, input.secret) } : {}),
      events: input.events,
      language: input.language,
      enabled: input.enabled,
    },
    by,
    ctx.now(),
  );
  if (!updated) throw new NotFoundError("channel_not_found", `No notification channel ${id}.`);
  ctx.log.info("notification_channel_changed", { id, by, fields: Object.keys(input).join(",") });
  return viewOf(ctx, updated);
}

export async function removeChannel(ctx: ConsoleContext, id: string, by: string): Promise<void> {
  const channel = await found(ctx, id);
  if (channel.source === "config") throw new NotifyRefusal("channel_managed", "This channel is APPROVAL_WEBHOOK_URL's: remove the variable from the configuration.");
  await deleteChannel(ctx.store, id);
  ctx.log.info("notification_channel_removed", { id, by });
}

/** Where and how to post for a channel: its URL and secret opened (or the configuration's). */
export function targetOf(settings: NotifySettings, channel: StoredChannel): ChannelTarget {
  if (channel.source === "config") {
    if (!settings.configChannel) throw new NotifyRefusal("notify_key_missing", "APPROVAL_WEBHOOK_URL is no longer configured.");
    return { kind: "webhook", url: settings.configChannel.url, secret: configWebhookSecret(settings.configChannel.secret), language: channel.language };
  }
  if (!channel.urlSealed) throw new NotifyRefusal("notify_key_missing", "The channel has no URL.");
  return {
    kind: channel.kind,
    url: unseal(settings.keys, channel.urlSealed),
    secret: channel.secretSealed ? unseal(settings.keys, channel.secretSealed) : null,
    language: channel.language,
  };
}

/** Sends a test message to the channel now (paced like any other) and answers what its receiver said. */
export async function testChannel(ctx: ConsoleContext, id: string, by: string): Promise<ChannelTestResult> {
  const channel = await found(ctx, id);
  const settings = ctx.settings.notify;
  const target = targetOf(settings, channel);
  const event: NotificationEvent = {
    id: randomUUID(),
    type: "test",
    occurredAt: ctx.now().toISOString(),
    account: null,
    subject: { kind: "user", id: by, path: "/admin/notifications" },
    actor: by,
    summary: { channel: channel.name },
  };
  await waitForSend(ctx.store, channel.id, paceOf(channel.kind));
  const verdict = await sendNotification(target, event, { consoleOrigin: settings.consoleOrigin, timeoutMs: settings.timeoutMs, allowLoopback: settings.allowLoopback });
  const deliveryId = await recordTestDelivery(ctx.store, event, channel.id, {
    status: verdict.outcome === "delivered" ? "delivered" : "failed",
    httpStatus: verdict.status,
    detail: verdict.detail,
    at: ctx.now(),
  });
  ctx.log.info("notification_test_sent", { id, by, outcome: verdict.outcome, status: verdict.status });
  return { outcome: verdict.outcome, status: verdict.status, detail: verdict.detail, deliveryId };
}

export async function retryDelivery(ctx: ConsoleContext, id: string, by: string): Promise<DeliveryView> {
  const status = await deliveryStatus(ctx.store, id);
  if (!status) throw new NotFoundError("delivery_not_found", `No notification delivery ${id}.`);
  if (!(await retryFailedDelivery(ctx.store, id, ctx.now()))) {
    throw new NotifyRefusal("delivery_not_failed", `This delivery is ${(await deliveryStatus(ctx.store, id)) ?? status}: only a failed one can be retried.`);
  }
  ctx.log.info("notification_retried", { id, by });
  wakeDeliveryWorker();
  const [view] = await listDeliveries(ctx.store, { id, limit: 1 });
  return view!;
}

export async function recentDeliveries(ctx: Pick<ConsoleContext, "store">, filter: { channelId?: string; status?: DeliveryStatus; limit: number }): Promise<DeliveryView[]> {
  return listDeliveries(ctx.store, filter);
}
