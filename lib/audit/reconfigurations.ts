import "server-only";
// The reconfigurations table (migration 0004): the write-ahead record of a ConfigureDtsJob call,
// its outcome, the StartDtsJob that starts the precheck, and what the console saw of the task
// afterwards. Nothing here deletes or rewrites a record; the triggers refuse it anyway. No password
// ever reaches this module: the use case passes parameters without them.
import { randomUUID } from "node:crypto";
import type { ColumnType, Kysely, Selectable, Updateable, UpdateQueryBuilder, UpdateResult } from "kysely";
import type { ConfigureParameters, PrecheckItemView, ReconfigurationRecord, ReconfigureProgress, ReconfigureStatus } from "../domain/reconfigure";
import type { Direction } from "../domain/task";
import type { TaskRef } from "../domain/task-ref";
import type { AuditStore } from "../db/store";
import { consumeClaim, type Claim } from "../guarded/claims";
import { AuditDataError, AuditStoreError, IdempotencyKeyConflictError, storeOperation } from "./errors";
import { transactionWithRollback } from "./rollback";
import { FINAL_PROGRESS } from "../domain/reconfigure";
import { recordNotification, reconfigurationNotification } from "../notify/outbox";
import { booleanToColumn, toIsoTimestamp, type ActorColumns, type Immutable, type ResetActor } from "./schema";

export interface ReconfigurationsTable extends ActorColumns {
  id: Immutable<string>;
  idempotency_key: Immutable<string | null>;
  /** Migration 0006; `default` for every record written before accounts. */
  account: ColumnType<string, string | undefined, never>;
  reset_id: Immutable<string>;
  job_id: Immutable<string>;
  instance_id: Immutable<string>;
  region: Immutable<string>;
  direction: Immutable<Direction>;
  task_name: Immutable<string>;
  parameters: Immutable<string>;
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
  start_status: ReconfigureStatus | null;
  start_requested_at: string | null;
  start_finished_at: string | null;
  start_request_id: string | null;
  start_error_code: string | null;
  start_error_message: string | null;
  resume_status: ReconfigureStatus | null;
  resume_requested_at: string | null;
  resume_request_id: string | null;
  resume_error_message: string | null;
  progress: ReconfigureProgress;
  precheck: string | null;
  task_status: string | null;
  observed_at: string | null;
}

type Db = Kysely<{ reconfigurations: ReconfigurationsTable }>;
export type ReconfigurationRow = Selectable<ReconfigurationsTable>;

/** The store's Kysely instance with this table's types (the shared schema does not list it). */
function dbOf(store: AuditStore): Db {
  return store.db.withTables<{ reconfigurations: ReconfigurationsTable }>() as unknown as Db;
}

type GuardedUpdate = UpdateQueryBuilder<{ reconfigurations: ReconfigurationsTable }, "reconfigurations", "reconfigurations", UpdateResult>;

/**
 * Every step of a reconfiguration is one UPDATE of its record, guarded by the state it may move
 * from: the record as it is now, or null when the guard no longer held (another caller moved it).
 */
async function updateGuarded(
  store: AuditStore,
  what: string,
  id: string,
  guard: (query: GuardedUpdate) => GuardedUpdate,
  values: Updateable<ReconfigurationsTable>,
): Promise<Reconfiguration | null> {
  const row = await storeOperation(what, () =>
    dbOf(store)
      .transaction()
      .execute(async (tx) => {
        // Locked on PostgreSQL, so the progress read is the one the update moves from.
        const read = tx.selectFrom("reconfigurations").select("progress").where("id", "=", id);
        const before = await (store.dialect === "postgres" ? read.forUpdate() : read).executeTakeFirst();
        const updated = await guard(tx.updateTable("reconfigurations").set(values).where("id", "=", id)).returningAll().executeTakeFirst();
        // The step that makes the reconfiguration's end known tells the team, in the same commit.
        if (updated && before && !FINAL_PROGRESS.includes(before.progress) && FINAL_PROGRESS.includes(updated.progress)) {
          const type = updated.progress === "synchronizing" ? "reconfiguration.succeeded" : "reconfiguration.failed";
          await recordNotification(tx, reconfigurationNotification(type, updated, new Date()));
        }
        return updated;
      }),
  );
  return row ? rowToReconfiguration(row) : null;
}

