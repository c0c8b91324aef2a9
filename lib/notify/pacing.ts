import "server-only";
// The platforms' own limits, kept by spacing a channel's messages out rather than by letting the
// platform refuse them: DingTalk's and WeCom's robots take 20 messages a minute, Feishu's bot 5 a
// second and 100 a minute, Slack's incoming webhook about one a second. One message per interval
// never exceeds any of them in any window. The slot is reserved in the database
// (notification_pacing), so the pace holds across lanes and instances.
import type { AuditStore } from "@/lib/db/store";
import type { ChannelKind } from "@/lib/domain/notifications";
import { reserveSend } from "./store";

const INTERVAL_MS: Readonly<Record<ChannelKind, number>> = {
  dingtalk: 3_000, // 20 a minute
  wecom: 3_000, // 20 a minute
  feishu: 600, // 100 a minute (and so under 5 a second)
  slack: 1_000,
  webhook: 0, // a receiver of ours: no published limit
};

export function paceOf(kind: ChannelKind): number {
  return INTERVAL_MS[kind];
}

/** The longest a worker waits for a slot while holding a delivery's lease; later slots are postponed. */
export const MAX_PACING_WAIT_MS = 5_000;

/** Reserves the channel's next slot: the milliseconds to wait before sending (0: now). */
export async function reserveSlot(store: AuditStore, channelId: string, intervalMs: number): Promise<number> {
  const now = Date.now();
  return Math.max(0, (await reserveSend(store, channelId, intervalMs, now)) - now);
}

/** Waits for the channel's next slot (the test button: an admin waits at most a few seconds). */
export async function waitForSend(store: AuditStore, channelId: string, intervalMs: number): Promise<void> {
  const wait = await reserveSlot(store, channelId, intervalMs);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
