import "server-only";
// Reconciliation of reconfigurations: the reconfiguration's parts of the guarded operation's
// reconciler (lib/guarded/reconciler.ts holds the rules: when a record is due, the settle window,
// the lease). Resolves ConfigureDtsJob calls whose outcome nobody knows (a timeout, a dropped
// connection, a 5xx, the server died mid-call) from the task's state, then follows every open
// reconfiguration one step. ConfigureDtsJob takes a task out of Not Configured, so: Not Configured
// (past the settle window) means it did not take effect; any configured status means it did.
import { dtsFor, type ConsoleContext } from "@/lib/context";
import { getReconfiguration, listOpenReconfigurations, resolveReconfigureCall, type Reconfiguration } from "@/lib/audit/reconfigurations";
import { directionTarget } from "@/lib/domain/reset-target";
import { configureActionOf } from "@/lib/domain/reconfigure";
import { withLease } from "@/lib/guarded/lease";
import { isDue, stillSettling } from "@/lib/guarded/reconciler";
import { findTaskByInstanceId } from "@/lib/tasks/service";
import { followReconfiguration } from "./follow";

/** One reconfiguration: resolve its call if due, then follow it one step. Call it under the record's lease. */
export async function reconcileReconfiguration(ctx: ConsoleContext, rec: Reconfiguration): Promise<Reconfiguration> {
  if (rec.status === "pending" || rec.status === "unknown") {
    if (!isDue(rec, ctx.now())) return rec;
    let status: string | null = null;
    try {
      // A verdict never rests on a list kept only because DTS is limiting requests.
      const type = configureActionOf(rec.parameters) === "ConfigureSubscription" ? "subscribe" : "sync";
      const { task } = await findTaskByInstanceId(dtsFor(ctx, rec.account), rec.region, rec.instanceId, type, { allowStale: false });
      status = directionTarget(task, rec.direction)?.status ?? null;
    } catch (error) {
      ctx.log.warn("reconfigure_reconcile_read_failed", { id: rec.id, message: (error as Error).message });
      return rec;
    }
    if (status === null) return rec;
    const at = ctx.now();
    if (status === "NotConfigured" && stillSettling(rec, at, ctx.settings.settleMs)) return rec;
    const tookEffect = status !== "NotConfigured";
    const resolved = await resolveReconfigureCall(ctx.store, rec.id, {
      status: tookEffect ? "succeeded" : "failed",
      at,
      note: tookEffect
        ? `DTS showed the task ${status} at ${at.toISOString()}: the configuration took effect.`
        : `DTS still showed the task Not Configured at ${at.toISOString()}: the configuration did not take effect.`,
    });
    rec = resolved ?? (await getReconfiguration(ctx.store, rec.id)) ?? rec;
  }
  return followReconfiguration(ctx, rec);
}

export interface ReconfigureReport {
  /** Records this instance worked on. */
  followed: number;
  /** Records another instance held the lease on this round. */
  skipped: number;
}

/** One round over every open reconfiguration, each under its lease (one instance at a time). */
export async function reconcileReconfigurations(ctx: ConsoleContext): Promise<ReconfigureReport> {
  const report: ReconfigureReport = { followed: 0, skipped: 0 };
  for (const listed of await listOpenReconfigurations(ctx.store)) {
    const outcome = await withLease(ctx.store, "reconfigure", listed.id, async () => {
      // Re-read once leased: another instance may have moved it meanwhile.
      const current = await getReconfiguration(ctx.store, listed.id);
      if (current) await reconcileReconfiguration(ctx, current);
    });
    report[outcome.leased ? "followed" : "skipped"]++;
  }
  return report;
}
