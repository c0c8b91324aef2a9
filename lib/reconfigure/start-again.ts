import "server-only";
// "Start again" (issue 25) as a guarded operation (lib/guarded/operation.ts runs the protocol;
// these are its parts). A reconfiguration whose StartDtsJob DTS refused, or whose precheck failed,
// is started again once the operator has fixed the cause:
// - the records' own rules: DTS accepted the configuration, and nothing of it is in flight or
//   still being followed (startRefusal);
// - the fresh read: the task by instance, still Not Started or Precheck Failed in DTS;
// - the write-ahead record: a start attempt (start_attempts), one in flight per task and direction;
// - the one call: StartDtsJob, its RequestId or DTS's error recorded; an unknown outcome is left
//   to reconciliation (follow-start.ts), never sent again. The claim is the task's, under the
//   reconfiguration's name, so a reset, a reconfiguration and a start of one task exclude each other.
import { DomainError, DtsCallFailed, ReconfigureRefusal } from "@/lib/domain/errors";
import { configureActionOf, isFinalProgress } from "@/lib/domain/reconfigure";
import { directionTarget } from "@/lib/domain/reset-target";
import { FINAL_START_PROGRESS, isStartableStatus } from "@/lib/domain/start-again";
import type { StartAgainRequest } from "@/lib/domain/start-again-request";
import type { TaskRef } from "@/lib/domain/task-ref";
import { dtsFor, type ConsoleContext } from "@/lib/context";
import { orRefuse, recordAnswer, refusals, runGuarded, type GuardedOutcome, type GuardedParts } from "@/lib/guarded/operation";
import { getReconfiguration, type Reconfiguration } from "@/lib/audit/reconfigurations";
import {
  beginStartAttempt,
  findStartAttemptByKey,
  finishStartAttempt,
  getStartAttempt,
  listStartAttempts,
  type NewStartAttempt,
  type StartAttempt,
} from "@/lib/audit/start-attempts";
import type { ResetActor } from "@/lib/audit/schema";
import { DtsError, dtsErrorFields } from "@/lib/dts/errors";
import { findTaskByInstanceId } from "@/lib/tasks/service";
import { toStartAttemptRecord } from "./dto";
import { followStartAttempt } from "./follow-start";

const notStartable = (message: string, data: Record<string, unknown> = {}) => new ReconfigureRefusal("not_startable", `${message} Nothing was sent to DTS.`, data);

export async function loadReconfiguration(ctx: ConsoleContext, id: string): Promise<Reconfiguration> {
  const rec = await orRefuse(ctx, "reconfigure", () => getReconfiguration(ctx.store, id));
  if (!rec) throw new DomainError("reconfiguration_not_found", `No reconfiguration ${id}.`);
  return rec;
}

/** Why the records alone refuse a start now (null: ask DTS). `latest`: the newest start attempt. */
function startRefusal(rec: Reconfiguration, latest: StartAttempt | undefined): DomainError | null {
  if (rec.status !== "succeeded") return notStartable("DTS did not accept this configuration (or its outcome is not known yet): reconfigure the task instead.");
  if (latest) {
    if (latest.status === "pending" || latest.status === "unknown" || !FINAL_START_PROGRESS.includes(latest.progress)) {
      return refusals.inProgress("reconfigure", { startAttempt: toStartAttemptRecord(latest) });
    }
    if (latest.progress === "synchronizing") return notStartable("The task is running since the last start.");
    return null;
  }
  if (rec.startStatus === "pending" || rec.startStatus === "unknown" || !isFinalProgress(rec.progress)) {
    return refusals.inProgress("reconfigure");
  }
  if (rec.progress === "synchronizing") return notStartable("The task is running since it was reconfigured.");
  return null;
}

interface StartDecision {
  input: NewStartAttempt;
}

export type StartAgainOutcome = GuardedOutcome<StartAttempt>;

