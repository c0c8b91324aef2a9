import "server-only";
// The console process's delivery worker (started by instrumentation.ts beside reconciliation and
// the bulk worker): at start it brings APPROVAL_WEBHOOK_URL's channel in line with the
// configuration and seals again what the previous key sealed (key rotation), then polls every
// second and is woken at once whenever a committed change recorded a notification.
import { getConsoleContext, type ConsoleContext } from "@/lib/context";
import { logger } from "@/lib/log";
import { CONFIG_CHANNEL_EVENTS, CONFIG_CHANNEL_ID } from "./channels";
import { needsReseal, seal, unseal, urlPreview } from "./sealing";
import { listChannels, syncConfigChannel, updateChannel } from "./store";
import { createDeliveryWorker, type DeliveryWorker } from "./worker";

const START_RETRY_MS = 5_000;
let worker: DeliveryWorker | null = null;
let starting: Promise<void> | null = null;

/** APPROVAL_WEBHOOK_URL's channel as the configuration says, and every channel sealed under the current key. */
export async function prepareChannels(ctx: ConsoleContext): Promise<void> {
  const { configChannel, keys } = ctx.settings.notify;
  await syncConfigChannel(ctx.store, CONFIG_CHANNEL_ID, configChannel ? { urlPreview: urlPreview(configChannel.url), events: CONFIG_CHANNEL_EVENTS } : null, ctx.now());
  if (!keys.current) return;
  for (const channel of await listChannels(ctx.store)) {
    const stale = [channel.urlSealed, channel.secretSealed].some((sealed) => sealed !== null && needsReseal(keys, sealed));
    if (!stale) continue;
    try {
      await updateChannel(
        ctx.store,
        channel.id,
        {
          ...(channel.urlSealed ? { urlSealed: seal(keys, unseal(keys, channel.urlSealed)) } : {}),
          ...(channel.secretSealed ? { secretSealed: seal(keys, unseal(keys, channel.secretSealed)) } : {}),
        },
        "key rotation",
        ctx.now(),
      );
      ctx.log.info("notification_channel_resealed", { id: channel.id });
    } catch (error) {
      ctx.log.warn("notification_channel_unreadable", { id: channel.id, message: (error as Error).message });
    }
  }
}

/** Starts the process's delivery worker; a second call does nothing. */
export function startNotificationWorker(): void {
  if (starting) return;
  starting = (async () => {
    const ctx = await getConsoleContext();
    await prepareChannels(ctx);
    worker = createDeliveryWorker(ctx);
    worker.start();
  })().catch((error: unknown) => {
    // The database may not be up yet: try again shortly, as the other workers' polls would.
    starting = null;
    logger.error("notification_worker_start_failed", { name: (error as Error).name, message: (error as Error).message });
    setTimeout(startNotificationWorker, START_RETRY_MS).unref();
  });
}

/** Look for due deliveries now. */
export function kickNotificationWorker(): void {
  worker?.kick();
}
