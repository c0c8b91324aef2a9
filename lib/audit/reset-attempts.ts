import "server-only";
// The write path of the reset audit trail: record an attempt before ResetDtsJob is sent, then its
// outcome, its reconciliation, its verification. Nothing here deletes or rewrites a record; the
// triggers of migration 0001 refuse it even if someone tried.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { AuditStore } from "../db/store";
import {
  AuditStoreError,
  IdempotencyKeyConflictError,
  ResetAttemptNotFoundError,
  ResetAttemptStateError,
  storeOperation,
} from "./errors";
import { transactionWithRollback } from "./rollback";
import { consumeClaim, type Claim } from "../guarded/claims";
import { recordNotification, resetNotification } from "../notify/outbox";
import { findResetRowSince, findRowByIdempotencyKey, findUnresolvedRow } from "./reset-queries";
import {
  booleanToColumn,
  rowToResetRecord,
  toIsoTimestamp,
  UNRESOLVED_STATUSES,
  type NewResetAttemptRow,
  type ResetAttemptRow,
  type ResetRecord,
} from "./schema";
import {
  attemptOutcomeSchema,
  newResetAttemptSchema,
  reconciliationSchema,
  verificationSchema,
  type AttemptOutcome,
  type NewResetAttempt,
  type Reconciliation,
  type ValidNewResetAttempt,
  type Verification,
} from "./validation";

// The read side lives in reset-queries.ts; re-exported so the repository is one import.
export {
  EXPORT_MAX_RECORDS,
  INSTANCE_HISTORY_MAX,
  findByIdempotencyKey,
  getReset,
  iterateResets,
  listResets,
  listResetsForInstance,
  listUnresolved,
} from "./reset-queries";

export type BeginAttemptResult =
  /** Recorded as pending: the caller may now send ResetDtsJob. */
  | { kind: "created"; record: ResetRecord }
  /** The idempotency key was seen before: answer with this record and send nothing. */
  | { kind: "replay"; record: ResetRecord }
  /** Another attempt on this task and direction is still pending/unknown: send nothing (409). */
  | { kind: "in_progress"; record: ResetRecord };

/**
 * How many times to retry when the insert was refused by an unresolved attempt that got resolved
 * before we could read it. Each round needs another process to win a race, so this never loops long.
 */
const MAX_INSERT_ROUNDS = 3;

/**
 * Record an attempt as `pending`, unless its idempotency key was already used (replay) or the task
 * and direction already have an unresolved attempt (in_progress).
 *
 * The decision is one atomic statement, `INSERT ... ON CONFLICT DO NOTHING`: the database, through
 * the idempotency key's unique constraint and the partial unique index on unresolved attempts,
 * arbitrates between concurrent callers in any process. The reads that follow only explain a
 * refusal. (A multi-statement transaction would hold SQLite's write lock across awaits, which
 * stalls other handles in the same process for the whole busy timeout.)
 *
 * Throws a ZodError for invalid input and `AuditStoreError` when the database fails, in both cases
 * with nothing written: the caller must then not send the reset.
 */
export async function beginAttempt(store: AuditStore, input: NewResetAttempt): Promise<BeginAttemptResult> {
  const attempt = newResetAttemptSchema.parse(input);
  const row = toInsertRow(attempt, randomUUID(), attempt.requestedAt ?? new Date());

  for (let round = 0; round < MAX_INSERT_ROUNDS; round++) {
    const inserted = await storeOperation("record the reset attempt", () =>
      store.db
        .insertInto("reset_attempts")
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst(),
    );
    if (inserted) return { kind: "created", record: rowToResetRecord(inserted) };

    const explained = await explainConflict(store, attempt);
    if (explained) return explained;
    // The blocking attempt was resolved between our insert and our read: try again.
  }
  throw new AuditStoreError("The audit store could not record the reset attempt: it kept conflicting with another record");
}

export type ClaimedAttemptResult =
  | BeginAttemptResult
  /** Our claim lapsed and another request took it over: send nothing. */
  | { kind: "claim_lost" }
  /** A reset of this task and direction that may have changed it happened after `receivedAt`: send nothing. */
  | { kind: "just_reset"; record: ResetRecord };

/** What the insert transaction answers: a conflict is explained after it. */
type Inserted = ClaimedAttemptResult | { kind: "conflict" };

