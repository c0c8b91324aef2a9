import { sql, type Kysely, type Migration } from "kysely";
import { dialectOf } from "../dialect";

/**
 * Triggers that make reset_attempts append-only.
 *
 * --- SQLITE-SPECIFIC DDL ---------------------------------------------------------------------
 * `RAISE(ABORT, ...)` inside `CREATE TRIGGER` is SQLite syntax. createAppendOnlyTriggersPostgres
 * below states the same rules as plpgsql `BEFORE` trigger functions.
 *
 * Rules (the CHECK constraints of the table cover the rest):
 * - no DELETE, ever (REPLACE conflict deletes included: db.ts turns on `recursive_triggers`);
 * - a new row is `pending` with no outcome yet: every attempt is written before the DTS call;
 * - the columns written at insert never change;
 * - status moves only pending → succeeded|failed|unknown and unknown → succeeded|failed;
 * - the call's outcome (finished_at ... retry_safe) is written only by the update that takes the
 *   record out of `pending`; the resolution columns only by the update that takes it out of
 *   `pending`/`unknown`; verified_at and job_id_after only from NULL (set once).
 * ---------------------------------------------------------------------------------------------
 */
async function createAppendOnlyTriggersSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TRIGGER reset_attempts_refuse_delete
    BEFORE DELETE ON reset_attempts
    BEGIN
      SELECT RAISE(ABORT, 'reset_attempts is append-only: records cannot be deleted');
    END
  `.execute(db);

  await sql`
    CREATE TRIGGER reset_attempts_insert_as_pending
    BEFORE INSERT ON reset_attempts
    WHEN NEW.status IS NOT 'pending'
      OR NEW.finished_at IS NOT NULL OR NEW.request_id IS NOT NULL OR NEW.http_status IS NOT NULL
      OR NEW.error_code IS NOT NULL OR NEW.error_message IS NOT NULL OR NEW.error_kind IS NOT NULL
      OR NEW.retry_safe IS NOT NULL OR NEW.resolved_by IS NOT NULL OR NEW.reconciled_at IS NOT NULL
      OR NEW.reconciliation_note IS NOT NULL OR NEW.verified_at IS NOT NULL
      OR NEW.job_id_after IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, 'reset_attempts: a new record must be pending, with no outcome yet');
    END
  `.execute(db);

  await sql`
    CREATE TRIGGER reset_attempts_guard_update
    BEFORE UPDATE ON reset_attempts
    BEGIN
      SELECT RAISE(ABORT, 'reset_attempts: columns written at insert cannot change')
      WHERE NEW.id IS NOT OLD.id
         OR NEW.idempotency_key IS NOT OLD.idempotency_key
         OR NEW.job_id IS NOT OLD.job_id
         OR NEW.instance_id IS NOT OLD.instance_id
         OR NEW.region IS NOT OLD.region
         OR NEW.job_type IS NOT OLD.job_type
         OR NEW.task_name IS NOT OLD.task_name
         OR NEW.direction IS NOT OLD.direction
         OR NEW.reset_job_id IS NOT OLD.reset_job_id
         OR NEW.reason IS NOT OLD.reason
         OR NEW.actor_username IS NOT OLD.actor_username
         OR NEW.actor_role IS NOT OLD.actor_role
         OR NEW.actor_address IS NOT OLD.actor_address
         OR NEW.actor_user_agent IS NOT OLD.actor_user_agent
         OR NEW.requested_at IS NOT OLD.requested_at
         OR NEW.snapshot_job IS NOT OLD.snapshot_job
         OR NEW.snapshot_detail IS NOT OLD.snapshot_detail;

      SELECT RAISE(ABORT, 'reset_attempts: illegal status transition')
      WHERE NEW.status IS NOT OLD.status
        AND NOT (
          (OLD.status = 'pending' AND NEW.status IN ('succeeded', 'failed', 'unknown'))
          OR (OLD.status = 'unknown' AND NEW.status IN ('succeeded', 'failed'))
        );

      SELECT RAISE(ABORT, 'reset_attempts: the call outcome is written once, when leaving pending')
      WHERE (
          NEW.finished_at IS NOT OLD.finished_at
          OR NEW.request_id IS NOT OLD.request_id
          OR NEW.http_status IS NOT OLD.http_status
          OR NEW.error_code IS NOT OLD.error_code
          OR NEW.error_message IS NOT OLD.error_message
          OR NEW.error_kind IS NOT OLD.error_kind
          OR NEW.retry_safe IS NOT OLD.retry_safe
        )
        AND NOT (OLD.status = 'pending' AND NEW.status IS NOT 'pending');

      SELECT RAISE(ABORT, 'reset_attempts: the resolution is written once, when the outcome becomes known')
      WHERE (
          NEW.resolved_by IS NOT OLD.resolved_by
          OR NEW.reconciled_at IS NOT OLD.reconciled_at
          OR NEW.reconciliation_note IS NOT OLD.reconciliation_note
        )
        AND NOT (OLD.status IN ('pending', 'unknown') AND NEW.status IS NOT OLD.status);

      SELECT RAISE(ABORT, 'reset_attempts: verified_at and job_id_after are set once')
      WHERE (OLD.verified_at IS NOT NULL AND NEW.verified_at IS NOT OLD.verified_at)
         OR (OLD.job_id_after IS NOT NULL AND NEW.job_id_after IS NOT OLD.job_id_after);
    END
  `.execute(db);
}

/**
 * The same rules as createAppendOnlyTriggersSqlite, as plpgsql trigger functions (PostgreSQL).
 * `IS DISTINCT FROM` is PostgreSQL's null-safe `IS NOT`. TRUNCATE is refused as well: it deletes
 * without firing row triggers.
 */
async function createAppendOnlyTriggersPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION reset_attempts_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'reset_attempts is append-only: records cannot be deleted';
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER reset_attempts_refuse_delete BEFORE DELETE ON reset_attempts FOR EACH ROW EXECUTE FUNCTION reset_attempts_refuse_delete()`.execute(db);
  await sql`CREATE TRIGGER reset_attempts_refuse_truncate BEFORE TRUNCATE ON reset_attempts FOR EACH STATEMENT EXECUTE FUNCTION reset_attempts_refuse_delete()`.execute(db);

  await sql`
    CREATE FUNCTION reset_attempts_insert_as_pending() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status IS DISTINCT FROM 'pending'
        OR NEW.finished_at IS NOT NULL OR NEW.request_id IS NOT NULL OR NEW.http_status IS NOT NULL
        OR NEW.error_code IS NOT NULL OR NEW.error_message IS NOT NULL OR NEW.error_kind IS NOT NULL
        OR NEW.retry_safe IS NOT NULL OR NEW.resolved_by IS NOT NULL OR NEW.reconciled_at IS NOT NULL
        OR NEW.reconciliation_note IS NOT NULL OR NEW.verified_at IS NOT NULL
        OR NEW.job_id_after IS NOT NULL THEN
        RAISE EXCEPTION 'reset_attempts: a new record must be pending, with no outcome yet';
      END IF;
      RETURN NEW;
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER reset_attempts_insert_as_pending BEFORE INSERT ON reset_attempts FOR EACH ROW EXECUTE FUNCTION reset_attempts_insert_as_pending()`.execute(db);

  await sql`
    CREATE FUNCTION reset_attempts_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.id IS DISTINCT FROM OLD.id
         OR NEW.idempotency_key IS DISTINCT FROM OLD.idempotency_key
         OR NEW.job_id IS DISTINCT FROM OLD.job_id
         OR NEW.instance_id IS DISTINCT FROM OLD.instance_id
         OR NEW.region IS DISTINCT FROM OLD.region
         OR NEW.job_type IS DISTINCT FROM OLD.job_type
         OR NEW.task_name IS DISTINCT FROM OLD.task_name
         OR NEW.direction IS DISTINCT FROM OLD.direction
         OR NEW.reset_job_id IS DISTINCT FROM OLD.reset_job_id
         OR NEW.reason IS DISTINCT FROM OLD.reason
         OR NEW.actor_username IS DISTINCT FROM OLD.actor_username
         OR NEW.actor_role IS DISTINCT FROM OLD.actor_role
         OR NEW.actor_address IS DISTINCT FROM OLD.actor_address
         OR NEW.actor_user_agent IS DISTINCT FROM OLD.actor_user_agent
         OR NEW.requested_at IS DISTINCT FROM OLD.requested_at
         OR NEW.snapshot_job IS DISTINCT FROM OLD.snapshot_job
         OR NEW.snapshot_detail IS DISTINCT FROM OLD.snapshot_detail THEN
        RAISE EXCEPTION 'reset_attempts: columns written at insert cannot change';
      END IF;

      IF NEW.status IS DISTINCT FROM OLD.status
         AND NOT (
           (OLD.status = 'pending' AND NEW.status IN ('succeeded', 'failed', 'unknown'))
           OR (OLD.status = 'unknown' AND NEW.status IN ('succeeded', 'failed'))
         ) THEN
        RAISE EXCEPTION 'reset_attempts: illegal status transition';
      END IF;

      IF (
           NEW.finished_at IS DISTINCT FROM OLD.finished_at
           OR NEW.request_id IS DISTINCT FROM OLD.request_id
           OR NEW.http_status IS DISTINCT FROM OLD.http_status
           OR NEW.error_code IS DISTINCT FROM OLD.error_code
           OR NEW.error_message IS DISTINCT FROM OLD.error_message
           OR NEW.error_kind IS DISTINCT FROM OLD.error_kind
           OR NEW.retry_safe IS DISTINCT FROM OLD.retry_safe
         )
         AND NOT (OLD.status = 'pending' AND NEW.status IS DISTINCT FROM 'pending') THEN
        RAISE EXCEPTION 'reset_attempts: the call outcome is written once, when leaving pending';
      END IF;

      IF (
           NEW.resolved_by IS DISTINCT FROM OLD.resolved_by
           OR NEW.reconciled_at IS DISTINCT FROM OLD.reconciled_at
           OR NEW.reconciliation_note IS DISTINCT FROM OLD.reconciliation_note
         )
         AND NOT (OLD.status IN ('pending', 'unknown') AND NEW.status IS DISTINCT FROM OLD.status) THEN
        RAISE EXCEPTION 'reset_attempts: the resolution is written once, when the outcome becomes known';
      END IF;

      IF (OLD.verified_at IS NOT NULL AND NEW.verified_at IS DISTINCT FROM OLD.verified_at)
         OR (OLD.job_id_after IS NOT NULL AND NEW.job_id_after IS DISTINCT FROM OLD.job_id_after) THEN
        RAISE EXCEPTION 'reset_attempts: verified_at and job_id_after are set once';
      END IF;
      RETURN NEW;
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER reset_attempts_guard_update BEFORE UPDATE ON reset_attempts FOR EACH ROW EXECUTE FUNCTION reset_attempts_guard_update()`.execute(db);
}

