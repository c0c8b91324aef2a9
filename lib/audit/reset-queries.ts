import "server-only";
// Reads of the reset history. Portable SQL only: these run unchanged on PostgreSQL.
import { sql, type Kysely, type SelectQueryBuilder, type SqlBool } from "kysely";
import type { Direction } from "../domain/task";
import type { AuditStore } from "../db/store";
import type { TaskRef } from "../domain/task-ref";
import { ExportLimitExceededError, storeOperation } from "./errors";
import {
  rowToResetRecord,
  toIsoTimestamp,
  UNRESOLVED_STATUSES,
  type AuditDatabase,
  type ResetAttemptRow,
  type ResetRecord,
} from "./schema";
import { paginationSchema, resetFiltersSchema, type ValidResetFilters } from "./validation";
import type { ResetFilters } from "../domain/reset-record";

/** The most records `iterateResets` returns; an export that matches more must be narrowed. */
export const EXPORT_MAX_RECORDS = 100_000;

/** The most records `listResetsForInstance` returns by default (newest kept). */
export const INSTANCE_HISTORY_MAX = 1_000;

type ResetAttemptsQuery<O> = SelectQueryBuilder<AuditDatabase, "reset_attempts", O>;

export async function getReset(store: AuditStore, id: string): Promise<ResetRecord | null> {
  const row = await storeOperation("read a reset attempt", () =>
    store.db.selectFrom("reset_attempts").selectAll().where("id", "=", id).executeTakeFirst(),
  );
  return row ? rowToResetRecord(row) : null;
}

/** The record that owns an idempotency key: lets the caller answer a replay before reading DTS. */
export async function findByIdempotencyKey(store: AuditStore, idempotencyKey: string): Promise<ResetRecord | null> {
  const row = await findRowByIdempotencyKey(store, idempotencyKey);
  return row ? rowToResetRecord(row) : null;
}

export function findRowByIdempotencyKey(store: AuditStore, idempotencyKey: string): Promise<ResetAttemptRow | undefined> {
  return storeOperation("read a reset attempt", () =>
    store.db.selectFrom("reset_attempts").selectAll().where("idempotency_key", "=", idempotencyKey).executeTakeFirst(),
  );
}

/** The pending/unknown attempt on a task and direction, if any (the unique index allows one). */
export function findUnresolvedRow(store: AuditStore, ref: Pick<TaskRef, "account" | "instanceId" | "direction">): Promise<ResetAttemptRow | undefined> {
  return storeOperation("read a reset attempt", () =>
    store.db
      .selectFrom("reset_attempts")
      .selectAll()
      .where("account", "=", ref.account)
      .where("instance_id", "=", ref.instanceId)
      .where("direction", "=", ref.direction)
      .where("status", "in", UNRESOLVED_STATUSES)
      .executeTakeFirst(),
  );
}

/**
 * The newest reset of this task and direction that may have changed the task (succeeded, or
 * unknown) and was started or answered at or after `since`: a request received at `since` decided
 * on a state that reset may have wiped. Takes a Kysely handle so it can run inside a transaction.
 */
export function findResetRowSince(
  db: Kysely<AuditDatabase>,
  target: { account: string; instanceId: string; direction: Direction; since: Date; excludeId?: string },
): Promise<ResetAttemptRow | undefined> {
  const since = toIsoTimestamp(target.since);
  let query = db
    .selectFrom("reset_attempts")
    .selectAll()
    .where("account", "=", target.account)
    .where("instance_id", "=", target.instanceId)
    .where("direction", "=", target.direction)
    .where("status", "in", ["succeeded", "unknown"])
    .where((eb) => eb.or([eb("requested_at", ">=", since), eb("finished_at", ">=", since)]));
  if (target.excludeId !== undefined) query = query.where("id", "<>", target.excludeId);
  return query.orderBy("requested_at", "desc").orderBy("id", "desc").executeTakeFirst();
}

/**
 * Attempts to reconcile, oldest first: every `unknown` one (its answer has arrived, so no live
 * request is waiting on it), and the `pending` ones requested before `olderThan` (younger ones may
 * still be waiting for DTS's answer in a live request).
 */
export async function listUnresolved(store: AuditStore, olderThan: Date): Promise<ResetRecord[]> {
  const cutoff = toIsoTimestamp(olderThan); // an invalid Date throws a RangeError here, as a caller bug
  const rows = await storeOperation("list unresolved reset attempts", () =>
    store.db
      .selectFrom("reset_attempts")
      .selectAll()
      .where("status", "in", UNRESOLVED_STATUSES)
      .where((eb) => eb.or([eb("status", "=", "unknown"), eb("requested_at", "<", cutoff)]))
      .orderBy("requested_at", "asc")
      .orderBy("id", "asc")
      .execute(),
  );
  return rows.map(rowToResetRecord);
}

/** How many records each account has in each outcome (the metrics' resets by outcome). */
export async function countResetsByOutcome(store: AuditStore): Promise<Array<{ account: string; outcome: string; count: number }>> {
  const rows = await storeOperation("count reset attempts", () =>
    store.db
      .selectFrom("reset_attempts")
      .select(["account", "status", (eb) => eb.fn.countAll().as("count")])
      .groupBy(["account", "status"])
      .execute(),
  );
  // PostgreSQL returns count(*) as a bigint string; SQLite as a number.
  return rows.map((r) => ({ account: r.account, outcome: r.status, count: Number(r.count) }));
}

