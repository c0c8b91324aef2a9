import "server-only";
// The reset as a guarded operation (lib/guarded/operation.ts runs the protocol): these are its
// parts. How to read: the task by its job ID, fresh, and the detail of the direction. How to check:
// direction, status, typed confirmation (target.ts) and, for an approved request, that the task is
// still the one the approver saw (the snapshot hash, checked here under the claim). How to send:
// ResetDtsJob once. How to judge: DTS's answer, or "unknown" for reconciliation (reconcile.ts).
import type { ResetRequest } from "@/lib/domain/reset";
import { DtsCallFailed, StsRefusal } from "@/lib/domain/errors";
import type { TaskRef } from "@/lib/domain/task-ref";
import type { AlertSnapshot } from "@/lib/domain/alerts";
import { dtsFor, type ConsoleContext } from "@/lib/context";
import { ResetAttemptStateError } from "@/lib/audit/errors";
import { findByIdempotencyKey, getReset } from "@/lib/audit/reset-queries";
import { beginClaimedAttempt, finishAttempt } from "@/lib/audit/reset-attempts";
import type { ResetActor, ResetRecord } from "@/lib/audit/schema";
import { DtsError, dtsErrorFields } from "@/lib/dts/errors";
import { findTaskByJobId } from "@/lib/tasks/service";
import { recordAnswer, refusals, runGuarded, type GuardedOutcome, type GuardedParts } from "@/lib/guarded/operation";
import { snapshotHash } from "@/lib/guarded/snapshot-hash";
import { toResetResult } from "./dto";
import { checkResetAllowed } from "./target";

export type ResetOutcome = GuardedOutcome<ResetRecord>;

export interface ResetOptions {
  /**
   * What an approver approved: the task's status and snapshot hash. The reset is refused
   * (`task_changed`) unless the task read under the claim still has both, so a change between the
   * approval's check and the claim is caught where it matters.
   */
  approved?: { status: string; snapshotHash: string };
  /** Who decided on that state: an approver (the default) or a bulk reset's plan. */
  decidedBy?: "approval" | "plan";
  /** The bulk reset this reset is an item of: written on its record. */
  bulkId?: string;
  /** This request may resume one that died holding the task's claim under the same key (GuardedParts.resumes). */
  resumes?: boolean;
  /**
   * Awaited after the record is written, before each ResetDtsJob attempt goes out (a throttled
   * one is retried): the bulk worker's pacing (lib/bulk/pacing.ts). Short by design.
   */
  beforeAttempt?: () => Promise<void>;
}

interface ResetDecision {
  input: Parameters<typeof beginClaimedAttempt>[1];
}

/** The task reference of a reset request: its account (the console's first when left out). */
export function resetRef(ctx: Pick<ConsoleContext, "accounts">, request: ResetRequest): TaskRef {
  return { account: request.account ?? ctx.accounts.defaultAccount, region: request.region, instanceId: request.instanceId, direction: request.direction };
}

/**
 * Resets one direction of a task, sending at most one ResetDtsJob per confirmed request, decided
 * against the state that call acts on. `receivedAt` is when the request reached the console.
 */
export async function performReset(
  ctx: ConsoleContext,
  jobId: string,
  request: ResetRequest,
  actor: ResetActor,
  receivedAt: Date = ctx.now(),
  options: ResetOptions = {},
): Promise<ResetOutcome> {
  const ref = resetRef(ctx, request);
  const parts: GuardedParts<ResetDecision, ResetRecord> = {
    operation: "reset",
    ref,
    idempotencyKey: request.idempotencyKey ?? null,
    resumes: options.resumes ?? false,
    findByKey: (c, key) => findByIdempotencyKey(c.store, key),
    isReplayOf: (existing) =>
      existing.account === ref.account && existing.jobId === jobId && existing.instanceId === ref.instanceId && existing.direction === ref.direction,
    decide: (c) => decide(c, ref, jobId, request, actor, options),
    async writeAhead(c, decision, claim, at) {
      const begun = await beginClaimedAttempt(c.store, decision.input, claim, at);
      switch (begun.kind) {
        case "created":
        case "replay":
          return begun;
        case "in_progress":
          return { kind: "in_progress", data: { reset: toResetResult(begun.record) } };
        case "claim_lost":
          return begun;
        case "just_reset":
          return { kind: "just_reset", by: begun.record.actor.username, data: { reset: toResetResult(begun.record) } };
      }
    },
    send: (c, attempt) => callReset(c, attempt, options.beforeAttempt),
  };
  return runGuarded(ctx, parts, receivedAt);
}

function since(options: ResetOptions): string {
  return options.decidedBy === "plan" ? "since the bulk reset was planned" : "after the request was approved";
}

/** Under the claim: re-read and re-check the task; what to write ahead. */
async function decide(ctx: ConsoleContext, ref: TaskRef, jobId: string, request: ResetRequest, actor: ResetActor, options: ResetOptions): Promise<ResetDecision> {
  const client = dtsFor(ctx, ref.account);
  // Fresh reads: a reset is decided against what DTS says now, never against a cached list.
  const { task, raw } = await findTaskByJobId(client, ref.region, jobId, undefined, { fresh: true });
  const target = checkResetAllowed(task, request);
  if (options.approved && target.status !== options.approved.status) {
    throw refusals.taskChanged(`The task's status changed from ${options.approved.status} to ${target.status} ${since(options)}.`, { jobId: task.jobId, status: target.status });
  }
  const detail = await client.getJobDetail({ region: ref.region, jobId: task.jobId, instanceId: task.instanceId, direction: ref.direction }, { fresh: true });
  if (options.approved && snapshotHash(raw, detail.raw) !== options.approved.snapshotHash) {
    throw refusals.taskChanged(`The task's configuration changed ${since(options)} (its snapshot no longer matches).`, { jobId: task.jobId });
  }
  return {
    input: {
      idempotencyKey: request.idempotencyKey ?? null,
      account: ref.account,
      jobId: task.jobId,
      instanceId: task.instanceId,
      region: ref.region,
      jobType: task.type,
      taskName: task.name,
      direction: ref.direction,
      resetJobId: target.jobId,
      reason: request.reason,
      actor,
      requestedAt: ctx.now(),
      snapshotJob: raw,
      snapshotDetail: detail.raw,
      // The alerts of the half this reset wipes (a Reverse reset: the reverse task's).
      snapshotAlerts: await readAlerts(ctx, ref, target.jobId),
      bulkId: options.bulkId ?? null,
    },
  };
}