/**
 * Record an attempt as `pending` under a claim (reset-claims.ts), in ONE transaction that
 * 1. consumes the claim, only if it is still ours (fencing: a request that outlived its lease and
 *    lost the claim to another request records nothing and must send nothing);
 * 2. inserts the attempt (`ON CONFLICT DO NOTHING`: the idempotency key and the partial unique
 *    index on unresolved attempts still arbitrate, as in `beginAttempt`);
 * 3. refuses it if a reset of the same task and direction that may have changed the task started
 *    or finished after the request was received (`receivedAt`).
 * Any refusal rolls the whole transaction back, claim included (the caller releases it).
 *
 * The transaction holds SQLite's write lock for three short statements and no other await.
 */
export async function beginClaimedAttempt(
  store: AuditStore,
  input: NewResetAttempt,
  claim: Claim,
  receivedAt: Date,
): Promise<ClaimedAttemptResult> {
  const attempt = newResetAttemptSchema.parse(input);
  if (attempt.account !== claim.ref.account || attempt.instanceId !== claim.ref.instanceId || attempt.direction !== claim.ref.direction) {
    throw new RangeError("The claim covers another task or direction than the attempt");
  }
  const row = toInsertRow(attempt, randomUUID(), attempt.requestedAt ?? new Date());

  for (let round = 0; round < MAX_INSERT_ROUNDS; round++) {
    const result = await storeOperation("record the reset attempt", () =>
      transactionWithRollback(store.db, async (trx, rollback: (answer: Inserted) => never): Promise<Inserted> => {
          if (!(await consumeClaim(trx, claim))) rollback({ kind: "claim_lost" });

          const inserted = await trx.insertInto("reset_attempts").values(row).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
          if (!inserted) rollback({ kind: "conflict" });

          const recent = await findResetRowSince(trx, { account: attempt.account, instanceId: attempt.instanceId, direction: attempt.direction, since: receivedAt, excludeId: row.id });
          if (recent) rollback({ kind: "just_reset", record: rowToResetRecord(recent) });
          return { kind: "created", record: rowToResetRecord(inserted) };
        }),
    );
    if (result.kind !== "conflict") return result;

    // Refused by a unique constraint: explain it, as beginAttempt does (the claim is still ours).
    const explained = await explainConflict(store, attempt);
    if (explained) return explained;
  }
  throw new AuditStoreError("The audit store could not record the reset attempt: it kept conflicting with another record");
}

/** Why an insert was refused: the key was used before (replay), or the task has an unresolved attempt. */
async function explainConflict(store: AuditStore, attempt: ValidNewResetAttempt): Promise<BeginAttemptResult | null> {
  if (attempt.idempotencyKey !== null) {
    const owner = await findRowByIdempotencyKey(store, attempt.idempotencyKey);
    if (owner) {
      if (!isSameTarget(owner, attempt)) throw new IdempotencyKeyConflictError(attempt.idempotencyKey, owner.id);
      return { kind: "replay", record: rowToResetRecord(owner) };
    }
  }
  const blocking = await findUnresolvedRow(store, attempt);
  return blocking ? { kind: "in_progress", record: rowToResetRecord(blocking) } : null;
}

/**
 * A replay must target what the key first targeted. The task ID is not compared: a replay after a
 * successful reset may carry the new ID DTS gave the task.
 */
function isSameTarget(existing: ResetAttemptRow, attempt: ValidNewResetAttempt): boolean {
  return existing.account === attempt.account && existing.instance_id === attempt.instanceId && existing.direction === attempt.direction && existing.region === attempt.region;
}

function toInsertRow(attempt: ValidNewResetAttempt, id: string, requestedAt: Date): NewResetAttemptRow {
  return {
    id,
    idempotency_key: attempt.idempotencyKey,
    account: attempt.account,
    job_id: attempt.jobId,
    instance_id: attempt.instanceId,
    region: attempt.region,
    job_type: attempt.jobType,
    task_name: attempt.taskName,
    direction: attempt.direction,
    reset_job_id: attempt.resetJobId,
    reason: attempt.reason,
    actor_username: attempt.actor.username,
    actor_role: attempt.actor.role,
    actor_address: attempt.actor.address,
    actor_user_agent: attempt.actor.userAgent,
    status: "pending",
    requested_at: toIsoTimestamp(requestedAt),
    snapshot_job: attempt.snapshotJob,
    snapshot_detail: attempt.snapshotDetail,
    snapshot_alerts: attempt.snapshotAlerts,
    bulk_id: attempt.bulkId,
  };
}

/**
 * Record what ResetDtsJob answered. Only a `pending` record can be finished; `unknown` (timeout,
 * dropped connection) stays open for reconciliation, the others are resolved by the response.
 */
