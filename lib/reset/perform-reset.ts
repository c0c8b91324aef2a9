import "server-only";
import type { ResetRequest } from "@/lib/domain/reset";
import { DtsCallFailed, ResetRefusal } from "@/lib/domain/errors";
import type { AuditStore } from "@/lib/audit/db";
import { AuditStoreError, IdempotencyKeyConflictError, ResetAttemptStateError, storeOperation } from "@/lib/audit/errors";
import { claimReset, releaseClaim, type ResetClaim } from "@/lib/audit/reset-claims";
import { findByIdempotencyKey, findResetRowSince, findUnresolvedRow, getReset } from "@/lib/audit/reset-queries";
import { beginClaimedAttempt, finishAttempt } from "@/lib/audit/reset-attempts";
import { rowToResetRecord, type ResetActor, type ResetRecord } from "@/lib/audit/schema";
import type { DtsClient } from "@/lib/dts/operations";
import { DtsError, dtsErrorFields } from "@/lib/dts/errors";
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

const KEY_REUSED = "This idempotency key was already used for another task or direction.";

function replayOf(existing: ResetRecord, jobId: string, request: ResetRequest): ResetOutcome {
  if (existing.jobId !== jobId || existing.instanceId !== request.instanceId || existing.direction !== request.direction) {
    throw new ResetRefusal("idempotency_key_reused", KEY_REUSED);
  }
  return { record: existing, replayed: true };
}

function inProgress(blocking: ResetRecord | null): ResetRefusal {
  return new ResetRefusal(
    "reset_in_progress",
    "Another reset of this task and direction has not finished yet. Wait for its outcome.",
    blocking ? { reset: toResetResult(blocking) } : {},
  );
}

function justReset(record: ResetRecord): ResetRefusal {
  return new ResetRefusal(
    "task_just_reset",
    `This task and direction were reset by ${record.actor.username} after your request was sent, so nothing was sent: look at the task as it is now before deciding again.`,
    { reset: toResetResult(record) },
  );
}

/** Fail closed: a reset whose claim or record cannot be written is not sent. */
async function orRefuse<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof IdempotencyKeyConflictError) throw new ResetRefusal("idempotency_key_reused", KEY_REUSED);
    if (!(error instanceof AuditStoreError)) throw error;
    logger.error("audit_write_failed", { name: error.name, message: error.message });
    throw new ResetRefusal("audit_unavailable", "The reset was NOT sent: the audit record could not be written. Nothing changed in DTS.");
  }
}

/**
 * Resets one direction of a task, sending at most one ResetDtsJob per confirmed request, decided
 * against the state that call acts on:
 * 1. claim the task and direction in the audit store (losers: reset_in_progress);
 * 2. under the claim, refuse if a reset of it finished after this request was received
 *    (task_just_reset): the operator decided on a state that no longer exists;
 * 3. re-read the task from DTS and re-check direction, status and confirmation;
 * 4. record the attempt with the snapshot of what the reset destroys, consuming the claim in the
 *    same transaction (see `beginClaimedAttempt`);
 * 5. call ResetDtsJob once and record the outcome.
 * The claim is released on every path. `receivedAt` is when the request reached the console.
 */
