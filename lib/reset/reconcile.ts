import "server-only";
// Reconciliation of resets: the reset's parts of the guarded operation's reconciler
// (lib/guarded/reconciler.ts holds the rules: when a record is due, the settle window, the lease).
// How to judge a reset from the task: Not Configured means it took effect.
import { dtsFor, type ConsoleContext } from "@/lib/context";
import { withLease } from "@/lib/guarded/lease";
import { dueBefore, RECONCILE_MIN_AGE_MS, stillSettling } from "@/lib/guarded/reconciler";
import { ResetAttemptStateError } from "@/lib/audit/errors";
import { getReset, listUnresolved } from "@/lib/audit/reset-queries";
import { listUnverified } from "@/lib/audit/verification-queries";
import { markVerified, resolveByReconciliation } from "@/lib/audit/reset-attempts";
import type { ResetRecord } from "@/lib/audit/schema";
import { directionTarget } from "@/lib/domain/reset-target";
import type { DtsTask } from "@/lib/domain/task";
import { findTaskByInstanceId } from "@/lib/tasks/service";

/** The old name of the reconciler's minimum age (lib/guarded/reconciler.ts). */
export const RECONCILE_AFTER_MS = RECONCILE_MIN_AGE_MS;

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

async function readTask(ctx: ConsoleContext, record: ResetRecord): Promise<DtsTask | null> {
  try {
    const type = record.jobType === "SUBSCRIBE" ? "subscribe" : "sync";
    // A verdict on a reset may rest on a list a couple of seconds old, never on one kept only
    // because DTS is limiting requests: then this record waits for the next round.
    return (await findTaskByInstanceId(dtsFor(ctx, record.account), record.region, record.instanceId, type, { allowStale: false })).task;
  } catch (error) {
    ctx.log.warn("reconcile_read_failed", { id: record.id, instanceId: record.instanceId, message: (error as Error).message });
    return null;
  }
}

/** Reads the task of one unresolved attempt and resolves the attempt, or says why not. */
async function reconcileRecord(deps: ConsoleContext, record: ResetRecord): Promise<"resolved" | "skipped" | "waiting"> {
  const task = await readTask(deps, record);
  const state = task && observed(record, task);
  if (!state) return "skipped";
  const tookEffect = state.status === "NotConfigured";
  const at = deps.now();
  // DTS may answer a reset before it has done it (Terraform's provider polls after ResetDtsJob
  // for this reason): within the settle window, the old state proves nothing.
  if (!tookEffect && stillSettling(record, at, deps.settings.settleMs)) return "waiting";
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
export async function reconcileOnce(deps: ConsoleContext): Promise<ReconcileReport> {
  const now = () => deps.now();
  const report: ReconcileReport = { resolved: 0, verified: 0, skipped: 0, waiting: 0 };

  for (const listed of await listUnresolved(deps.store, dueBefore(now()))) {
    // Several instances run this loop: each attempt is worked on by one at a time (a lease on
    // PostgreSQL), and re-read once leased, since another instance may have resolved it meanwhile.
    const outcome = await withLease(deps.store, "reset", listed.id, async () => {
      const record = await getReset(deps.store, listed.id);
      if (!record || (record.status !== "pending" && record.status !== "unknown")) return "skipped" as const;
      return reconcileRecord(deps, record);
    });
    report[outcome.leased ? outcome.value : "skipped"]++;
  }

  for (const listed of await listUnverified(deps.store, now())) {
    const outcome = await withLease(deps.store, "reset", listed.id, async () => {
      const task = await readTask(deps, listed);
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
