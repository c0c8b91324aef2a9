import "server-only";
// The reset_attempts table as Kysely sees it, the domain record the rest of the app uses, and the
// mapping between the two.
import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";
import type { Direction } from "../domain/task";
import type { ResetStatus, ResetSubject } from "../domain/reset-record";
import type { AlertSnapshot } from "../domain/alerts";
import { AuditDataError } from "./errors";

/** Statuses that still await an outcome: at most one per task and direction (database-enforced). */
export const UNRESOLVED_STATUSES = ["pending", "unknown"] as const satisfies readonly ResetStatus[];

export const RESOLVED_BY = ["response", "reconciliation"] as const;
export type ResolvedBy = (typeof RESOLVED_BY)[number];

/**
 * Written once at insert and never updated: the update type `never` makes an attempt to change
 * one a compile error, on top of the trigger that refuses it at run time.
 */
export type Immutable<T> = ColumnType<T, T, never>;

/** Who asked, from where, and when: written once with a record (ResetActor and its time). */
export interface ActorColumns {
  actor_username: Immutable<string>;
  actor_role: Immutable<string>;
  actor_address: Immutable<string | null>;
  actor_user_agent: Immutable<string | null>;
  requested_at: Immutable<string>;
}

/** The columns of a reset's subject (ResetSubject), written once: reset attempts and reset requests. */
export interface ResetSubjectColumns {
  id: Immutable<string>;
  /** Migration 0006; `default` for every record written before accounts. */
  account: ColumnType<string, string | undefined, never>;
  idempotency_key: Immutable<string | null>;
  job_id: Immutable<string>;
  instance_id: Immutable<string>;
  region: Immutable<string>;
  job_type: Immutable<string>;
  task_name: Immutable<string>;
  direction: Immutable<Direction>;
  reset_job_id: Immutable<string>;
  reason: Immutable<string>;
}

/** One row of reset_attempts. Timestamps are ISO-8601 UTC strings (`Date#toISOString`). */
export interface ResetAttemptsTable extends ResetSubjectColumns, ActorColumns {
  snapshot_job: Immutable<string>;
  snapshot_detail: Immutable<string>;
  /** Migration 0011: the alert settings (DescribeJobMonitorRule) as JSON, written once; NULL before 0011. */
  snapshot_alerts: ColumnType<string | null, string | null | undefined, never>;
  /** Migration 0007: the bulk reset this reset is an item of, written once. */
  bulk_id: ColumnType<string | null, string | null | undefined, never>;

  status: ResetStatus;
  // What the ResetDtsJob call answered (set once, when the record leaves `pending`).
  finished_at: string | null;
  request_id: string | null;
  http_status: number | null;
  error_code: string | null;
  error_message: string | null;
  error_kind: string | null;
  /** 0/1 (SQLite has no boolean); null when the caller did not say. */
  retry_safe: number | null;
  // How the final outcome was learned (set once, when the record reaches succeeded/failed).
  resolved_by: ResolvedBy | null;
  reconciled_at: string | null;
  reconciliation_note: string | null;
  // Post-success observation (each set once).
  verified_at: string | null;
  job_id_after: string | null;
}

/** One row of task_claims (migration 0006): a request deciding an operation on this task and direction. */
export interface TaskClaimsTable {
  account: string;
  instance_id: string;
  direction: Direction;
  operation: string;
  token: string;
  claimed_at: string;
  expires_at: string;
  /** Migration 0007: the key of the request holding the claim, when it had one. */
  idempotency_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AuditDatabase {
  reset_attempts: ResetAttemptsTable;
  task_claims: TaskClaimsTable;
}

// The audit trail's tables, registered with the store's handle (lib/db knows no feature).
declare module "@/lib/db/store" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged into the store's table list
  interface DatabaseTables extends AuditDatabase {}
}

export type ResetAttemptRow = Selectable<ResetAttemptsTable>;
export type NewResetAttemptRow = Insertable<ResetAttemptsTable>;
export type ResetAttemptUpdate = Updateable<ResetAttemptsTable>;

export type JsonObject = Record<string, unknown>;

