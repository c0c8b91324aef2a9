import "server-only";
import type { ResetRequest } from "@/lib/domain/reset";
import type { AuditStore } from "@/lib/audit/db";
import { IdempotencyKeyConflictError, ResetAttemptStateError } from "@/lib/audit/errors";
import { findByIdempotencyKey, getReset } from "@/lib/audit/reset-queries";
import { beginAttempt, finishAttempt } from "@/lib/audit/reset-attempts";
import type { ResetActor, ResetRecord } from "@/lib/audit/schema";
import type { DtsClient } from "@/lib/dts/operations";
import { DtsError, dtsErrorFields } from "@/lib/dts/errors";
import { DtsCallFailed, ResetRefusal } from "@/lib/domain/errors";
import { findTaskByJobId } from "@/lib/jobs/service";
import { logger } from "@/lib/log";
import { toResetResult } from "./dto";
import { checkResetAllowed } from "./target";

export interface ResetDependencies {
  client: DtsClient;
  store: AuditStore;
  now?: () => Date;
}

export interface ResetOutcome {
  record: ResetRecord;
  /** True when an earlier request with the same idempotency key already did the work. */
  replayed: boolean;
}

function replayOf(existing: ResetRecord, jobId: string, request: ResetRequest): ResetOutcome {
  if (existing.jobId !== jobId || existing.instanceId !== request.instanceId || existing.direction !== request.direction) {
    throw new ResetRefusal("idempotency_key_reused", "This idempotency key was already used for another task or direction.");
  }
  return { record: existing, replayed: true };
}

async function writeAhead(store: AuditStore, input: Parameters<typeof beginAttempt>[1]) {
  try {
    return await beginAttempt(store, input);
  } catch (error) {
    if (error instanceof IdempotencyKeyConflictError) {
      throw new ResetRefusal("idempotency_key_reused", "This idempotency key was already used for another task or direction.");
    }
    // Fail closed: a reset that cannot be recorded is not sent.
    logger.error("audit_write_failed", { name: (error as Error).name, message: (error as Error).message });
    throw new ResetRefusal("audit_unavailable", "The reset was NOT sent: the audit record could not be written. Nothing changed in DTS.");
  }
}

/**
 * Resets one direction of a task: re-read it from DTS, re-check everything, write the attempt
 * (with the snapshot of what the reset destroys), call ResetDtsJob once, record the outcome.
 */
export async function performReset(
  deps: ResetDependencies,
  jobId: string,
  request: ResetRequest,
  actor: ResetActor,
): Promise<ResetOutcome> {
  const now = deps.now ?? (() => new Date());

  if (request.idempotencyKey) {
    const existing = await findByIdempotencyKey(deps.store, request.idempotencyKey);
    if (existing) return replayOf(existing, jobId, request);
  }

  const { task, raw } = await findTaskByJobId(deps.client, request.region, jobId);
  const target = checkResetAllowed(task, request);
  const detail = await deps.client.getJobDetail({
    region: request.region,
    jobId: task.jobId,
    instanceId: task.instanceId,
    direction: request.direction,
  });

  const begun = await writeAhead(deps.store, {
    idempotencyKey: request.idempotencyKey ?? null,
    jobId: task.jobId,
    instanceId: task.instanceId,
    region: request.region,
    jobType: task.type,
    taskName: task.name,
    direction: request.direction,
    resetJobId: target.jobId,
    reason: request.reason,
    actor,
    requestedAt: now(),
    snapshotJob: raw,
    snapshotDetail: detail.raw,
  });
  if (begun.kind === "replay") return replayOf(begun.record, jobId, request);
  if (begun.kind === "in_progress") {
    throw new ResetRefusal("reset_in_progress", "Another reset of this task and direction has not finished yet. Wait for its outcome.", {
      reset: toResetResult(begun.record),
    });
  }

  const attempt = begun.record;
  try {
    const answer = await deps.client.resetJob({
      region: request.region,
      jobId: task.jobId,
      instanceId: task.instanceId,
      direction: request.direction,
    });
    const record = await recordOutcome(deps.store, attempt, {
      status: "succeeded",
      finishedAt: now(),
      requestId: answer.requestId,
      httpStatus: answer.httpStatus,
    });
    return { record, replayed: false };
  } catch (error) {
    if (!(error instanceof DtsError)) throw error;
    const unknown = error.kind === "unknown_outcome";
    const record = await recordOutcome(deps.store, attempt, {
      status: unknown ? "unknown" : "failed",
      finishedAt: now(),
      requestId: error.details.requestId,
      httpStatus: error.details.httpStatus,
      errorCode: error.details.code,
      errorMessage: error.message,
      errorKind: error.kind,
      retrySafe: error.details.retrySafe,
    });
    throw new DtsCallFailed(unknown ? "outcome_unknown" : "dts_error", error.message, { ...dtsErrorFields(error), reset: toResetResult(record) }, { cause: error });
  }
}

/**
 * DTS has answered; the record must say so. If the store fails now, the attempt stays pending
 * and reconciliation resolves it from the task's state: the record is late, never lost. The
 * operator still sees what DTS answered.
 */
async function recordOutcome(store: AuditStore, attempt: ResetRecord, outcome: Parameters<typeof finishAttempt>[2]): Promise<ResetRecord> {
  try {
    return await finishAttempt(store, attempt.id, outcome);
  } catch (error) {
    if (error instanceof ResetAttemptStateError) {
      // Reconciliation got there first (a very slow answer); its verdict stands.
      return (await getReset(store, attempt.id)) ?? attempt;
    }
    logger.error("audit_outcome_write_failed", { id: attempt.id, name: (error as Error).name, message: (error as Error).message });
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
}