export interface StoredPrecheck {
  state: string;
  total: number;
  failed: PrecheckItemView[];
  at: string;
}

/** A reconfiguration as the server sees it: what was asked, then what came of it. */
export interface Reconfiguration extends Omit<NewReconfiguration, "requestedAt"> {
  id: string;
  requestedAt: string;
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
  startStatus: ReconfigureStatus | null;
  startRequestedAt: string | null;
  startFinishedAt: string | null;
  startRequestId: string | null;
  startErrorCode: string | null;
  startErrorMessage: string | null;
  resumeStatus: ReconfigureStatus | null;
  resumeRequestedAt: string | null;
  resumeRequestId: string | null;
  resumeErrorMessage: string | null;
  progress: ReconfigureProgress;
  precheck: StoredPrecheck | null;
  taskStatus: string | null;
  observedAt: string | null;
}

function parseJson(row: ReconfigurationRow, column: "parameters" | "precheck"): unknown {
  const value = row[column];
  if (value === null) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch (cause) {
    throw new AuditDataError(`Reconfiguration ${row.id}: ${column} is not valid JSON`, { cause });
  }
}

export function rowToReconfiguration(row: ReconfigurationRow): Reconfiguration {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    account: row.account,
    resetId: row.reset_id,
    jobId: row.job_id,
    instanceId: row.instance_id,
    region: row.region,
    direction: row.direction,
    taskName: row.task_name,
    actor: { username: row.actor_username, role: row.actor_role, address: row.actor_address, userAgent: row.actor_user_agent },
    requestedAt: row.requested_at,
    parameters: parseJson(row, "parameters") as ConfigureParameters,
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
    startStatus: row.start_status,
    startRequestedAt: row.start_requested_at,
    startFinishedAt: row.start_finished_at,
    startRequestId: row.start_request_id,
    startErrorCode: row.start_error_code,
    startErrorMessage: row.start_error_message,
    resumeStatus: row.resume_status,
    resumeRequestedAt: row.resume_requested_at,
    resumeRequestId: row.resume_request_id,
    resumeErrorMessage: row.resume_error_message,
    progress: row.progress,
    precheck: parseJson(row, "precheck") as StoredPrecheck | null,
    taskStatus: row.task_status,
    observedAt: row.observed_at,
  };
}

/** What a reconfiguration asks: the API record's facts of the request, with the full actor and a Date. */
export interface NewReconfiguration
  extends Pick<ReconfigurationRecord, "idempotencyKey" | "account" | "resetId" | "jobId" | "instanceId" | "region" | "direction" | "taskName" | "parameters"> {
  actor: ResetActor;
  requestedAt: Date;
}

export type BeginReconfigurationResult =
  | { kind: "created"; record: Reconfiguration }
  /** The idempotency key was used before for this reset: answer with that record, send nothing. */
  | { kind: "replay"; record: Reconfiguration }
  /** Another reconfiguration of this task and direction is in flight, or began after `receivedAt`. */
  | { kind: "in_progress"; record: Reconfiguration }
  /** Our claim lapsed and another request took it over: send nothing. */
  | { kind: "claim_lost" };

/** What the insert transaction answers: a conflict is explained after it. */
type Inserted = BeginReconfigurationResult | { kind: "conflict" };

