import { sql, type Kysely, type Migration } from "kysely";
import { dialectOf } from "../dialect";

/**
 * Triggers of reconfigurations (migration 0004), the same rules as reset_attempts.
 *
 * SQLite here; createReconfigurationTriggersPostgres is the same rules in plpgsql.
 *
 * - no DELETE, ever;
 * - a new row is a `pending` ConfigureDtsJob call, progress `configuring`, with nothing observed yet;
 * - the columns written at insert (who, what, every parameter sent) never change;
 * - status moves pending → succeeded|failed|unknown and unknown → succeeded|failed; the call's
 *   outcome is written once, when leaving pending; the resolution once, when the outcome is known;
 * - the StartDtsJob call: start_requested_at is set once, start_status moves
 *   NULL → pending → succeeded|failed|unknown and unknown → succeeded|failed, its outcome once;
 * - the same for the second StartDtsJob after a passed precheck (resume_*);
 * - a final progress (synchronizing, precheck_failed, failed) never changes again.
 * ---------------------------------------------------------------------------------------------
 */
async function createReconfigurationTriggersSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TRIGGER reconfigurations_refuse_delete
    BEFORE DELETE ON reconfigurations
    BEGIN
      SELECT RAISE(ABORT, 'reconfigurations is append-only: records cannot be deleted');
    END
  `.execute(db);

  await sql`
    CREATE TRIGGER reconfigurations_insert_as_pending
    BEFORE INSERT ON reconfigurations
    WHEN NEW.status IS NOT 'pending' OR NEW.progress IS NOT 'configuring'
      OR NEW.finished_at IS NOT NULL OR NEW.request_id IS NOT NULL OR NEW.http_status IS NOT NULL
      OR NEW.error_code IS NOT NULL OR NEW.error_message IS NOT NULL OR NEW.error_kind IS NOT NULL
      OR NEW.retry_safe IS NOT NULL OR NEW.resolved_by IS NOT NULL OR NEW.reconciled_at IS NOT NULL
      OR NEW.reconciliation_note IS NOT NULL OR NEW.start_status IS NOT NULL OR NEW.start_requested_at IS NOT NULL
      OR NEW.precheck IS NOT NULL OR NEW.task_status IS NOT NULL OR NEW.observed_at IS NOT NULL
      OR NEW.resume_status IS NOT NULL OR NEW.resume_requested_at IS NOT NULL
    BEGIN
      SELECT RAISE(ABORT, 'reconfigurations: a new record must be pending, with no outcome yet');
    END
  `.execute(db);

  await sql`
    CREATE TRIGGER reconfigurations_guard_update
    BEFORE UPDATE ON reconfigurations
    BEGIN
      SELECT RAISE(ABORT, 'reconfigurations: columns written at insert cannot change')
      WHERE NEW.id IS NOT OLD.id
         OR NEW.idempotency_key IS NOT OLD.idempotency_key
         OR NEW.reset_id IS NOT OLD.reset_id
         OR NEW.job_id IS NOT OLD.job_id
         OR NEW.instance_id IS NOT OLD.instance_id
         OR NEW.region IS NOT OLD.region
         OR NEW.direction IS NOT OLD.direction
         OR NEW.task_name IS NOT OLD.task_name
         OR NEW.actor_username IS NOT OLD.actor_username
         OR NEW.actor_role IS NOT OLD.actor_role
         OR NEW.actor_address IS NOT OLD.actor_address
         OR NEW.actor_user_agent IS NOT OLD.actor_user_agent
         OR NEW.requested_at IS NOT OLD.requested_at
         OR NEW.parameters IS NOT OLD.parameters;

      SELECT RAISE(ABORT, 'reconfigurations: illegal status transition')
      WHERE NEW.status IS NOT OLD.status
        AND NOT (
          (OLD.status = 'pending' AND NEW.status IN ('succeeded', 'failed', 'unknown'))
          OR (OLD.status = 'unknown' AND NEW.status IN ('succeeded', 'failed'))
        );

      SELECT RAISE(ABORT, 'reconfigurations: the call outcome is written once, when leaving pending')
      WHERE (
          NEW.finished_at IS NOT OLD.finished_at OR NEW.request_id IS NOT OLD.request_id
          OR NEW.http_status IS NOT OLD.http_status OR NEW.error_code IS NOT OLD.error_code
          OR NEW.error_message IS NOT OLD.error_message OR NEW.error_kind IS NOT OLD.error_kind
          OR NEW.retry_safe IS NOT OLD.retry_safe
        )
        AND NOT (OLD.status = 'pending' AND NEW.status IS NOT 'pending');

      SELECT RAISE(ABORT, 'reconfigurations: the resolution is written once, when the outcome becomes known')
      WHERE (
          NEW.resolved_by IS NOT OLD.resolved_by OR NEW.reconciled_at IS NOT OLD.reconciled_at
          OR NEW.reconciliation_note IS NOT OLD.reconciliation_note
        )
        AND NOT (OLD.status IN ('pending', 'unknown') AND NEW.status IS NOT OLD.status);

      SELECT RAISE(ABORT, 'reconfigurations: illegal start transition')
      WHERE (OLD.start_requested_at IS NOT NULL AND NEW.start_requested_at IS NOT OLD.start_requested_at)
         OR (NEW.start_status IS NOT OLD.start_status AND NOT (
              (OLD.start_status IS NULL AND NEW.start_status = 'pending')
              OR (OLD.start_status = 'pending' AND NEW.start_status IN ('succeeded', 'failed', 'unknown'))
              OR (OLD.start_status = 'unknown' AND NEW.start_status IN ('succeeded', 'failed'))
            ))
         OR ((NEW.start_finished_at IS NOT OLD.start_finished_at OR NEW.start_request_id IS NOT OLD.start_request_id
              OR NEW.start_error_code IS NOT OLD.start_error_code OR NEW.start_error_message IS NOT OLD.start_error_message)
             AND NOT (OLD.start_status IN ('pending', 'unknown') AND NEW.start_status IS NOT OLD.start_status));

      SELECT RAISE(ABORT, 'reconfigurations: illegal resume transition')
      WHERE (OLD.resume_requested_at IS NOT NULL AND NEW.resume_requested_at IS NOT OLD.resume_requested_at)
         OR (NEW.resume_status IS NOT OLD.resume_status AND NOT (
              (OLD.resume_status IS NULL AND NEW.resume_status = 'pending')
              OR (OLD.resume_status = 'pending' AND NEW.resume_status IN ('succeeded', 'failed', 'unknown'))
              OR (OLD.resume_status = 'unknown' AND NEW.resume_status IN ('succeeded', 'failed'))
            ))
         OR ((NEW.resume_request_id IS NOT OLD.resume_request_id OR NEW.resume_error_message IS NOT OLD.resume_error_message)
             AND NOT (OLD.resume_status IN ('pending', 'unknown') AND NEW.resume_status IS NOT OLD.resume_status));

      SELECT RAISE(ABORT, 'reconfigurations: a final progress cannot change')
      WHERE OLD.progress IN ('synchronizing', 'precheck_failed', 'failed') AND NEW.progress IS NOT OLD.progress;
    END
  `.execute(db);
}

/** The same rules as createReconfigurationTriggersSqlite, as plpgsql trigger functions (PostgreSQL). */
async function createReconfigurationTriggersPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION reconfigurations_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'reconfigurations is append-only: records cannot be deleted';
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER reconfigurations_refuse_delete BEFORE DELETE ON reconfigurations FOR EACH ROW EXECUTE FUNCTION reconfigurations_refuse_delete()`.execute(db);
  await sql`CREATE TRIGGER reconfigurations_refuse_truncate BEFORE TRUNCATE ON reconfigurations FOR EACH STATEMENT EXECUTE FUNCTION reconfigurations_refuse_delete()`.execute(db);

  await sql`
    CREATE FUNCTION reconfigurations_insert_as_pending() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status IS DISTINCT FROM 'pending' OR NEW.progress IS DISTINCT FROM 'configuring'
        OR NEW.finished_at IS NOT NULL OR NEW.request_id IS NOT NULL OR NEW.http_status IS NOT NULL
        OR NEW.error_code IS NOT NULL OR NEW.error_message IS NOT NULL OR NEW.error_kind IS NOT NULL
        OR NEW.retry_safe IS NOT NULL OR NEW.resolved_by IS NOT NULL OR NEW.reconciled_at IS NOT NULL
        OR NEW.reconciliation_note IS NOT NULL OR NEW.start_status IS NOT NULL OR NEW.start_requested_at IS NOT NULL
        OR NEW.precheck IS NOT NULL OR NEW.task_status IS NOT NULL OR NEW.observed_at IS NOT NULL
        OR NEW.resume_status IS NOT NULL OR NEW.resume_requested_at IS NOT NULL THEN
        RAISE EXCEPTION 'reconfigurations: a new record must be pending, with no outcome yet';
      END IF;
      RETURN NEW;
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER reconfigurations_insert_as_pending BEFORE INSERT ON reconfigurations FOR EACH ROW EXECUTE FUNCTION reconfigurations_insert_as_pending()`.execute(db);

  await sql`
    CREATE FUNCTION reconfigurations_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.id IS DISTINCT FROM OLD.id
         OR NEW.idempotency_key IS DISTINCT FROM OLD.idempotency_key
         OR NEW.reset_id IS DISTINCT FROM OLD.reset_id
         OR NEW.job_id IS DISTINCT FROM OLD.job_id
         OR NEW.instance_id IS DISTINCT FROM OLD.instance_id
         OR NEW.region IS DISTINCT FROM OLD.region
         OR NEW.direction IS DISTINCT FROM OLD.direction
         OR NEW.task_name IS DISTINCT FROM OLD.task_name
         OR NEW.actor_username IS DISTINCT FROM OLD.actor_username
         OR NEW.actor_role IS DISTINCT FROM OLD.actor_role
         OR NEW.actor_address IS DISTINCT FROM OLD.actor_address
         OR NEW.actor_user_agent IS DISTINCT FROM OLD.actor_user_agent
         OR NEW.requested_at IS DISTINCT FROM OLD.requested_at
         OR NEW.parameters IS DISTINCT FROM OLD.parameters THEN
        RAISE EXCEPTION 'reconfigurations: columns written at insert cannot change';
      END IF;

      IF NEW.status IS DISTINCT FROM OLD.status
         AND NOT (
           (OLD.status = 'pending' AND NEW.status IN ('succeeded', 'failed', 'unknown'))
           OR (OLD.status = 'unknown' AND NEW.status IN ('succeeded', 'failed'))
         ) THEN
        RAISE EXCEPTION 'reconfigurations: illegal status transition';
      END IF;

      IF (
           NEW.finished_at IS DISTINCT FROM OLD.finished_at OR NEW.request_id IS DISTINCT FROM OLD.request_id
           OR NEW.http_status IS DISTINCT FROM OLD.http_status OR NEW.error_code IS DISTINCT FROM OLD.error_code
           OR NEW.error_message IS DISTINCT FROM OLD.error_message OR NEW.error_kind IS DISTINCT FROM OLD.error_kind
           OR NEW.retry_safe IS DISTINCT FROM OLD.retry_safe
         )
         AND NOT (OLD.status = 'pending' AND NEW.status IS DISTINCT FROM 'pending') THEN
        RAISE EXCEPTION 'reconfigurations: the call outcome is written once, when leaving pending';
      END IF;

      IF (
           NEW.resolved_by IS DISTINCT FROM OLD.resolved_by OR NEW.reconciled_at IS DISTINCT FROM OLD.reconciled_at
           OR NEW.reconciliation_note IS DISTINCT FROM OLD.reconciliation_note
         )
         AND NOT (OLD.status IN ('pending', 'unknown') AND NEW.status IS DISTINCT FROM OLD.status) THEN
        RAISE EXCEPTION 'reconfigurations: the resolution is written once, when the outcome becomes known';
      END IF;

      IF (OLD.start_requested_at IS NOT NULL AND NEW.start_requested_at IS DISTINCT FROM OLD.start_requested_at)
         OR (NEW.start_status IS DISTINCT FROM OLD.start_status AND NOT (
              (OLD.start_status IS NULL AND NEW.start_status = 'pending')
              OR (OLD.start_status = 'pending' AND NEW.start_status IN ('succeeded', 'failed', 'unknown'))
              OR (OLD.start_status = 'unknown' AND NEW.start_status IN ('succeeded', 'failed'))
            ))
         OR ((NEW.start_finished_at IS DISTINCT FROM OLD.start_finished_at OR NEW.start_request_id IS DISTINCT FROM OLD.start_request_id
              OR NEW.start_error_code IS DISTINCT FROM OLD.start_error_code OR NEW.start_error_message IS DISTINCT FROM OLD.start_error_message)
             AND NOT (OLD.start_status IN ('pending', 'unknown') AND NEW.start_status IS DISTINCT FROM OLD.start_status)) THEN
        RAISE EXCEPTION 'reconfigurations: illegal start transition';
      END IF;

      IF (OLD.resume_requested_at IS NOT NULL AND NEW.resume_requested_at IS DISTINCT FROM OLD.resume_requested_at)
         OR (NEW.resume_status IS DISTINCT FROM OLD.resume_status AND NOT (
              (OLD.resume_status IS NULL AND NEW.resume_status = 'pending')
              OR (OLD.resume_status = 'pending' AND NEW.resume_status IN ('succeeded', 'failed', 'unknown'))
              OR (OLD.resume_status = 'unknown' AND NEW.resume_status IN ('succeeded', 'failed'))
            ))
         OR ((NEW.resume_request_id IS DISTINCT FROM OLD.resume_request_id OR NEW.resume_error_message IS DISTINCT FROM OLD.resume_error_message)
             AND NOT (OLD.resume_status IN ('pending', 'unknown') AND NEW.resume_status IS DISTINCT FROM OLD.resume_status)) THEN
        RAISE EXCEPTION 'reconfigurations: illegal resume transition';
      END IF;

      IF OLD.progress IN ('synchronizing', 'precheck_failed', 'failed') AND NEW.progress IS DISTINCT FROM OLD.progress THEN
        RAISE EXCEPTION 'reconfigurations: a final progress cannot change';
      END IF;
      RETURN NEW;
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER reconfigurations_guard_update BEFORE UPDATE ON reconfigurations FOR EACH ROW EXECUTE FUNCTION reconfigurations_guard_update()`.execute(db);
}