/** Starts a reconfigured task again (StartDtsJob), as a guarded operation; see the header. */
export async function performStartAgain(
  ctx: ConsoleContext,
  reconfigurationId: string,
  request: StartAgainRequest,
  actor: ResetActor,
  receivedAt: Date = ctx.now(),
): Promise<StartAgainOutcome> {
  const rec = await loadReconfiguration(ctx, reconfigurationId);
  const ref: TaskRef = { account: rec.account, region: rec.region, instanceId: rec.instanceId, direction: rec.direction };
  const type = configureActionOf(rec.parameters) === "ConfigureSubscription" ? "subscribe" : "sync";

  const parts: GuardedParts<StartDecision, StartAttempt> = {
    operation: "reconfigure",
    ref,
    ownResetId: rec.resetId,
    idempotencyKey: request.idempotencyKey ?? null,
    findByKey: (c, key) => findStartAttemptByKey(c.store, key),
    isReplayOf: (existing) => existing.reconfigurationId === rec.id,
    async decide(c) {
      // Under the claim: the records as they are now, then the task as DTS shows it now.
      const current = (await orRefuse(c, "reconfigure", () => getReconfiguration(c.store, rec.id))) ?? rec;
      const [latest] = await orRefuse(c, "reconfigure", () => listStartAttempts(c.store, rec.id));
      const refusal = startRefusal(current, latest);
      if (refusal) throw refusal;
      const { task } = await findTaskByInstanceId(dtsFor(c, rec.account), rec.region, rec.instanceId, type, { fresh: true });
      const half = directionTarget(task, rec.direction);
      if (!half) throw notStartable("DTS no longer reports this task and direction.");
      if (!isStartableStatus(half.status)) {
        throw notStartable(`The task is ${half.status} in DTS: a start follows only Not Started or Precheck Failed.`, { status: half.status, jobId: half.jobId });
      }
      return {
        input: {
          idempotencyKey: request.idempotencyKey ?? null,
          reconfigurationId: rec.id,
          account: rec.account,
          region: rec.region,
          instanceId: rec.instanceId,
          jobId: half.jobId,
          direction: rec.direction,
          taskName: task.name,
          actor,
          requestedAt: c.now(),
          statusBefore: half.status,
        },
      };
    },
    async writeAhead(c, decision, claim, at) {
      const begun = await beginStartAttempt(c.store, decision.input, claim, at);
      if (begun.kind === "in_progress") return { kind: "in_progress", data: { startAttempt: toStartAttemptRecord(begun.record) } };
      return begun;
    },
    async send(c, attempt) {
      const record = await callStart(c, attempt);
      // The first step of following the precheck; the background job takes the rest.
      return followStartAttempt(c, record).catch(() => record);
    },
  };
  return runGuarded(ctx, parts, receivedAt);
}

async function callStart(ctx: ConsoleContext, attempt: StartAttempt): Promise<StartAttempt> {
  const fallback = async () => (await getStartAttempt(ctx.store, attempt.id).catch(() => null)) ?? attempt;
  try {
    const answer = await dtsFor(ctx, attempt.account).startJob({ region: attempt.region, jobId: attempt.jobId, instanceId: attempt.instanceId, direction: attempt.direction });
    return await recordAnswer(
      ctx,
      attempt.id,
      () => finishStartAttempt(ctx.store, attempt.id, { status: "succeeded", at: ctx.now(), requestId: answer.requestId, httpStatus: answer.httpStatus }),
      fallback,
    );
  } catch (error) {
    if (!(error instanceof DtsError)) throw error;
    const unknown = error.kind === "unknown_outcome";
    const record = await recordAnswer(
      ctx,
      attempt.id,
      () =>
        finishStartAttempt(ctx.store, attempt.id, {
          status: unknown ? "unknown" : "failed",
          at: ctx.now(),
          requestId: error.details.requestId,
          httpStatus: error.details.httpStatus,
          errorCode: error.details.code,
          errorMessage: error.message,
          errorKind: error.kind,
          retrySafe: error.details.retrySafe,
        }),
      () => attempt,
    );
    throw new DtsCallFailed(unknown ? "outcome_unknown" : "dts_error", error.message, { ...dtsErrorFields(error), startAttempt: toStartAttemptRecord(record) }, { cause: error });
  }
}
