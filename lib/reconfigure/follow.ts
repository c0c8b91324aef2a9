import "server-only";
// After ConfigureDtsJob: start the precheck (StartDtsJob, written ahead like every call that
// changes DTS), then follow it until the task is Synchronizing or something failed
// (configure-dts-job.md section 1.3). One call of `followReconfiguration` is one step: read the
// task, act if DTS waits for the console, read the precheck, record what was seen. Steps are taken
// by the POST that configured the task (its first step) and then only by the background job,
// under the record's lease (lib/guarded/reconciler.ts): a read of the record never sends anything.
import { canonicalStatus } from "@/lib/domain/status";
import { FINAL_PROGRESS, type ReconfigureProgress } from "@/lib/domain/reconfigure";
import { dtsFor, type ConsoleContext } from "@/lib/context";
import {
  beginResume,
  beginStart,
  finishResume,
  finishStart,
  recordObservation,
  type Reconfiguration,
  type StoredPrecheck,
} from "@/lib/audit/reconfigurations";
import { DtsError } from "@/lib/dts/errors";
import { stillSettling } from "@/lib/guarded/reconciler";

/** Where a task status puts a reconfiguration (Terraform treats the three failures as final). */
export function progressOf(status: string): ReconfigureProgress | null {
  switch (canonicalStatus(status).status) {
    case "NotStarted":
      return "configuring";
    case "Prechecking":
    case "PreCheckPass":
      return "prechecking";
    case "PrecheckFailed":
      return "precheck_failed";
    case "Initializing":
    // A change tracking task: Starting, then Normal (its "running"), or Abnormal.
    case "Starting":
      return "initializing";
    case "Synchronizing":
    case "Normal":
      return "synchronizing";
    case "InitializeFailed":
    case "Failed":
    case "Abnormal":
      return "failed";
    default:
      return null;
  }
}

/** What a follow step needs to know of the task it reads: a reconfiguration or a start attempt. */
export type FollowedTask = Pick<Reconfiguration, "account" | "region" | "jobId" | "instanceId" | "direction">;

export async function statusOf(deps: ConsoleContext, rec: FollowedTask): Promise<string> {
  const detail = await dtsFor(deps, rec.account).getJobDetail(
    { region: rec.region, jobId: rec.jobId, instanceId: rec.instanceId, direction: rec.direction },
    { fresh: true },
  );
  return canonicalStatus(detail.status).status;
}

export async function readPrecheck(deps: ConsoleContext, rec: FollowedTask, at: Date): Promise<StoredPrecheck> {
  const answer = await dtsFor(deps, rec.account).describePrecheck({ region: rec.region, jobId: rec.jobId, jobCode: "01" });
  return {
    state: answer.state,
    total: answer.total,
    // Only Failed items block (Warning ones are reported by DTS but do not).
    failed: answer.items
      .filter((i) => i.state.toLowerCase() === "failed")
      .map((i) => ({ item: i.item, state: i.state, message: i.message, repairMethod: i.repairMethod })),
    at: at.toISOString(),
  };
}

async function start(deps: ConsoleContext, rec: Reconfiguration, which: "start" | "resume"): Promise<Reconfiguration> {
  const now = () => deps.now();
  const claimed = which === "start" ? await beginStart(deps.store, rec.id, now()) : await beginResume(deps.store, rec.id, now());
  if (!claimed) return rec; // another step (another process) is making this call
  try {
    const answer = await dtsFor(deps, rec.account).startJob({ region: rec.region, jobId: rec.jobId, instanceId: rec.instanceId, direction: rec.direction });
    const done =
      which === "start"
        ? await finishStart(deps.store, rec.id, { status: "succeeded", at: now(), requestId: answer.requestId })
        : await finishResume(deps.store, rec.id, { status: "succeeded", requestId: answer.requestId });
    return done ?? claimed;
  } catch (error) {
    if (!(error instanceof DtsError)) throw error;
    const status = error.kind === "unknown_outcome" ? "unknown" : "failed";
    const done =
      which === "start"
        ? await finishStart(deps.store, rec.id, { status, at: now(), requestId: error.details.requestId, errorCode: error.details.code, errorMessage: error.message })
        : await finishResume(deps.store, rec.id, { status, requestId: error.details.requestId, errorMessage: error.message });
    return done ?? claimed;
  }
}

