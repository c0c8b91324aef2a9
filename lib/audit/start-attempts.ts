import "server-only";
// The start_attempts table (migration 0009): "Start again" on a reconfiguration whose StartDtsJob
// DTS refused or whose precheck failed. Each attempt is written ahead of its StartDtsJob (in the
// transaction that consumes the request's claim on the task), then its outcome, then what the
// console saw of the task while following it. Nothing here deletes or rewrites a record; the
// triggers refuse it anyway. The partial unique index on unresolved calls and the idempotency
// key's unique constraint arbitrate between concurrent requests, in any process.
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable, Updateable, UpdateQueryBuilder, UpdateResult } from "kysely";
import type { ReconfigureStatus } from "../domain/reconfigure";
import type { StartProgress } from "../domain/start-again";
import type { Direction } from "../domain/task";
import type { TaskRef } from "../domain/task-ref";
import type { AuditStore } from "../db/store";
import { consumeClaim, type Claim } from "../guarded/claims";
import { AuditDataError, AuditStoreError, IdempotencyKeyConflictError, storeOperation } from "./errors";
import type { StoredPrecheck } from "./reconfigurations";
import { transactionWithRollback } from "./rollback";
import { booleanToColumn, toIsoTimestamp, type ActorColumns, type Immutable, type ResetActor } from "./schema";

export interface StartAttemptsTable extends ActorColumns {
  id: Immutable<string>;
  idempotency_key: Immutable<string | null>;
  reconfiguration_id: Immutable<string>;
  account: Immutable<string>;
  region: Immutable<string>;
  instance_id: Immutable<string>;
  job_id: Immutable<string>;
  direction: Immutable<Direction>;
  task_name: Immutable<string>;
  status_before: Immutable<string>;
  status: ReconfigureStatus;
  finished_at: string | null;
  request_id: string | null;
  http_status: number | null;
  error_code: string | null;
  error_message: string | null;
  error_kind: string | null;
  retry_safe: number | null;
  resolved_by: "response" | "reconciliation" | null;
  reconciled_at: string | null;
  reconciliation_note: string | null;
  resume_status: ReconfigureStatus | null;
  resume_requested_at: string | null;
  resume_request_id: string | null;
  resume_error_message: string | null;
  progress: StartProgress;
  precheck: string | null;
  task_status: string | null;
  observed_at: string | null;
}

type Tables = { start_attempts: StartAttemptsTable };
type Db = Kysely<Tables>;
type Row = Selectable<StartAttemptsTable>;

function dbOf(store: AuditStore): Db {
  return store.db.withTables<Tables>() as unknown as Db;
}

/** A start attempt as the server sees it. */
export interface StartAttempt {
  id: string;
  idempotencyKey: string | null;
  reconfigurationId: string;
  account: string;
  region: string;
  instanceId: string;
  jobId: string;
  direction: Direction;
  taskName: string;
  actor: ResetActor;
  requestedAt: string;
  statusBefore: string;
  status: ReconfigureStatus;
  finishedAt: string | null;
  requestId: string | null;
  httpStatus: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  errorKind: string | null;
  retrySafe: boolean | null;
  resolvedBy: "response" | "reconciliation" | null;
  reconciledAt: string | null;
  reconciliationNote: string | null;
  resumeStatus: ReconfigureStatus | null;
  resumeRequestedAt: string | null;
  resumeRequestId: string | null;
  resumeErrorMessage: string | null;
  progress: StartProgress;
  precheck: StoredPrecheck | null;
  taskStatus: string | null;
  observedAt: string | null;
}

function rowToStartAttempt(row: Row): StartAttempt {
  let precheck: StoredPrecheck | null = null;
  if (row.precheck !== null) {
    try {
      precheck = JSON.parse(row.precheck) as StoredPrecheck;
    } catch (cause) {
      throw new AuditDataError(`Start attempt ${row.id}: precheck is not valid JSON`, { cause });
    }
  }
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    reconfigurationId: row.reconfiguration_id,
    account: row.account,
    region: row.region,
    instanceId: row.instance_id,
    jobId: row.job_id,
    direction: row.direction,
    taskName: row.task_name,
    actor: { username: row.actor_username, role: row.actor_role, address: row.actor_address, userAgent: row.actor_user_agent },
    requestedAt: row.requested_at,
    statusBefore: row.status_before,
    status: row.status,
    finishedAt: row.finished_at,
    requestId: row.request_id,
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    errorCode: row.error_code,
    errorMessage: row.error_message,
    errorKind: row.error_kind,
    retrySafe: row.retry_safe === null ? null : Number(row.retry_safe) === 1,
    resolvedBy: row.resolved_by,
    reconciledAt: row.reconciled_at,
    reconciliationNote: row.reconciliation_note,
    resumeStatus: row.resume_status,
    resumeRequestedAt: row.resume_requested_at,
    resumeRequestId: row.resume_request_id,
    resumeErrorMessage: row.resume_error_message,
    progress: row.progress,
    precheck,
    taskStatus: row.task_status,
    observedAt: row.observed_at,
  };
}

