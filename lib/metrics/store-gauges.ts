import "server-only";
// The gauges read from the database at every scrape: resets by outcome, bulk items by status and
// what reconciliation has still to resolve. Read from the records, not counted in memory, so every
// console instance on one PostgreSQL database reports the same values and a restart loses nothing
// (sum them in Prometheus with max() or pick one instance: they are the same numbers).
import { getStore } from "@/lib/db/connection";
import { countResetsByOutcome, countUnresolved } from "@/lib/audit/reset-queries";
import { countOpenReconfigurations } from "@/lib/audit/reconfigurations";
import { countItemsByStatus, type StoredItemStatus } from "@/lib/bulk/store";
import { channelHealth, listChannels } from "@/lib/notify/store";
import { RESET_STATUSES } from "@/lib/domain/reset-record";
import type { AuditStore } from "@/lib/db/store";
import { dueBefore } from "@/lib/guarded/reconciler";
import { hasMetric, registerGauge, type GaugeSample } from "./registry";

const ITEM_STATUSES = ["queued", "running", "sent", "skipped", "failed", "cancelled"] as const satisfies readonly StoredItemStatus[];

/**
 * Every state of every account seen, 0 where no row has it: a series that exists at 0 before the
 * first failure makes `increase()` and alert rules see that failure.
 */
function withZeros<K extends string>(rows: ReadonlyArray<{ account: string; count: number } & Record<K, string>>, key: K, states: readonly string[]): GaugeSample<"account" | K>[] {
  const counts = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const byState = counts.get(row.account) ?? new Map<string, number>();
    byState.set(row[key], (byState.get(row[key]) ?? 0) + row.count);
    counts.set(row.account, byState);
  }
  const samples: GaugeSample<"account" | K>[] = [];
  for (const [account, byState] of counts) {
    for (const state of new Set([...states, ...byState.keys()])) {
      samples.push({ labels: { account, [key]: state } as Record<"account" | K, string>, value: byState.get(state) ?? 0 });
    }
  }
  return samples;
}

export const STORE_GAUGES = {
  resets: "dts_console_resets",
  bulkItems: "dts_console_bulk_items",
  reconciliation: "dts_console_reconciliation_queue",
  notifications: "dts_console_notification_deliveries",
} as const;

/**
 * Registers the database gauges over `store` (the process's store by default), once; a test passes
 * its own store. The route calls this before each scrape, so it costs a lookup after the first.
 */
export function registerStoreGauges(store: () => Promise<AuditStore> = getStore, now: () => Date = () => new Date()): void {
  if (hasMetric(STORE_GAUGES.resets)) return;
  registerGauge({
    name: STORE_GAUGES.resets,
    help: "Reset records by account and outcome (pending, succeeded, failed, unknown), as the database holds them.",
    labelNames: ["account", "outcome"] as const,
    collect: async () => withZeros(await countResetsByOutcome(await store()), "outcome", RESET_STATUSES),
  });
  registerGauge({
    name: STORE_GAUGES.bulkItems,
    help: "Items of bulk resets by account and status (queued, running, sent, skipped, failed, cancelled).",
    labelNames: ["account", "status"] as const,
    collect: async () => withZeros(await countItemsByStatus(await store()), "status", ITEM_STATUSES),
  });
  registerGauge({
    name: STORE_GAUGES.reconciliation,
    help: "Records whose outcome reconciliation has still to learn from DTS, by account and operation: resets of unknown outcome (and pending ones past the wait for DTS's answer), reconfigurations still followed.",
    labelNames: ["account", "operation"] as const,
    collect: async () => {
      const db = await store();
      const [resets, reconfigurations] = await Promise.all([countUnresolved(db, dueBefore(now())), countOpenReconfigurations(db)]);
      return [
        ...resets.map((r) => ({ labels: { account: r.account, operation: "reset" }, value: r.count })),
        ...reconfigurations.map((r) => ({ labels: { account: r.account, operation: "reconfigure" }, value: r.count })),
      ];
    },
  });
  registerGauge({
    name: STORE_GAUGES.notifications,
    help: "Notification deliveries by channel, kind and status: pending is the backlog still to be delivered (or retried), failed the ones that gave up; as the database holds them.",
    labelNames: ["channel", "kind", "status"] as const,
    collect: async () => {
      const db = await store();
      // Channels are the admins' own, a handful: their IDs are bounded label values.
      const [channels, health] = await Promise.all([listChannels(db), channelHealth(db)]);
      return channels.flatMap((channel) => {
        const counts = health.get(channel.id);
        return (["pending", "delivered", "failed"] as const).map((status) => ({
          labels: { channel: channel.id, kind: channel.kind, status },
          value: counts ? (status === "pending" ? counts.backlog : status === "failed" ? counts.failed : counts.delivered) : 0,
        }));
      });
    },
  });
}