/**
 * Records a ConfigureDtsJob call as pending before it is sent, in one transaction that consumes the
 * request's claim on the task (fencing, lib/guarded/claims.ts) and refuses it when another
 * reconfiguration of the same task and direction began after `receivedAt` (the operator decided on
 * a state that no longer exists). The idempotency key's unique constraint and the partial unique
 * index on unresolved calls arbitrate between concurrent requests, in any process.
 */
export async function beginReconfiguration(store: AuditStore, input: NewReconfiguration, claim: Claim, receivedAt: Date): Promise<BeginReconfigurationResult> {
  if (input.account !== claim.ref.account || input.instanceId !== claim.ref.instanceId || input.direction !== claim.ref.direction) {
    throw new RangeError("The claim covers another task or direction than the reconfiguration");
  }
  const db = dbOf(store);
  const row = {
    id: randomUUID(),
    idempotency_key: input.idempotencyKey,
    account: input.account,
    reset_id: input.resetId,
    job_id: input.jobId,
    instance_id: input.instanceId,
    region: input.region,
    direction: input.direction,
    task_name: input.taskName,
    actor_username: input.actor.username,
    actor_role: input.actor.role,
    actor_address: input.actor.address,
    actor_user_agent: input.actor.userAgent,
    requested_at: toIsoTimestamp(input.requestedAt),
    parameters: JSON.stringify(input.parameters),
    status: "pending" as const,
    progress: "configuring" as const,
  };
  for (let round = 0; round < 3; round++) {
    const result = await storeOperation("record the reconfiguration", () =>
      transactionWithRollback(db, async (trx, rollback: (answer: Inserted) => never): Promise<Inserted> => {
          if (!(await consumeClaim(trx as never, claim))) rollback({ kind: "claim_lost" });
          const inserted = await trx.insertInto("reconfigurations").values(row).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
          if (!inserted) rollback({ kind: "conflict" });
          const recent = await trx
            .selectFrom("reconfigurations")
            .selectAll()
            .where("account", "=", input.account)
            .where("instance_id", "=", input.instanceId)
            .where("direction", "=", input.direction)
            .where("id", "<>", row.id)
            .where("requested_at", ">=", toIsoTimestamp(receivedAt))
            .orderBy("requested_at", "desc")
            .executeTakeFirst();
          if (recent) rollback({ kind: "in_progress", record: rowToReconfiguration(recent) });
          return { kind: "created", record: rowToReconfiguration(inserted) };
        }),
    );
    if (result.kind !== "conflict") return result;
    if (input.idempotencyKey !== null) {
      const owner = await findReconfigurationByKey(store, input.idempotencyKey);
      if (owner) {
        if (owner.resetId !== input.resetId) throw new IdempotencyKeyConflictError(input.idempotencyKey, owner.id);
        return { kind: "replay", record: owner };
      }
    }
    const blocking = await findUnresolvedReconfiguration(store, input);
    if (blocking) return { kind: "in_progress", record: blocking };
  }
  throw new AuditStoreError("The audit store could not record the reconfiguration: it kept conflicting with another record");
}

export async function getReconfiguration(store: AuditStore, id: string): Promise<Reconfiguration | null> {
  const row = await storeOperation("read a reconfiguration", () => dbOf(store).selectFrom("reconfigurations").selectAll().where("id", "=", id).executeTakeFirst());
  return row ? rowToReconfiguration(row) : null;
}

export async function findReconfigurationByKey(store: AuditStore, key: string): Promise<Reconfiguration | null> {
  const row = await storeOperation("read a reconfiguration", () =>
    dbOf(store).selectFrom("reconfigurations").selectAll().where("idempotency_key", "=", key).executeTakeFirst(),
  );
  return row ? rowToReconfiguration(row) : null;
}

/**
 * The reconfiguration of this task and direction whose ConfigureDtsJob DTS may still be acting on
 * (pending, or of unknown outcome until reconciliation resolves it). A StartDtsJob left unknown
 * does not count: the task is configured by then, and nothing else would ever clear it.
 */