export interface NewStartAttempt {
  idempotencyKey: string | null;
  reconfigurationId: string;
  account: string;
  region: string;
  instanceId: string;
  jobId: string;
  direction: Direction;
  taskName: string;
  actor: ResetActor;
  requestedAt: Date;
  statusBefore: string;
}

export type BeginStartAttemptResult =
  | { kind: "created"; record: StartAttempt }
  /** The key was used before for this reconfiguration: answer with that record, send nothing. */
  | { kind: "replay"; record: StartAttempt }
  /** Another start of this task and direction is in flight, or began after the request was received. */
  | { kind: "in_progress"; record: StartAttempt }
  | { kind: "claim_lost" };

type Inserted = BeginStartAttemptResult | { kind: "conflict" };

/**
 * Records a StartDtsJob as pending before it is sent, in one transaction that consumes the
 * request's claim on the task (fencing, lib/guarded/claims.ts) and refuses it when another start
 * of the task and direction began after `receivedAt`.
 */
export async function beginStartAttempt(store: AuditStore, input: NewStartAttempt, claim: Claim, receivedAt: Date): Promise<BeginStartAttemptResult> {
  if (input.account !== claim.ref.account || input.instanceId !== claim.ref.instanceId || input.direction !== claim.ref.direction) {
    throw new RangeError("The claim covers another task or direction than the start attempt");
  }
  const db = dbOf(store);
  const row = {
    id: randomUUID(),
    idempotency_key: input.idempotencyKey,
    reconfiguration_id: input.reconfigurationId,
    account: input.account,
    region: input.region,
    instance_id: input.instanceId,
    job_id: input.jobId,
    direction: input.direction,
    task_name: input.taskName,
    actor_username: input.actor.username,
    actor_role: input.actor.role,
    actor_address: input.actor.address,
    actor_user_agent: input.actor.userAgent,
    requested_at: toIsoTimestamp(input.requestedAt),
    status_before: input.statusBefore,
    status: "pending" as const,
    progress: "starting" as const,
  };
  for (let round = 0; round < 3; round++) {
    const result = await storeOperation("record the start attempt", () =>
      transactionWithRollback(db, async (trx, rollback: (answer: Inserted) => never): Promise<Inserted> => {
        if (!(await consumeClaim(trx as never, claim))) rollback({ kind: "claim_lost" });
        const inserted = await trx.insertInto("start_attempts").values(row).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
        if (!inserted) rollback({ kind: "conflict" });
        const recent = await trx
          .selectFrom("start_attempts")
          .selectAll()
          .where("account", "=", input.account)
          .where("instance_id", "=", input.instanceId)
          .where("direction", "=", input.direction)
          .where("id", "<>", row.id)
          .where("requested_at", ">=", toIsoTimestamp(receivedAt))
          .orderBy("requested_at", "desc")
          .executeTakeFirst();
        if (recent) rollback({ kind: "in_progress", record: rowToStartAttempt(recent) });
        return { kind: "created", record: rowToStartAttempt(inserted) };
      }),
    );
    if (result.kind !== "conflict") return result;
    if (input.idempotencyKey !== null) {
      const owner = await findStartAttemptByKey(store, input.idempotencyKey);
      if (owner) {
        if (owner.reconfigurationId !== input.reconfigurationId) throw new IdempotencyKeyConflictError(input.idempotencyKey, owner.id);
        return { kind: "replay", record: owner };
      }
    }
    const blocking = await findUnresolvedStartAttempt(store, input);
    if (blocking) return { kind: "in_progress", record: blocking };
  }
  throw new AuditStoreError("The audit store could not record the start attempt: it kept conflicting with another record");
}

export async function getStartAttempt(store: AuditStore, id: string): Promise<StartAttempt | null> {
  const row = await storeOperation("read a start attempt", () => dbOf(store).selectFrom("start_attempts").selectAll().where("id", "=", id).executeTakeFirst());
  return row ? rowToStartAttempt(row) : null;
}

export async function findStartAttemptByKey(store: AuditStore, key: string): Promise<StartAttempt | null> {
  const row = await storeOperation("read a start attempt", () => dbOf(store).selectFrom("start_attempts").selectAll().where("idempotency_key", "=", key).executeTakeFirst());
  return row ? rowToStartAttempt(row) : null;
}

/** The start attempt of this task and direction whose StartDtsJob has no known outcome, if any. */
export async function findUnresolvedStartAttempt(store: AuditStore, ref: Pick<TaskRef, "account" | "instanceId" | "direction">): Promise<StartAttempt | null> {
  const row = await storeOperation("read a start attempt", () =>
    dbOf(store)
      .selectFrom("start_attempts")
      .selectAll()
      .where("account", "=", ref.account)
      .where("instance_id", "=", ref.instanceId)
      .where("direction", "=", ref.direction)
      .where("status", "in", ["pending", "unknown"])
      .executeTakeFirst(),
  );
  return row ? rowToStartAttempt(row) : null;
}