/**
 * The task's alert settings for the snapshot (a reset clears them; Detail does not report them):
 * one paced DescribeJobMonitorRule read, one attempt, waiting at most the gate's short wait for the
 * budget (not a fresh read's: an answer up to the freshness window old is as good here). It never
 * stops or holds back the reset beyond that read: a refusal, a throttle or any error is recorded
 * as "not captured" with DTS's words, and the reset goes on. The read happens under the claim, after the checks, so nothing is read for a reset
 * that is refused.
 */
async function readAlerts(ctx: ConsoleContext, ref: TaskRef, jobId: string): Promise<AlertSnapshot> {
  const at = ctx.now().toISOString();
  try {
    const answer = await dtsFor(ctx, ref.account).describeMonitorRules({ region: ref.region, jobId }, { allowStale: false });
    return { captured: true, at, requestId: answer.requestId, rules: answer.rules };
  } catch (error) {
    if (error instanceof DtsError) return { captured: false, at, code: error.details.code, kind: error.kind, message: error.message };
    if (error instanceof StsRefusal) return { captured: false, at, code: error.code, kind: "auth", message: error.message };
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.warn("reset.alerts_unreadable", { jobId, message });
    return { captured: false, at, code: null, kind: "unexpected", message: "The alert settings could not be read." };
  }
}

/** The one ResetDtsJob call of a recorded attempt, and its outcome. */
async function callReset(ctx: ConsoleContext, attempt: ResetRecord, beforeAttempt?: () => Promise<void>): Promise<ResetRecord> {
  const client = dtsFor(ctx, attempt.account);
  let outcome: Parameters<typeof finishAttempt>[2];
  let failure: DtsError | null = null;
  let stsRefusal: StsRefusal | null = null;
  try {
    const answer = await client.resetJob({ region: attempt.region, jobId: attempt.jobId, instanceId: attempt.instanceId, direction: attempt.direction }, beforeAttempt ? { beforeAttempt } : {});
    outcome = { status: "succeeded", finishedAt: ctx.now(), requestId: answer.requestId, httpStatus: answer.httpStatus };
  } catch (error) {
    if (error instanceof StsRefusal) {
      // The account's role could not be assumed while signing: nothing reached DTS. The re-read
      // before the record had the keys, so this is an expiry that STS then refused: rare, final.
      stsRefusal = error;
      outcome = {
        status: "failed",
        finishedAt: ctx.now(),
        requestId: typeof error.data.requestId === "string" ? error.data.requestId : null,
        httpStatus: typeof error.data.httpStatus === "number" ? error.data.httpStatus : null,
        errorCode: error.code,
        errorMessage: error.message,
        errorKind: "auth",
        retrySafe: true,
      };
    } else {
      if (!(error instanceof DtsError)) throw error;
      failure = error;
    outcome = {
      status: error.kind === "unknown_outcome" ? "unknown" : "failed",
      finishedAt: ctx.now(),
      requestId: error.details.requestId,
      httpStatus: error.details.httpStatus,
      errorCode: error.details.code,
      errorMessage: error.message,
      errorKind: error.kind,
      retrySafe: error.details.retrySafe,
      };
    }
  }
  const record = await recordAnswer(
    ctx,
    attempt.id,
    () =>
      finishAttempt(ctx.store, attempt.id, outcome).catch(async (error: unknown) => {
        // Reconciliation got there first (a very slow answer); its verdict stands.
        if (error instanceof ResetAttemptStateError) return (await getReset(ctx.store, attempt.id)) ?? attempt;
        throw error;
      }),
    () => asAnswered(attempt, outcome),
  );
  if (stsRefusal) throw new StsRefusal(stsRefusal.code, stsRefusal.message, { ...stsRefusal.data, reset: toResetResult(record) }, { cause: stsRefusal });
  if (failure) {
    const unknown = failure.kind === "unknown_outcome";
    throw new DtsCallFailed(unknown ? "outcome_unknown" : "dts_error", failure.message, { ...dtsErrorFields(failure), reset: toResetResult(record) }, { cause: failure });
  }
  return record;
}

/** The record as DTS's answer makes it, when the store could not write it (reconciliation will). */
function asAnswered(attempt: ResetRecord, outcome: Parameters<typeof finishAttempt>[2]): ResetRecord {
  return {
    ...attempt,
    status: outcome.status,
    finishedAt: outcome.finishedAt.toISOString(),
    requestId: outcome.requestId ?? null,
    httpStatus: outcome.httpStatus ?? null,
    errorCode: outcome.errorCode ?? null,
    errorMessage: outcome.errorMessage ?? null,
    errorKind: outcome.errorKind ?? null,
    retrySafe: outcome.retrySafe ?? null,
  };
}