/**
 * 0004: reconfigurations of reset tasks (ConfigureDtsJob from the pre-reset snapshot, then the
 * precheck and the start). Written ahead of the call like reset_attempts, with every parameter
 * sent except the passwords, which are never stored. Portable DDL; triggers per dialect.
 */
export const reconfigurations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("reconfigurations")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("idempotency_key", "text", (c) => c.unique())
      .addColumn("reset_id", "text", (c) => c.notNull().references("reset_attempts.id"))
      .addColumn("job_id", "text", (c) => c.notNull())
      .addColumn("instance_id", "text", (c) => c.notNull())
      .addColumn("region", "text", (c) => c.notNull())
      .addColumn("direction", "text", (c) => c.notNull())
      .addColumn("task_name", "text", (c) => c.notNull())
      .addColumn("actor_username", "text", (c) => c.notNull())
      .addColumn("actor_role", "text", (c) => c.notNull())
      .addColumn("actor_address", "text")
      .addColumn("actor_user_agent", "text")
      .addColumn("requested_at", "text", (c) => c.notNull())
      // JSON object of every ConfigureDtsJob parameter sent, passwords excluded.
      .addColumn("parameters", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("finished_at", "text")
      .addColumn("request_id", "text")
      .addColumn("http_status", "integer")
      .addColumn("error_code", "text")
      .addColumn("error_message", "text")
      .addColumn("error_kind", "text")
      .addColumn("retry_safe", "integer")
      .addColumn("resolved_by", "text")
      .addColumn("reconciled_at", "text")
      .addColumn("reconciliation_note", "text")
      // The StartDtsJob call that starts the precheck.
      .addColumn("start_status", "text")
      .addColumn("start_requested_at", "text")
      .addColumn("start_finished_at", "text")
      .addColumn("start_request_id", "text")
      .addColumn("start_error_code", "text")
      .addColumn("start_error_message", "text")
      // A second StartDtsJob, after a passed precheck, when DTS waits for one (PreCheckPass;
      // configure-dts-job.md section 1.3: UNCONFIRMED whether a reset task needs it).
      .addColumn("resume_status", "text")
      .addColumn("resume_requested_at", "text")
      .addColumn("resume_request_id", "text")
      .addColumn("resume_error_message", "text")
      // What the console last saw of the task: progress, the precheck (JSON), the status.
      .addColumn("progress", "text", (c) => c.notNull())
      .addColumn("precheck", "text")
      .addColumn("task_status", "text")
      .addColumn("observed_at", "text")
      .addCheckConstraint("reconfigurations_status_valid", sql`status IN ('pending', 'succeeded', 'failed', 'unknown')`)
      .addCheckConstraint("reconfigurations_direction_valid", sql`direction IN ('Forward', 'Reverse')`)
      .addCheckConstraint("reconfigurations_resolved_by_valid", sql`resolved_by IS NULL OR resolved_by IN ('response', 'reconciliation')`)
      .addCheckConstraint("reconfigurations_retry_safe_valid", sql`retry_safe IS NULL OR retry_safe IN (0, 1)`)
      .addCheckConstraint("reconfigurations_start_status_valid", sql`start_status IS NULL OR start_status IN ('pending', 'succeeded', 'failed', 'unknown')`)
      .addCheckConstraint(
        "reconfigurations_progress_valid",
        sql`progress IN ('configuring', 'prechecking', 'initializing', 'synchronizing', 'precheck_failed', 'failed')`,
      )
      .addCheckConstraint(
        "reconfigurations_resolution_matches_status",
        sql`(status IN ('pending', 'unknown') AND resolved_by IS NULL) OR (status IN ('succeeded', 'failed') AND resolved_by IS NOT NULL)`,
      )
      // A precheck is followed only after DTS accepted the configuration.
      .addCheckConstraint("reconfigurations_start_after_success", sql`start_status IS NULL OR status = 'succeeded'`)
      .addCheckConstraint("reconfigurations_resume_status_valid", sql`resume_status IS NULL OR resume_status IN ('pending', 'succeeded', 'failed', 'unknown')`)
      .execute();

    await db.schema.createIndex("reconfigurations_reset_id").on("reconfigurations").columns(["reset_id", "requested_at desc"]).execute();
    await db.schema.createIndex("reconfigurations_instance_id").on("reconfigurations").columns(["instance_id", "requested_at desc"]).execute();
    await db.schema.createIndex("reconfigurations_progress").on("reconfigurations").columns(["progress", "requested_at"]).execute();
    // One ConfigureDtsJob in flight per task and direction, across processes (as reset_attempts).
    await db.schema
      .createIndex("reconfigurations_one_unresolved_per_task")
      .on("reconfigurations")
      .columns(["instance_id", "direction"])
      .unique()
      .where(sql<boolean>`status IN ('pending', 'unknown')`)
      .execute();

    if (dialectOf(db) === "postgres") await createReconfigurationTriggersPostgres(db);
    else await createReconfigurationTriggersSqlite(db);
  },
};