/** Every start attempt of one reconfiguration, newest first. */
export async function listStartAttempts(store: AuditStore, reconfigurationId: string): Promise<StartAttempt[]> {
  const rows = await storeOperation("read start attempts", () =>
    dbOf(store)
      .selectFrom("start_attempts")
      .selectAll()
      .where("reconfiguration_id", "=", reconfigurationId)
      .orderBy("requested_at", "desc")
      .orderBy("id", "desc")
      .execute(),
  );
  return rows.map(rowToStartAttempt);
}

/** Start attempts still to follow: an unknown outcome, or a progress that is not final. */
export async function listOpenStartAttempts(store: AuditStore, limit = 100): Promise<StartAttempt[]> {
  const rows = await storeOperation("read start attempts", () =>
    dbOf(store)
      .selectFrom("start_attempts")
      .selectAll()
      .where((eb) => eb.or([eb("status", "in", ["pending", "unknown"]), eb("progress", "in", ["starting", "prechecking", "initializing"])]))
      .orderBy("requested_at", "asc")
      .limit(limit)
      .execute(),
  );
  return rows.map(rowToStartAttempt);
}

type GuardedUpdate = UpdateQueryBuilder<Tables, "start_attempts", "start_attempts", UpdateResult>;

async function updateGuarded(store: AuditStore, what: string, id: string, guard: (q: GuardedUpdate) => GuardedUpdate, values: Updateable<StartAttemptsTable>): Promise<StartAttempt | null> {
  const row = await storeOperation(what, () =>
    guard(dbOf(store).updateTable("start_attempts").set(values).where("id", "=", id))
      .returningAll()
      .executeTakeFirst(),
  );
  return row ? rowToStartAttempt(row) : null;
}

export interface StartCallOutcome {
  status: Exclude<ReconfigureStatus, "pending">;
  at: Date;
  requestId?: string | null;
  httpStatus?: number | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  errorKind?: string | null;
  retrySafe?: boolean | null;
}

/** What StartDtsJob answered. Only a pending record is finished. A refusal ends the attempt (`failed`). */
export async function finishStartAttempt(store: AuditStore, id: string, outcome: StartCallOutcome): Promise<StartAttempt | null> {
  return updateGuarded(store, "record the start outcome", id, (q) => q.where("status", "=", "pending"), {
    status: outcome.status,
    finished_at: toIsoTimestamp(outcome.at),
    request_id: outcome.requestId ?? null,
    http_status: outcome.httpStatus ?? null,
    error_code: outcome.errorCode ?? null,
    error_message: outcome.errorMessage ?? null,
    error_kind: outcome.errorKind ?? null,
    retry_safe: booleanToColumn(outcome.retrySafe),
    resolved_by: outcome.status === "unknown" ? null : "response",
    ...(outcome.status === "failed" ? { progress: "failed" as const } : {}),
  });
}

/** Resolves an unknown StartDtsJob outcome from the task's state. Null when it was resolved meanwhile. */
export async function resolveStartAttempt(store: AuditStore, id: string, resolution: { status: "succeeded" | "failed"; at: Date; note: string }): Promise<StartAttempt | null> {
  return updateGuarded(store, "record the reconciliation", id, (q) => q.where("status", "in", ["pending", "unknown"]), {
    status: resolution.status,
    resolved_by: "reconciliation",
    reconciled_at: toIsoTimestamp(resolution.at),
    reconciliation_note: resolution.note,
    ...(resolution.status === "failed" ? { progress: "failed" as const } : {}),
  });
}

/** Claims the StartDtsJob after a passed precheck (write-ahead), for exactly one caller. */
export async function beginAttemptResume(store: AuditStore, id: string, at: Date): Promise<StartAttempt | null> {
  return updateGuarded(store, "record the start after the precheck", id, (q) => q.where("status", "=", "succeeded").where("resume_status", "is", null), {
    resume_status: "pending",
    resume_requested_at: toIsoTimestamp(at),
  });
}

export async function finishAttemptResume(
  store: AuditStore,
  id: string,
  outcome: { status: Exclude<ReconfigureStatus, "pending">; requestId?: string | null; errorMessage?: string | null },
): Promise<StartAttempt | null> {
  return updateGuarded(store, "record the start outcome", id, (q) => q.where("resume_status", "in", ["pending", "unknown"]), {
    resume_status: outcome.status,
    resume_request_id: outcome.requestId ?? null,
    resume_error_message: outcome.errorMessage ?? null,
  });
}

/** What the console saw of the task. A final progress is never overwritten (the trigger refuses it too). */
export async function recordAttemptObservation(
  store: AuditStore,
  id: string,
  observation: { progress: StartProgress; taskStatus: string | null; precheck?: StoredPrecheck | null; at: Date },
): Promise<StartAttempt | null> {
  return updateGuarded(store, "record what DTS showed", id, (q) => q.where("status", "=", "succeeded").where("progress", "not in", ["synchronizing", "precheck_failed", "failed"]), {
    progress: observation.progress,
    task_status: observation.taskStatus,
    observed_at: toIsoTimestamp(observation.at),
    ...(observation.precheck !== undefined ? { precheck: observation.precheck === null ? null : JSON.stringify(observation.precheck) } : {}),
  });
}
