import "server-only";
// The delivery worker: takes each due delivery under a lease (one conditional UPDATE: of several
// instances on PostgreSQL exactly one wins it), waits for the channel's pacing slot, posts through
// sendNotification with a timeout, and records the answer under the lease (the fence). A retry is
// due again after an exponential backoff with jitter, for up to about a day, with the same event
// (so the same webhook-id); a refusal no try will change ends it as failed. A worker that dies
// mid-post leaves its lease to run out, and whoever polls next takes the delivery up again.
// One channel is worked by one lane at a time per process, so a paced channel waits alone.
import { randomUUID } from "node:crypto";
import type { ConsoleContext } from "@/lib/context";
import type { ChannelKind } from "@/lib/domain/notifications";
import { DomainError } from "@/lib/domain/errors";
import { recordNotice } from "@/lib/approvals/store";
import { sendNotification, type DeliveryVerdict } from "./channel-kinds";
import { targetOf } from "./channels";
import { onNotificationRecorded } from "./outbox";
import { MAX_PACING_WAIT_MS, paceOf, reserveSlot } from "./pacing";
import { listDueDeliveries, nextDueAt, postpone, readLeasedDelivery, recordTry, takeDelivery, type LeasedDelivery, type TryOutcome } from "./store";

/** The longest wait between two tries of one delivery. */
export const MAX_RETRY_DELAY_MS = 3_600_000;

/**
 * The wait before try `attempt + 1` after `attempt` tries failed: base × 2^(attempt−1), at most an
 * hour, jittered to between half and all of it (so receivers coming back up are not hit by every
 * console at once), and never before a Retry-After the receiver asked for.
 */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random, retryAfterMs?: number): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

export interface DeliveryWorkerOptions {
  /** How often to look for due deliveries besides being woken (default 1 s). */
  pollMs?: number;
  /** Deliveries in flight at once in this process (default 8), at most one per channel. */
  maxInFlight?: number;
  random?: () => number;
}

export interface DeliveryWorker {
  start(): void;
  /** Look for due deliveries now. */
  kick(): void;
  /** Stops polling and waits for the deliveries in flight. */
  stop(): Promise<void>;
  /** The channels this process is posting to right now. */
  busyChannels(): string[];
}

/** The lease outlasts the pacing wait the channel's kind may need and the post's own timeout. */
export function leaseMsFor(kind: ChannelKind, timeoutMs: number): number {
  return (paceOf(kind) > 0 ? MAX_PACING_WAIT_MS : 0) + timeoutMs + 2_000;
}