export async function findUnresolvedReconfiguration(store: AuditStore, ref: Pick<TaskRef, "account" | "instanceId" | "direction">): Promise<Reconfiguration | null> {
  const open = ["pending", "unknown"] as const;
  const row = await storeOperation("read a reconfiguration", () =>
    dbOf(store)
      .selectFrom("reconfigurations")
      .selectAll()
      .where("account", "=", ref.account)
      .where("instance_id", "=", ref.instanceId)
      .where("direction", "=", ref.direction)
      .where("status", "in", open)
      .executeTakeFirst(),
  );
  return row ? rowToReconfiguration(row) : null;
}

/** The newest reconfiguration of this task and direction requested at or after `since`, if any. */
export async function findReconfigurationSince(store: AuditStore, ref: Pick<TaskRef, "account" | "instanceId" | "direction">, since: Date): Promise<Reconfiguration | null> {
  const row = await storeOperation("read a reconfiguration", () =>
    dbOf(store)
      .selectFrom("reconfigurations")
      .selectAll()
      .where("account", "=", ref.account)
      .where("instance_id", "=", ref.instanceId)
      .where("direction", "=", ref.direction)
      .where("requested_at", ">=", toIsoTimestamp(since))
      .orderBy("requested_at", "desc")
      .executeTakeFirst(),
  );
  return row ? rowToReconfiguration(row) : null;
}

/** Every reconfiguration made from one reset record, newest first. */
export async function listReconfigurationsForReset(store: AuditStore, resetId: string): Promise<Reconfiguration[]> {
  const rows = await storeOperation("read reconfigurations", () =>
    dbOf(store).selectFrom("reconfigurations").selectAll().where("reset_id", "=", resetId).orderBy("requested_at", "desc").orderBy("id", "desc").execute(),
  );
  return rows.map(rowToReconfiguration);
}

/** Every reconfiguration of one task (by instance: it survives a new task ID), newest first. */
export async function listReconfigurationsForInstance(store: AuditStore, instanceId: string, limit = 200): Promise<Reconfiguration[]> {
  const rows = await storeOperation("read reconfigurations", () =>
    dbOf(store).selectFrom("reconfigurations").selectAll().where("instance_id", "=", instanceId).orderBy("requested_at", "desc").limit(limit).execute(),
  );
  return rows.map(rowToReconfiguration);
}

/** Reconfigurations still to follow: an unknown call outcome, or a progress that is not final. */
export async function listOpenReconfigurations(store: AuditStore, limit = 100): Promise<Reconfiguration[]> {
  const rows = await storeOperation("read reconfigurations", () =>
    dbOf(store)
      .selectFrom("reconfigurations")
      .selectAll()
      .where((eb) => eb.or([eb("status", "in", ["pending", "unknown"]), eb("progress", "in", ["configuring", "prechecking", "initializing"])]))
      .orderBy("requested_at", "asc")
      .limit(limit)
      .execute(),
  );
  return rows.map(rowToReconfiguration);
}

/** How many reconfigurations reconciliation still follows, by account (listOpenReconfigurations' rule). */
export async function countOpenReconfigurations(store: AuditStore): Promise<Array<{ account: string; count: number }>> {
  const rows = await storeOperation("count reconfigurations", () =>
    dbOf(store)
      .selectFrom("reconfigurations")
      .select(["account", (eb) => eb.fn.countAll().as("count")])
      .where((eb) => eb.or([eb("status", "in", ["pending", "unknown"]), eb("progress", "in", ["configuring", "prechecking", "initializing"])]))
      .groupBy("account")
      .execute(),
  );
  return rows.map((r) => ({ account: r.account, count: Number(r.count) }));
}

export interface CallOutcome {
  status: Exclude<ReconfigureStatus, "pending">;
  at: Date;
  requestId?: string | null;
  httpStatus?: number | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  errorKind?: string | null;
  retrySafe?: boolean | null;
}