export const resetAttempts: Migration = {
  async up(db: Kysely<unknown>) {
    // Portable DDL: text/integer columns and CHECK constraints mean the same in PostgreSQL.
    // Every CHECK is written so it is false (not NULL, which would pass) when violated.
    await db.schema
      .createTable("reset_attempts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("idempotency_key", "text", (c) => c.unique())
      .addColumn("job_id", "text", (c) => c.notNull())
      .addColumn("instance_id", "text", (c) => c.notNull())
      .addColumn("region", "text", (c) => c.notNull())
      .addColumn("job_type", "text", (c) => c.notNull())
      .addColumn("task_name", "text", (c) => c.notNull())
      .addColumn("direction", "text", (c) => c.notNull())
      .addColumn("reset_job_id", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("actor_username", "text", (c) => c.notNull())
      .addColumn("actor_role", "text", (c) => c.notNull())
      .addColumn("actor_address", "text")
      .addColumn("actor_user_agent", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("requested_at", "text", (c) => c.notNull())
      .addColumn("finished_at", "text")
      .addColumn("request_id", "text")
      .addColumn("http_status", "integer")
      .addColumn("error_code", "text")
      .addColumn("error_message", "text")
      .addColumn("error_kind", "text")
      .addColumn("retry_safe", "integer")
      .addColumn("snapshot_job", "text", (c) => c.notNull())
      .addColumn("snapshot_detail", "text", (c) => c.notNull())
      .addColumn("resolved_by", "text")
      .addColumn("reconciled_at", "text")
      .addColumn("reconciliation_note", "text")
      .addColumn("verified_at", "text")
      .addColumn("job_id_after", "text")
      .addCheckConstraint("reset_attempts_status_valid", sql`status IN ('pending', 'succeeded', 'failed', 'unknown')`)
      .addCheckConstraint("reset_attempts_direction_valid", sql`direction IN ('Forward', 'Reverse')`)
      .addCheckConstraint("reset_attempts_resolved_by_valid", sql`resolved_by IS NULL OR resolved_by IN ('response', 'reconciliation')`)
      .addCheckConstraint("reset_attempts_retry_safe_valid", sql`retry_safe IS NULL OR retry_safe IN (0, 1)`)
      // A Forward reset wipes the task itself; a Reverse one wipes the reverse task, never the forward.
      .addCheckConstraint("reset_attempts_forward_wipes_itself", sql`direction = 'Reverse' OR reset_job_id = job_id`)
      .addCheckConstraint("reset_attempts_reverse_wipes_reverse", sql`direction = 'Forward' OR reset_job_id <> job_id`)
      // Final statuses say how they were learned; open ones do not.
      .addCheckConstraint(
        "reset_attempts_resolution_matches_status",
        sql`(status IN ('pending', 'unknown') AND resolved_by IS NULL) OR (status IN ('succeeded', 'failed') AND resolved_by IS NOT NULL)`,
      )
      .addCheckConstraint(
        "reset_attempts_reconciled_at_iff_reconciled",
        sql`(reconciled_at IS NULL OR (resolved_by IS NOT NULL AND resolved_by = 'reconciliation'))
            AND (resolved_by IS NULL OR resolved_by <> 'reconciliation' OR reconciled_at IS NOT NULL)`,
      )
      .addCheckConstraint("reset_attempts_verified_only_on_success", sql`verified_at IS NULL OR status = 'succeeded'`)
      .execute();

    // History page: newest first, filter by task and by outcome.
    await db.schema.createIndex("reset_attempts_requested_at").on("reset_attempts").columns(["requested_at desc", "id desc"]).execute();
    await db.schema.createIndex("reset_attempts_instance_id").on("reset_attempts").columns(["instance_id", "requested_at desc"]).execute();
    await db.schema.createIndex("reset_attempts_status").on("reset_attempts").columns(["status", "requested_at"]).execute();

    // The concurrency guard: one unresolved attempt per task and direction, enforced by the
    // database so that it holds across processes. Partial unique indexes exist in both SQLite and
    // PostgreSQL with this syntax.
    await db.schema
      .createIndex("reset_attempts_one_unresolved_per_task")
      .on("reset_attempts")
      .columns(["instance_id", "direction"])
      .unique()
      .where(sql<boolean>`status IN ('pending', 'unknown')`)
      .execute();

    if (dialectOf(db) === "postgres") await createAppendOnlyTriggersPostgres(db);
    else await createAppendOnlyTriggersSqlite(db);
  },
};