export async function finishAttempt(store: AuditStore, id: string, outcome: AttemptOutcome): Promise<ResetRecord> {
  const valid = attemptOutcomeSchema.parse(outcome);
  // The outcome and its notification (lib/notify/outbox.ts) commit together, or neither does.
  const updated = await storeOperation("record the reset outcome", () =>
    store.db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable("reset_attempts")
        .set({
          status: valid.status,
          finished_at: toIsoTimestamp(valid.finishedAt),
          request_id: valid.requestId,
          http_status: valid.httpStatus,
          error_code: valid.errorCode,
          error_message: valid.errorMessage,
          error_kind: valid.errorKind,
          retry_safe: booleanToColumn(valid.retrySafe),
          resolved_by: valid.status === "unknown" ? null : "response",
        })
        .where("id", "=", id)
        .where("status", "=", "pending")
        .returningAll()
        .executeTakeFirst();
      if (row) await recordNotification(tx, resetNotification(`reset.${row.status as "succeeded" | "failed" | "unknown"}`, row, valid.finishedAt));
      return row;
    }),
  );
  if (updated) return rowToResetRecord(updated);
  throw await refusal(store, id, `finish it as ${valid.status}`);
}

/**
 * Settle a pending or unknown attempt from a fresh read of the task. A `succeeded` resolution
 * means NotConfigured was observed at `at`, so it also sets verified_at to `at`; `markVerified`
 * afterwards is then a no-op.
 */
export async function resolveByReconciliation(store: AuditStore, id: string, resolution: Reconciliation): Promise<ResetRecord> {
  const valid = reconciliationSchema.parse(resolution);
  const at = toIsoTimestamp(valid.at);
  const updated = await storeOperation("record the reconciliation", () =>
    store.db.transaction().execute(async (tx) => {
      // What it was decides the event: an `unknown` outcome resolved, or a `pending` one (the
      // process died mid-call) that never had an outcome to report until now.
      // Locked on PostgreSQL, so the status read is the one the update moves from (on SQLite, a write by
      // another connection since the read makes the update fail instead of moving from a stale status).
      const read = tx.selectFrom("reset_attempts").select("status").where("id", "=", id);
      const before = await (store.dialect === "postgres" ? read.forUpdate() : read).executeTakeFirst();
      const row = await tx
        .updateTable("reset_attempts")
        .set({
          status: valid.status,
          resolved_by: "reconciliation",
          reconciled_at: at,
          reconciliation_note: valid.note,
          verified_at: valid.status === "succeeded" ? at : null,
          job_id_after: valid.jobIdAfter,
        })
        .where("id", "=", id)
        .where("status", "in", UNRESOLVED_STATUSES)
        .returningAll()
        .executeTakeFirst();
      if (row) {
        const type = before?.status === "unknown" ? "reset.unknown_resolved" : valid.status === "succeeded" ? "reset.succeeded" : "reset.failed";
        await recordNotification(tx, resetNotification(type, row, valid.at, { resolvedBy: "reconciliation" }));
      }
      return row;
    }),
  );
  if (updated) return rowToResetRecord(updated);
  throw await refusal(store, id, `resolve it by reconciliation as ${valid.status}`);
}

/**
 * Record when NotConfigured was first observed after a successful reset. Only the first call
 * writes: later calls return the record unchanged, so a periodic check may call it freely.
 */
export async function markVerified(store: AuditStore, id: string, verification: Verification): Promise<ResetRecord> {
  const valid = verificationSchema.parse(verification);
  const updated = await storeOperation("record the verification", () =>
    store.db
      .updateTable("reset_attempts")
      .set({
        verified_at: toIsoTimestamp(valid.at),
        // Keep a job_id_after recorded earlier: it is set once, like verified_at.
        ...(valid.jobIdAfter === null ? {} : { job_id_after: sql<string>`coalesce(job_id_after, ${valid.jobIdAfter})` }),
      })
      .where("id", "=", id)
      .where("status", "=", "succeeded")
      .where("verified_at", "is", null)
      .returningAll()
      .executeTakeFirst(),
  );
  if (updated) return rowToResetRecord(updated);

  const current = await getRowOrThrow(store, id);
  if (current.status !== "succeeded") throw new ResetAttemptStateError(id, current.status, "mark it verified");
  return rowToResetRecord(current);
}

/** Why a guarded update changed nothing: the record is missing, or not in the expected status. */
async function refusal(store: AuditStore, id: string, attempted: string): Promise<Error> {
  const current = await getRowOrThrow(store, id);
  return new ResetAttemptStateError(id, current.status, attempted);
}

async function getRowOrThrow(store: AuditStore, id: string): Promise<ResetAttemptRow> {
  const row = await storeOperation("read a reset attempt", () =>
    store.db.selectFrom("reset_attempts").selectAll().where("id", "=", id).executeTakeFirst(),
  );
  if (!row) throw new ResetAttemptNotFoundError(id);
  return row;
}