export function createDeliveryWorker(ctx: ConsoleContext, options: DeliveryWorkerOptions = {}): DeliveryWorker {
  const pollMs = options.pollMs ?? 1_000;
  const maxInFlight = options.maxInFlight ?? 8;
  const random = options.random ?? Math.random;
  const settings = ctx.settings.notify;
  const busy = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let poll: NodeJS.Timeout | null = null;
  let wake: NodeJS.Timeout | null = null;
  let scanning = false;
  let again = false;
  let stopped = false;
  let unsubscribe: (() => void) | null = null;

  async function deliverOne(id: string, kind: ChannelKind): Promise<void> {
    const token = randomUUID();
    if (!(await takeDelivery(ctx.store, id, token, ctx.now(), leaseMsFor(kind, settings.timeoutMs)))) return;
    const delivery = await readLeasedDelivery(ctx.store, id);
    if (!delivery) return;
    const { channel } = delivery;
    if (!channel.enabled) {
      await finish(delivery, token, { status: "failed", httpStatus: null, detail: "not sent: the channel is disabled" });
      return;
    }
    let target;
    try {
      target = targetOf(settings, channel);
    } catch (error) {
      // No key opens the channel (NOTIFY_SECRET_KEY changed or missing): no try will do better until an admin acts.
      await finish(delivery, token, { status: "failed", httpStatus: null, detail: `not sent: ${error instanceof DomainError ? error.message : "the channel could not be opened"}` });
      return;
    }
    const wait = await reserveSlot(ctx.store, channel.id, paceOf(channel.kind));
    if (wait > (paceOf(kind) > 0 ? MAX_PACING_WAIT_MS : 0)) {
      // Further out than the lease allows: due again at its slot, no try counted.
      await postpone(ctx.store, id, token, new Date(ctx.now().getTime() + wait));
      return;
    }
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    let verdict: DeliveryVerdict;
    try {
      verdict = await sendNotification(target, delivery.event, { consoleOrigin: settings.consoleOrigin, timeoutMs: settings.timeoutMs, allowLoopback: settings.allowLoopback });
    } catch (error) {
      verdict = { outcome: "retry", status: null, detail: `not sent: ${(error as Error).name}` };
    }
    await finish(delivery, token, outcomeOf(delivery, verdict));
  }

  function outcomeOf(delivery: LeasedDelivery, verdict: DeliveryVerdict): TryOutcome {
    if (verdict.outcome === "delivered") return { status: "delivered", httpStatus: verdict.status, detail: verdict.detail };
    if (verdict.outcome === "failed") return { status: "failed", httpStatus: verdict.status, detail: verdict.detail };
    const now = ctx.now();
    const tries = delivery.attempts + 1;
    const next = new Date(now.getTime() + retryDelayMs(tries, settings.retryBaseMs, random, verdict.retryAfterMs));
    if (next.getTime() - Date.parse(delivery.createdAt) > settings.retryForMs) {
      return { status: "failed", httpStatus: verdict.status, detail: `gave up after ${tries} tries: ${verdict.detail}` };
    }
    return { status: "pending", httpStatus: verdict.status, detail: verdict.detail, nextAttemptAt: next };
  }

  async function finish(delivery: LeasedDelivery, token: string, outcome: TryOutcome): Promise<void> {
    const at = ctx.now();
    const recorded = await recordTry(ctx.store, delivery.id, token, outcome, at);
    if (!recorded) {
      ctx.log.warn("notification_lease_lost", { id: delivery.id, channel: delivery.channel.id });
      return;
    }
    if (outcome.status === "pending") scheduleWake(outcome.nextAttemptAt);
    else ctx.log.info("notification_settled", { id: delivery.id, channel: delivery.channel.id, type: delivery.event.type, status: outcome.status, httpStatus: outcome.httpStatus });
    // APPROVAL_WEBHOOK_URL's notice of a new request shows on the request, as it always has.
    if (outcome.status !== "pending" && delivery.channel.source === "config" && delivery.event.type === "reset.requested") {
      await recordNotice(ctx.store, delivery.event.subject.id, at, outcome.status === "delivered" ? { ok: true } : { ok: false, error: outcome.detail }).catch(() => undefined);
    }
  }

  function scheduleWake(at: Date): void {
    const delay = Math.max(0, at.getTime() - ctx.now().getTime());
    if (delay >= pollMs || stopped) return; // the poll will find it
    if (wake) clearTimeout(wake);
    wake = setTimeout(() => {
      wake = null;
      kick();
    }, delay);
    wake.unref();
  }

  async function scan(): Promise<void> {
    if (stopped) return;
    if (scanning) {
      again = true;
      return;
    }
    scanning = true;
    try {
      do {
        again = false;
        const due = await listDueDeliveries(ctx.store, ctx.now(), 4 * maxInFlight);
        for (const { id, channelId, kind } of due) {
          if (inFlight.size >= maxInFlight) break;
          if (busy.has(channelId)) continue;
          busy.add(channelId);
          const work: Promise<void> = deliverOne(id, kind)
            .catch((error: unknown) => ctx.log.error("notification_delivery_failed", { id, name: (error as Error).name, message: (error as Error).message }))
            .finally(() => {
              busy.delete(channelId);
              inFlight.delete(work);
              kick();
            });
          inFlight.add(work);
        }
      } while (again && !stopped);
      const next = await nextDueAt(ctx.store, ctx.now());
      if (next) scheduleWake(next);
    } catch (error) {
      ctx.log.error("notification_scan_failed", { name: (error as Error).name, message: (error as Error).message });
    } finally {
      scanning = false;
    }
  }

  function kick(): void {
    void scan();
  }

  return {
    start() {
      if (poll || stopped) return;
      unsubscribe = onNotificationRecorded(kick);
      kick();
      poll = setInterval(kick, pollMs);
      poll.unref();
    },
    kick,
    async stop() {
      stopped = true;
      if (poll) clearInterval(poll);
      if (wake) clearTimeout(wake);
      unsubscribe?.();
      while (inFlight.size > 0 || scanning) await Promise.all([...inFlight, new Promise((r) => setTimeout(r, 5))]);
    },
    busyChannels: () => [...busy],
  };
}
