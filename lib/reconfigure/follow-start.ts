import "server-only";
// After "Start again": follow a start attempt as follow.ts follows a reconfiguration's own start
// (the same reads, the same verdicts): a second StartDtsJob when DTS waits at Precheck Pass
// (written ahead), the precheck's items, the task's status, until it runs or fails again. Also
// resolves a StartDtsJob whose outcome nobody knows, from the task: a task that left the status
// the start was decided on took the start; one still in it past the settle window did not. Steps
// are taken by the POST that sent the start (its first step) and then only by the background job,
// each attempt under its lease.
import { dtsFor, type ConsoleContext } from "@/lib/context";
import { FINAL_START_PROGRESS, type StartProgress } from "@/lib/domain/start-again";
import {
  beginAttemptResume,
  finishAttemptResume,
  getStartAttempt,
  listOpenStartAttempts,
  recordAttemptObservation,
  resolveStartAttempt,
  type StartAttempt,
} from "@/lib/audit/start-attempts";
import type { StoredPrecheck } from "@/lib/audit/reconfigurations";
import { DtsError } from "@/lib/dts/errors";
import { withLease } from "@/lib/guarded/lease";
import { isDue, stillSettling } from "@/lib/guarded/reconciler";
import { progressOf, readPrecheck, statusOf } from "./follow";

function attemptProgressOf(status: string): StartProgress | null {
  const progress = progressOf(status);
  return progress === "configuring" ? "starting" : progress;
}

async function resume(deps: ConsoleContext, attempt: StartAttempt): Promise<StartAttempt> {
  const claimed = await beginAttemptResume(deps.store, attempt.id, deps.now());
  if (!claimed) return attempt; // another step is making this call
  try {
    const answer = await dtsFor(deps, attempt.account).startJob({ region: attempt.region, jobId: attempt.jobId, instanceId: attempt.instanceId, direction: attempt.direction });
    return (await finishAttemptResume(deps.store, attempt.id, { status: "succeeded", requestId: answer.requestId })) ?? claimed;
  } catch (error) {
    if (!(error instanceof DtsError)) throw error;
    const status = error.kind === "unknown_outcome" ? "unknown" : "failed";
    return (await finishAttemptResume(deps.store, attempt.id, { status, requestId: error.details.requestId, errorMessage: error.message })) ?? claimed;
  }
}

/** One step of following a start attempt DTS accepted. DTS failures of the reads leave it as it was. */
export async function followStartAttempt(deps: ConsoleContext, attempt: StartAttempt): Promise<StartAttempt> {
  if (attempt.status !== "succeeded" || FINAL_START_PROGRESS.includes(attempt.progress)) return attempt;
  const now = () => deps.now();
  let current = attempt;
  try {
    let status = await statusOf(deps, current);
    // Whether this step saw the task leave the status the start was decided on: until then, a
    // PrecheckFailed may still be the old precheck's (DTS answers before it acts).
    let left = current.progress !== "starting" || status !== current.statusBefore;
    if (status === "PreCheckPass" && current.resumeStatus === null) {
      current = await resume(deps, current);
      status = await statusOf(deps, current);
    }
    let precheck: StoredPrecheck | undefined;
    if (status === "Prechecking" || status === "PrecheckFailed" || status === "PreCheckPass") {
      precheck = await readPrecheck(deps, current, now());
      status = await statusOf(deps, current);
      if (status === "PrecheckFailed" && precheck.state !== "Failed") precheck = await readPrecheck(deps, current, now());
    } else if (status === "Initializing" || status === "Synchronizing" || status === "Starting" || status === "Normal") {
      if (current.precheck?.state !== "Finished") precheck = await readPrecheck(deps, current, now());
      status = await statusOf(deps, current);
    }
    left ||= status !== current.statusBefore;
    let progress = attemptProgressOf(status) ?? current.progress;
    if (!left) {
      // Still as before the start: not a verdict until the settle window has passed.
      progress = stillSettling(current, now(), deps.settings.settleMs) ? "starting" : status === "PrecheckFailed" ? "precheck_failed" : "failed";
      if (progress === "starting") precheck = undefined;
    }
    const observed = await recordAttemptObservation(deps.store, current.id, { progress, taskStatus: status, ...(precheck ? { precheck } : {}), at: now() });
    return observed ?? current;
  } catch (error) {
    deps.log.warn("start_again_follow_failed", { id: attempt.id, name: (error as Error).name, message: (error as Error).message });
    return current;
  }
}

/** One start attempt: resolve its call if due, then follow it one step. Call it under the attempt's lease. */
export async function reconcileStartAttempt(ctx: ConsoleContext, attempt: StartAttempt): Promise<StartAttempt> {
  let current = attempt;
  if (current.status === "pending" || current.status === "unknown") {
    if (!isDue(current, ctx.now())) return current;
    let status: string;
    try {
      status = await statusOf(ctx, current);
    } catch (error) {
      ctx.log.warn("start_again_reconcile_read_failed", { id: current.id, message: (error as Error).message });
      return current;
    }
    const at = ctx.now();
    const tookEffect = status !== current.statusBefore;
    if (!tookEffect && stillSettling(current, at, ctx.settings.settleMs)) return current;
    const resolved = await resolveStartAttempt(ctx.store, current.id, {
      status: tookEffect ? "succeeded" : "failed",
      at,
      note: tookEffect
        ? `DTS showed the task ${status} at ${at.toISOString()}, no longer ${current.statusBefore}: the start took effect.`
        : `DTS still showed the task ${status} at ${at.toISOString()}: the start did not take effect.`,
    });
    current = resolved ?? (await getStartAttempt(ctx.store, current.id)) ?? current;
  }
  return followStartAttempt(ctx, current);
}

/** One round over every open start attempt, each under its lease (one instance at a time). */
export async function reconcileStartAttempts(ctx: ConsoleContext): Promise<{ followed: number; skipped: number }> {
  const report = { followed: 0, skipped: 0 };
  for (const listed of await listOpenStartAttempts(ctx.store)) {
    const outcome = await withLease(ctx.store, "start", listed.id, async () => {
      const current = await getStartAttempt(ctx.store, listed.id);
      if (current) await reconcileStartAttempt(ctx, current);
    });
    report[outcome.leased ? "followed" : "skipped"]++;
  }
  return report;
}
