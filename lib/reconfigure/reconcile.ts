import "server-only";
// Resolves ConfigureDtsJob calls whose outcome nobody knows (a timeout, a dropped connection, a
// 5xx, the server died mid-call) from the task's state, then follows every open reconfiguration.
// ConfigureDtsJob takes a task out of Not Configured, so: Not Configured (past the settle window)
// means it did not take effect; any configured status means it did.
import type { AuditStore } from "@/lib/audit/db";
import { getReconfiguration, listOpenReconfigurations, resolveReconfigureCall, type Reconfiguration } from "@/lib/audit/reconfigurations";
import { directionTarget } from "@/lib/domain/reset-target";
import type { DtsClient } from "@/lib/dts/operations";
import { findTaskByInstanceId } from "@/lib/jobs/service";
import { logger } from "@/lib/log";
import { followReconfiguration } from "./follow";

export interface ReconcileReconfigureDependencies {
  client: DtsClient;
  store: AuditStore;
  now?: () => Date;
  /** Calls younger than this may still be waiting for DTS's answer in a live request. */
  minAgeMs?: number;
  /** How long "still Not Configured" proves nothing (DTS may apply a call after answering). */
  settleMs?: number;
}

export const DEFAULT_RECONFIGURE_MIN_AGE_MS = 30_000;

export async function reconcileReconfiguration(deps: ReconcileReconfigureDependencies, rec: Reconfiguration): Promise<Reconfiguration> {
  const now = deps.now ?? (() => new Date());
  if (rec.status === "pending" || rec.status === "unknown") {
    const age = now().getTime() - Date.parse(rec.requestedAt);
    if (age < (deps.minAgeMs ?? DEFAULT_RECONFIGURE_MIN_AGE_MS)) return rec;
    let status: string | null = null;
    try {
      // A verdict never rests on a list kept only because DTS is limiting requests.
      const { task } = await findTaskByInstanceId(deps.client, rec.region, rec.instanceId, "sync", { allowStale: false });
      status = directionTarget(task, rec.direction)?.status ?? null;
    } catch (error) {
      logger.warn("reconfigure_reconcile_read_failed", { id: rec.id, message: (error as Error).message });
      return rec;
    }
    if (status === null) return rec;
    const at = now();
    if (status === "NotConfigured" && age < (deps.settleMs ?? 0)) return rec;
    const tookEffect = status !== "NotConfigured";
    const resolved = await resolveReconfigureCall(deps.store, rec.id, {
      status: tookEffect ? "succeeded" : "failed",
      at,
      note: tookEffect
        ? `DTS showed the task ${status} at ${at.toISOString()}: the configuration took effect.`
        : `DTS still showed the task Not Configured at ${at.toISOString()}: the configuration did not take effect.`,
    });
    rec = resolved ?? (await getReconfiguration(deps.store, rec.id)) ?? rec;
  }
  return followReconfiguration(deps, rec);
}

/** One round over every open reconfiguration. */
export async function reconcileReconfigurations(deps: ReconcileReconfigureDependencies): Promise<{ followed: number }> {
  let followed = 0;
  for (const rec of await listOpenReconfigurations(deps.store)) {
    await reconcileReconfiguration(deps, rec);
    followed++;
  }
  return { followed };
}