/** What ConfigureDtsJob answered. Only a pending record is finished; the trigger refuses anything else. */
export async function finishReconfigureCall(store: AuditStore, id: string, outcome: CallOutcome): Promise<Reconfiguration | null> {
  return updateGuarded(store, "record the reconfiguration outcome", id, (query) => query.where("status", "=", "pending"), {
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

/** Resolves an open ConfigureDtsJob outcome from the task's state. Null when it was resolved meanwhile. */
export async function resolveReconfigureCall(
  store: AuditStore,
  id: string,
  resolution: { status: "succeeded" | "failed"; at: Date; note: string },
): Promise<Reconfiguration | null> {
  return updateGuarded(store, "record the reconciliation", id, (query) => query.where("status", "in", ["pending", "unknown"]), {
    status: resolution.status,
    resolved_by: "reconciliation",
    reconciled_at: toIsoTimestamp(resolution.at),
    reconciliation_note: resolution.note,
    ...(resolution.status === "failed" ? { progress: "failed" as const } : {}),
  });
}

/**
 * Claims the one StartDtsJob of a reconfiguration (write-ahead): succeeds for exactly one caller,
 * in any process. Null when another caller got there first.
 */
export async function beginStart(store: AuditStore, id: string, at: Date): Promise<Reconfiguration | null> {
  return updateGuarded(store, "record the start", id, (query) => query.where("status", "=", "succeeded").where("start_status", "is", null), {
    start_status: "pending",
    start_requested_at: toIsoTimestamp(at),
  });
}

export async function finishStart(
  store: AuditStore,
  id: string,
  outcome: { status: Exclude<ReconfigureStatus, "pending">; at: Date; requestId?: string | null; errorCode?: string | null; errorMessage?: string | null },
): Promise<Reconfiguration | null> {
  return updateGuarded(store, "record the start outcome", id, (query) => query.where("start_status", "in", ["pending", "unknown"]), {
    start_status: outcome.status,
    start_finished_at: toIsoTimestamp(outcome.at),
    start_request_id: outcome.requestId ?? null,
    start_error_code: outcome.errorCode ?? null,
    start_error_message: outcome.errorMessage ?? null,
  });
}

/** Claims the StartDtsJob after a passed precheck (write-ahead), for exactly one caller. */
export async function beginResume(store: AuditStore, id: string, at: Date): Promise<Reconfiguration | null> {
  return updateGuarded(store, "record the start after the precheck", id, (query) => query.where("start_status", "=", "succeeded").where("resume_status", "is", null), {
    resume_status: "pending",
    resume_requested_at: toIsoTimestamp(at),
  });
}

export async function finishResume(
  store: AuditStore,
  id: string,
  outcome: { status: Exclude<ReconfigureStatus, "pending">; requestId?: string | null; errorMessage?: string | null },
): Promise<Reconfiguration | null> {
  return updateGuarded(store, "record the start outcome", id, (query) => query.where("resume_status", "in", ["pending", "unknown"]), {
    resume_status: outcome.status,
    resume_request_id: outcome.requestId ?? null,
    resume_error_message: outcome.errorMessage ?? null,
  });
}

/** What the console saw of the task now. A final progress is never overwritten (the trigger refuses it too). */
export async function recordObservation(
  store: AuditStore,
  id: string,
  observation: { progress: ReconfigureProgress; taskStatus: string | null; precheck?: StoredPrecheck | null; at: Date },
): Promise<Reconfiguration | null> {
  return updateGuarded(store, "record what DTS showed", id, (query) => query.where("progress", "not in", ["synchronizing", "precheck_failed", "failed"]), {
    progress: observation.progress,
    task_status: observation.taskStatus,
    observed_at: toIsoTimestamp(observation.at),
    ...(observation.precheck !== undefined ? { precheck: observation.precheck === null ? null : JSON.stringify(observation.precheck) } : {}),
  });
}