/**
 * One step of following a reconfiguration whose ConfigureDtsJob succeeded. Returns the record as
 * it stands afterwards; DTS failures of the reads are logged and leave it as it was.
 */
export async function followReconfiguration(deps: ConsoleContext, rec: Reconfiguration): Promise<Reconfiguration> {
  if (rec.status !== "succeeded" || FINAL_PROGRESS.includes(rec.progress)) return rec;
  const now = () => deps.now();
  let current = rec;
  try {
    let status = await statusOf(deps, current);
    // A StartDtsJob of unknown outcome took effect once the task has left NotStarted.
    if (current.startStatus === "unknown" && status !== "NotStarted") {
      current = (await finishStart(deps.store, current.id, { status: "succeeded", at: now(), requestId: current.startRequestId, errorCode: current.startErrorCode, errorMessage: current.startErrorMessage })) ?? current;
    } else if (current.startStatus === "unknown" && current.startRequestedAt && !stillSettling({ status: "unknown", requestedAt: current.startRequestedAt }, now(), deps.settings.settleMs)) {
      // Still Not Started past the settle window: the start did not take effect. Said so, so that
      // the operator is offered "Start again" instead of a record followed for ever.
      current =
        (await finishStart(deps.store, current.id, {
          status: "failed",
          at: now(),
          requestId: current.startRequestId,
          errorCode: current.startErrorCode,
          errorMessage: `DTS still showed the task Not Started at ${now().toISOString()}: the start did not take effect.`,
        })) ?? current;
    }
    // Configured with autoStartModulesAfterConfig=none: DTS waits for StartDtsJob.
    if (status === "NotStarted" && current.startStatus === null) {
      current = await start(deps, current, "start");
      status = await statusOf(deps, current);
    }
    // A precheck that passed and waits for another start (UNCONFIRMED variant, section 1.3).
    if (status === "PreCheckPass" && current.startStatus === "succeeded" && current.resumeStatus === null) {
      current = await start(deps, current, "resume");
      status = await statusOf(deps, current);
    }
    let precheck: StoredPrecheck | undefined;
    if (status === "Prechecking" || status === "PrecheckFailed" || status === "PreCheckPass") {
      precheck = await readPrecheck(deps, current, now());
      status = await statusOf(deps, current);
      // The precheck ended between the two reads: its final items are the ones to keep.
      if (status === "PrecheckFailed" && precheck.state !== "Failed") precheck = await readPrecheck(deps, current, now());
    } else if (status === "Initializing" || status === "Synchronizing" || status === "Starting" || status === "Normal") {
      if (current.precheck?.state !== "Finished") {
        // The precheck ended since the last step: keep its final result.
        precheck = await readPrecheck(deps, current, now());
      } else if (status === "Initializing" || status === "Starting") {
        // Initialization progress (full data), read so the record can say how far it got.
        await dtsFor(deps, rec.account).describePrecheck({ region: current.region, jobId: current.jobId, jobCode: "03" });
      }
      status = await statusOf(deps, current);
    }
    const progress = progressOf(status) ?? current.progress;
    // A start that DTS refused leaves the task NotStarted: nothing will happen without the operator.
    const stuck = status === "NotStarted" && current.startStatus === "failed";
    const observed = await recordObservation(deps.store, current.id, {
      progress: stuck ? "failed" : progress,
      taskStatus: status,
      ...(precheck ? { precheck } : {}),
      at: now(),
    });
    return observed ?? current;
  } catch (error) {
    deps.log.warn("reconfigure_follow_failed", { id: rec.id, name: (error as Error).name, message: (error as Error).message });
    return current;
  }
}