/**
 * How many attempts reconciliation has to resolve, by account: the same rule as listUnresolved
 * (every `unknown` one, and the `pending` ones requested before `olderThan`).
 */
export async function countUnresolved(store: AuditStore, olderThan: Date): Promise<Array<{ account: string; count: number }>> {
  const cutoff = toIsoTimestamp(olderThan);
  const rows = await storeOperation("count unresolved reset attempts", () =>
    store.db
      .selectFrom("reset_attempts")
      .select(["account", (eb) => eb.fn.countAll().as("count")])
      .where("status", "in", UNRESOLVED_STATUSES)
      .where((eb) => eb.or([eb("status", "=", "unknown"), eb("requested_at", "<", cutoff)]))
      .groupBy("account")
      .execute(),
  );
  return rows.map((r) => ({ account: r.account, count: Number(r.count) }));
}

/** One page of the history, newest first, with the total number of matching records. */
export async function listResets(
  store: AuditStore,
  filters: ResetFilters,
  page: number,
  pageSize: number,
): Promise<{ items: ResetRecord[]; total: number }> {
  const valid = resetFiltersSchema.parse(filters);
  const paging = paginationSchema.parse({ page, pageSize });
  return storeOperation("list reset attempts", async () => {
    const base = matching(store.db.selectFrom("reset_attempts"), valid);
    const counted = await base.select((eb) => eb.fn.countAll().as("total")).executeTakeFirstOrThrow();
    const rows = await newestFirst(base.selectAll())
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize)
      .execute();
    // PostgreSQL returns count(*) as a bigint string; SQLite as a number.
    return { items: rows.map(rowToResetRecord), total: Number(counted.total) };
  });
}

/** Every reset of one DTS instance (so it survives a new task ID), newest first. */
export async function listResetsForInstance(
  store: AuditStore,
  instanceId: string,
  limit: number = INSTANCE_HISTORY_MAX,
): Promise<ResetRecord[]> {
  requirePositiveInteger("limit", limit);
  const rows = await storeOperation("list reset attempts", () =>
    newestFirst(store.db.selectFrom("reset_attempts").selectAll().where("instance_id", "=", instanceId))
      .limit(limit)
      .execute(),
  );
  return rows.map(rowToResetRecord);
}

/**
 * Every record matching the filters, newest first, for export. Held in memory, so bounded: more
 * than `limit` matches throws `ExportLimitExceededError` rather than handing back a silently
 * truncated audit trail.
 */
export async function iterateResets(
  store: AuditStore,
  filters: ResetFilters,
  limit: number = EXPORT_MAX_RECORDS,
): Promise<ResetRecord[]> {
  requirePositiveInteger("limit", limit);
  const valid = resetFiltersSchema.parse(filters);
  const rows = await storeOperation("export reset attempts", () =>
    newestFirst(matching(store.db.selectFrom("reset_attempts"), valid).selectAll())
      .limit(limit + 1)
      .execute(),
  );
  if (rows.length > limit) throw new ExportLimitExceededError(limit);
  return rows.map(rowToResetRecord);
}

function requirePositiveInteger(name: string, value: number): void {
  // SQLite reads a negative LIMIT as "no limit": refuse it rather than return everything.
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

function newestFirst<O>(query: ResetAttemptsQuery<O>): ResetAttemptsQuery<O> {
  // id breaks ties so that pages never overlap or skip when two attempts share a millisecond.
  return query.orderBy("requested_at", "desc").orderBy("id", "desc");
}

function matching<O>(query: ResetAttemptsQuery<O>, filters: ValidResetFilters): ResetAttemptsQuery<O> {
  let q = query;
  if (filters.outcome !== undefined) q = q.where("status", "=", filters.outcome);
  if (filters.task !== undefined) {
    const needle = containsPattern(filters.task);
    q = q.where((eb) =>
      eb.or([
        lowerLike("job_id", needle),
        lowerLike("reset_job_id", needle),
        lowerLike("instance_id", needle),
        lowerLike("task_name", needle),
      ]),
    );
  }
  if (filters.actor !== undefined) q = q.where(lowerLike("actor_username", containsPattern(filters.actor)));
  if (filters.account !== undefined) q = q.where("account", "=", filters.account);
  if (filters.bulkId !== undefined) q = q.where("bulk_id", "=", filters.bulkId);
  // ISO-8601 UTC strings of one fixed format compare in time order.
  if (filters.from !== undefined) q = q.where("requested_at", ">=", toIsoTimestamp(filters.from));
  if (filters.to !== undefined) q = q.where("requested_at", "<", toIsoTimestamp(filters.to));
  return q;
}

/**
 * Case-insensitive LIKE that behaves the same in SQLite (LIKE ignores ASCII case) and PostgreSQL
 * (LIKE is case-sensitive): lower both sides. Neither lowercases identically beyond ASCII, which
 * IDs never use; task names in other scripts mostly have no case.
 */
function lowerLike(column: "job_id" | "reset_job_id" | "instance_id" | "task_name" | "actor_username", pattern: string) {
  // ESCAPE is explicit: SQLite has no default escape character; PostgreSQL's default is the same.
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** A LIKE pattern matching `text` anywhere, with the user's `%`, `_` and `\` taken literally. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
