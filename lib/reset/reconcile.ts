import "server-only";
import { withAttemptLease } from "@/lib/audit/attempt-lease";
import type { AuditStore } from "@/lib/audit/db";
import { ResetAttemptStateError } from "@/lib/audit/errors";
import { getReset, listUnresolved } from "@/lib/audit/reset-queries";
import { listUnverified } from "@/lib/audit/verification-queries";
import { markVerified, resolveByReconciliation } from "@/lib/audit/reset-attempts";
import type { ResetRecord } from "@/lib/audit/schema";
import { directionTarget } from "@/lib/domain/reset-target";
import type { DtsTask } from "@/lib/domain/task";
import type { DtsClient } from "@/lib/dts/operations";
import { findTaskByInstanceId } from "@/lib/jobs/service";
import { logger } from "@/lib/log";

/** An attempt younger than this may still be waiting for DTS's answer in a live request. */
export const RECONCILE_AFTER_MS = 30_000;

/**
 * DTS may answer a reset before it has done it: the task keeps its old state for a while, then
 * shows Not Configured (Terraform's provider polls DescribeDtsJobDetail after ResetDtsJob for
 * this reason). Before this much time has passed since the request, a task still in its old
 * state proves nothing, so the attempt stays unresolved and is read again next round.
 */
export const DEFAULT_SETTLE_MS = 5 * 60_000;

export interface ReconcileDependencies {
  client: DtsClient;
  store: AuditStore;
  now?: () => Date;
  /** How long a reset may take to show before "not Not Configured" means it did not take effect. */
  settleMs?: number;
}

export interface ReconcileReport {
  resolved: number;
  verified: number;
  skipped: number;
  /** Attempts whose task still shows its old state, within the settle window: read again later. */
  waiting: number;
}

/** The state of the half of the task a record reset, as DTS reports it now. */
function observed(record: ResetRecord, task: DtsTask): { status: string; jobId: string } | null {
  return directionTarget(task, record.direction);
}

async function readTask(client: DtsClient, record: ResetRecord): Promise<DtsTask | null> {
  try {
    const type = record.jobType === "SUBSCRIBE" ? "subscribe" : "sync";
    // A verdict on a reset may rest on a list a couple of seconds old, never on one kept only
    // because DTS is limiting requests: then this record waits for the next round.
    return (await findTaskByInstanceId(client, record.region, record.instanceId, type, { allowStale: false })).task;
  } catch (error) {
    logger.warn("reconcile_read_failed", { id: record.id, instanceId: record.instanceId, message: (error as Error).message });
    return null;
  }
}

/** Reads the task of one unresolved attempt and resolves the attempt, or says why not. */
async function reconcileRecord(
  deps: ReconcileDependencies,
  record: ResetRecord,
  now: () => Date,
  settleMs: number,
): Promise<"resolved" | "skipped" | "waiting"> {
  const task = await readTask(deps.client, record);
  const state = task && observed(record, task);
  if (!state) return "skipped";
  const tookEffect = state.status === "NotConfigured";
  const at = now();
  if (!tookEffect && at.getTime() - Date.parse(record.requestedAt) < settleMs) return "waiting";
  try {
    await resolveByReconciliation(deps.store, record.id, {
      status: tookEffect ? "succeeded" : "failed",
      at,
      note: tookEffect
        ? `DTS showed the task Not Configured at ${at.toISOString()}: the reset took effect.`
        : `DTS still showed the task ${state.status} at ${at.toISOString()}, ${Math.round((at.getTime() - Date.parse(record.requestedAt)) / 1000)} s after the request: the reset did not take effect.`,
      jobIdAfter: state.jobId !== record.resetJobId ? state.jobId : null,
    });
    return "resolved";
  } catch (error) {
    if (!(error instanceof ResetAttemptStateError)) throw error;
    return "skipped"; // the request's own answer arrived meanwhile
  }
}

/**
 * Resolves attempts whose outcome nobody recorded (the server died mid-call, the answer was lost)
 * by reading the task: NotConfigured means the reset took effect, anything else means it did not.
 * Also records when a successful reset was first seen to have taken effect.
 */
export async function reconcileOnce(deps: ReconcileDependencies): Promise<ReconcileReport> {
  const now = deps.now ?? (() => new Date());
  const settleMs = deps.settleMs ?? DEFAULT_SETTLE_MS;
  const report: ReconcileReport = { resolved: 0, verified: 0, skipped: 0, waiting: 0 };

  for (const listed of await listUnresolved(deps.store, new Date(now().getTime() - RECONCILE_AFTER_MS))) {
    // Several instances run this loop: each attempt is worked on by one at a time (a lease on
    // PostgreSQL), and re-read once leased, since another instance may have resolved it meanwhile.
    const outcome = await withAttemptLease(deps.store, listed.id, async () => {
      const record = await getReset(deps.store, listed.id);
      if (!record || (record.status !== "pending" && record.status !== "unknown")) return "skipped" as const;
      return reconcileRecord(deps, record, now, settleMs);
    });
    report[outcome.leased ? outcome.value : "skipped"]++;
  }

  for (const listed of await listUnverified(deps.store, now())) {
    const outcome = await withAttemptLease(deps.store, listed.id, async () => {
      const task = await readTask(deps.client, listed);
      const state = task && observed(listed, task);
      if (state?.status !== "NotConfigured") return false;
      const before = await getReset(deps.store, listed.id);
      const after = await markVerified(deps.store, listed.id, { at: now(), jobIdAfter: state.jobId !== listed.resetJobId ? state.jobId : null });
      return before?.verifiedAt === null && after.verifiedAt !== null;
    });
    if (outcome.leased && outcome.value) report.verified++;
  }
  return report;
}