export interface ResetActor {
  username: string;
  role: string;
  /** Client address as the server saw it; null when unknown. */
  address: string | null;
  userAgent: string | null;
}

/** A reset attempt as the rest of the console sees it. */
export interface ResetRecord extends ResetSubject {
  id: string;
  idempotencyKey: string | null;
  actor: ResetActor;
  status: ResetStatus;
  requestedAt: string;
  finishedAt: string | null;
  requestId: string | null;
  httpStatus: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  errorKind: string | null;
  retrySafe: boolean | null;
  /** The DescribeDtsJobs item as DTS returned it before the reset. */
  snapshotJob: JsonObject;
  /** The DescribeDtsJobDetail response for the direction reset, as DTS returned it. */
  snapshotDetail: JsonObject;
  /** The alert settings DescribeJobMonitorRule reported before the reset, or why they could not be read; null on records from before the console read them. */
  snapshotAlerts: AlertSnapshot | null;
  resolvedBy: ResolvedBy | null;
  reconciledAt: string | null;
  reconciliationNote: string | null;
  /** When NotConfigured was first observed after success. */
  verifiedAt: string | null;
  /** The task ID observed after the reset, when DTS gave a new one. */
  jobIdAfter: string | null;
  /** The bulk reset this reset was an item of. */
  bulkId: string | null;
}

/** The single timestamp format of the table: sortable as text, identical in SQLite and PostgreSQL. */
export function toIsoTimestamp(date: Date): string {
  return date.toISOString();
}

export function booleanToColumn(value: boolean | null | undefined): number | null {
  if (value === undefined || value === null) return null;
  return value ? 1 : 0;
}

function parseSnapshot(row: ResetAttemptRow, column: "snapshot_job" | "snapshot_detail" | "snapshot_alerts"): JsonObject {
  // Surfaced loudly rather than papered over: only a hand edit of the file can cause this, and an
  // audit trail that silently shows something else is worse than one that refuses.
  let parsed: unknown;
  try {
    parsed = JSON.parse(row[column] ?? "");
  } catch (cause) {
    throw new AuditDataError(`Reset attempt ${row.id}: ${column} is not valid JSON`, { cause });
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AuditDataError(`Reset attempt ${row.id}: ${column} is not a JSON object`);
  }
  return parsed as JsonObject;
}

/** A reset's subject from its columns (reset attempts and reset requests share them). */
export function resetSubjectOf(row: Selectable<Omit<ResetSubjectColumns, "id" | "idempotency_key">>): ResetSubject {
  return {
    account: row.account,
    jobId: row.job_id,
    instanceId: row.instance_id,
    region: row.region,
    jobType: row.job_type,
    taskName: row.task_name,
    direction: row.direction,
    resetJobId: row.reset_job_id,
    reason: row.reason,
  };
}

export function rowToResetRecord(row: ResetAttemptRow): ResetRecord {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    ...resetSubjectOf(row),
    actor: {
      username: row.actor_username,
      role: row.actor_role,
      address: row.actor_address,
      userAgent: row.actor_user_agent,
    },
    status: row.status,
    requestedAt: row.requested_at,
    finishedAt: row.finished_at,
    requestId: row.request_id,
    // PostgreSQL drivers may hand integers back as strings; normalise here, once.
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    errorCode: row.error_code,
    errorMessage: row.error_message,
    errorKind: row.error_kind,
    retrySafe: row.retry_safe === null ? null : Number(row.retry_safe) === 1,
    snapshotJob: parseSnapshot(row, "snapshot_job"),
    snapshotDetail: parseSnapshot(row, "snapshot_detail"),
    snapshotAlerts: row.snapshot_alerts == null ? null : (parseSnapshot(row, "snapshot_alerts") as unknown as AlertSnapshot),
    resolvedBy: row.resolved_by,
    reconciledAt: row.reconciled_at,
    reconciliationNote: row.reconciliation_note,
    verifiedAt: row.verified_at,
    jobIdAfter: row.job_id_after,
    bulkId: row.bulk_id ?? null,
  };
}