export async function performReset(
  deps: ResetDependencies,
  jobId: string,
  request: ResetRequest,
  actor: ResetActor,
  receivedAt: Date = (deps.now ?? (() => new Date()))(),
): Promise<ResetOutcome> {
  const now = deps.now ?? (() => new Date());
  const { store } = deps;

  if (request.idempotencyKey) {
    const existing = await orRefuse(() => findByIdempotencyKey(store, request.idempotencyKey!));
    if (existing) return replayOf(existing, jobId, request);
  }

  const claim = await orRefuse(() => claimReset(store, { instanceId: request.instanceId, direction: request.direction }, now()));
  if (!claim) {
    // Someone else is deciding this reset. With the same idempotency key, it may already be ours.
    const settled = await orRefuse(() => settledMeanwhile(store, request, receivedAt));
    if (settled?.kind === "replay") return replayOf(settled.record, jobId, request);
    throw inProgress(settled?.kind === "in_progress" ? settled.record : null);
  }

  let attempt: ResetRecord;
  try {
    const settled = await orRefuse(() => settledMeanwhile(store, request, receivedAt));
    if (settled?.kind === "replay") return replayOf(settled.record, jobId, request);
    if (settled?.kind === "in_progress") throw inProgress(settled.record);
    if (settled?.kind === "just_reset") throw justReset(settled.record);
    const decided = await decide(deps, jobId, request, actor, claim, receivedAt);
    if ("replayed" in decided) return decided;
    attempt = decided;
  } finally {
    await releaseClaim(store, claim).catch((error: unknown) => {
      // The lease ends it anyway; the answer the caller gets is the one that matters.
      logger.warn("reset_claim_release_failed", { name: (error as Error).name, message: (error as Error).message });
    });
  }
  return { record: await callReset(deps, attempt), replayed: false };
}

type Settled = { kind: "replay" | "in_progress" | "just_reset"; record: ResetRecord };

/** What other requests did to this task and direction since this one was received, if anything. */
async function settledMeanwhile(store: AuditStore, request: ResetRequest, receivedAt: Date): Promise<Settled | null> {
  if (request.idempotencyKey) {
    const existing = await findByIdempotencyKey(store, request.idempotencyKey);
    if (existing) return { kind: "replay", record: existing };
  }
  const blocking = await findUnresolvedRow(store, request.instanceId, request.direction);
  if (blocking) return { kind: "in_progress", record: rowToResetRecord(blocking) };
  const recent = await storeOperation("read a reset attempt", () =>
    findResetRowSince(store.db, { instanceId: request.instanceId, direction: request.direction, since: receivedAt }),
  );
  return recent ? { kind: "just_reset", record: rowToResetRecord(recent) } : null;
}

/** Under the claim: re-read and re-check the task, then record the pending attempt. */
async function decide(deps: ResetDependencies, jobId: string, request: ResetRequest, actor: ResetActor, claim: ResetClaim, receivedAt: Date): Promise<ResetRecord | ResetOutcome> {
  // Fresh reads: a reset is decided against what DTS says now, never against a cached list.
  const { task, raw } = await findTaskByJobId(deps.client, request.region, jobId, undefined, { fresh: true });
  const target = checkResetAllowed(task, request);
  const detail = await deps.client.getJobDetail(
    { region: request.region, jobId: task.jobId, instanceId: task.instanceId, direction: request.direction },
    { fresh: true },
  );

  const begun = await orRefuse(() =>
    beginClaimedAttempt(
      deps.store,
      {
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
        requestedAt: (deps.now ?? (() => new Date()))(),
        snapshotJob: raw,
        snapshotDetail: detail.raw,
      },
      claim,
      receivedAt,
    ),
  );
  switch (begun.kind) {
    case "created":
      return begun.record;
    case "replay":
      // The same key was used meanwhile by a request that took over our lapsed claim.
      return replayOf(begun.record, jobId, request);
    case "in_progress":
      throw inProgress(begun.record);
    case "claim_lost":
      throw inProgress(null);
    case "just_reset":
      throw justReset(begun.record);
  }
}

/** The one ResetDtsJob call of a recorded attempt, and its outcome. */
async function callReset(deps: ResetDependencies, attempt: ResetRecord): Promise<ResetRecord> {
  const now = deps.now ?? (() => new Date());
  try {
    const answer = await deps.client.resetJob({
      region: attempt.region,
      jobId: attempt.jobId,
      instanceId: attempt.instanceId,
      direction: attempt.direction,
    });
    return await recordOutcome(deps.store, attempt, {
      status: "succeeded",
      finishedAt: now(),
      requestId: answer.requestId,
      httpStatus: answer.httpStatus,
    });
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
