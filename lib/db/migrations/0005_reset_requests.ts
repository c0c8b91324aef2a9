import { sql, type Kysely, type Migration } from "kysely";
import { dialectOf } from "../dialect";

/**
 * 0005: two-person approval of resets (issue 13).
 *
 * - reset_requests: one row per request. Its decision is a conditional
 *   `UPDATE ... WHERE status = 'pending' RETURNING`, so of two reviewers (or a reviewer and the
 *   requester cancelling) exactly one moves it, in any number of console instances.
 * - reset_request_events: every transition (who, when, comment), append-only.
 * - approval_settings: the admin's policy (mutable setting; its changes are events in auth_events).
 *
 * Triggers (SQLite RAISE / plpgsql, the same rules):
 * - reset_requests: no DELETE; the columns written at insert never change; status leaves
 *   `pending` once (to approved, rejected, expired, cancelled, invalidated), and `approved` may
 *   become `invalidated` only while no reset attempt is linked (the reset was refused before
 *   anything was sent); the decision columns are written only when leaving `pending`;
 *   reset_attempt_id only once, from NULL, on an approved request.
 * - reset_request_events: no UPDATE, no DELETE, no TRUNCATE.
 */
async function createRequestTriggersSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TRIGGER reset_requests_refuse_delete
    BEFORE DELETE ON reset_requests
    BEGIN
      SELECT RAISE(ABORT, 'reset_requests is append-only: requests cannot be deleted');
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER reset_requests_guard_update
    BEFORE UPDATE ON reset_requests
    BEGIN
      SELECT RAISE(ABORT, 'reset_requests: columns written at insert cannot change')
      WHERE NEW.id IS NOT OLD.id OR NEW.idempotency_key IS NOT OLD.idempotency_key
         OR NEW.job_id IS NOT OLD.job_id OR NEW.instance_id IS NOT OLD.instance_id
         OR NEW.region IS NOT OLD.region OR NEW.job_type IS NOT OLD.job_type
         OR NEW.task_name IS NOT OLD.task_name OR NEW.direction IS NOT OLD.direction
         OR NEW.reset_job_id IS NOT OLD.reset_job_id OR NEW.reason IS NOT OLD.reason
         OR NEW.task_status IS NOT OLD.task_status
         OR NEW.requester_username IS NOT OLD.requester_username OR NEW.requester_role IS NOT OLD.requester_role
         OR NEW.requester_owner IS NOT OLD.requester_owner OR NEW.requester_address IS NOT OLD.requester_address
         OR NEW.requester_user_agent IS NOT OLD.requester_user_agent
         OR NEW.requested_at IS NOT OLD.requested_at OR NEW.expires_at IS NOT OLD.expires_at
         OR NEW.snapshot_job IS NOT OLD.snapshot_job OR NEW.snapshot_detail IS NOT OLD.snapshot_detail
         OR NEW.snapshot_hash IS NOT OLD.snapshot_hash;
      SELECT RAISE(ABORT, 'reset_requests: illegal status transition')
      WHERE NEW.status IS NOT OLD.status
        AND NOT (OLD.status = 'pending' AND NEW.status IN ('approved', 'rejected', 'expired', 'cancelled', 'invalidated'))
        AND NOT (OLD.status = 'approved' AND NEW.status = 'invalidated' AND OLD.reset_attempt_id IS NULL AND NEW.reset_attempt_id IS NULL);
      SELECT RAISE(ABORT, 'reset_requests: the decision is written once, when leaving pending')
      WHERE (NEW.decided_by IS NOT OLD.decided_by OR NEW.decided_role IS NOT OLD.decided_role
             OR NEW.decided_owner IS NOT OLD.decided_owner OR NEW.decided_at IS NOT OLD.decided_at
             OR NEW.decision_comment IS NOT OLD.decision_comment)
        AND NOT (OLD.status = 'pending' AND NEW.status IS NOT 'pending');
      SELECT RAISE(ABORT, 'reset_requests: the reset attempt is linked once, to an approved request')
      WHERE NEW.reset_attempt_id IS NOT OLD.reset_attempt_id
        AND NOT (OLD.reset_attempt_id IS NULL AND NEW.status = 'approved');
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER reset_request_events_refuse_update
    BEFORE UPDATE ON reset_request_events
    BEGIN
      SELECT RAISE(ABORT, 'reset_request_events is append-only: events cannot be changed');
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER reset_request_events_refuse_delete
    BEFORE DELETE ON reset_request_events
    BEGIN
      SELECT RAISE(ABORT, 'reset_request_events is append-only: events cannot be deleted');
    END
  `.execute(db);
}

async function createRequestTriggersPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION reset_requests_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'reset_requests is append-only: requests cannot be deleted';
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER reset_requests_refuse_delete BEFORE DELETE ON reset_requests FOR EACH ROW EXECUTE FUNCTION reset_requests_refuse_delete()`.execute(db);
  await sql`CREATE TRIGGER reset_requests_refuse_truncate BEFORE TRUNCATE ON reset_requests FOR EACH STATEMENT EXECUTE FUNCTION reset_requests_refuse_delete()`.execute(db);
  await sql`
    CREATE FUNCTION reset_requests_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.id IS DISTINCT FROM OLD.id OR NEW.idempotency_key IS DISTINCT FROM OLD.idempotency_key
         OR NEW.job_id IS DISTINCT FROM OLD.job_id OR NEW.instance_id IS DISTINCT FROM OLD.instance_id
         OR NEW.region IS DISTINCT FROM OLD.region OR NEW.job_type IS DISTINCT FROM OLD.job_type
         OR NEW.task_name IS DISTINCT FROM OLD.task_name OR NEW.direction IS DISTINCT FROM OLD.direction
         OR NEW.reset_job_id IS DISTINCT FROM OLD.reset_job_id OR NEW.reason IS DISTINCT FROM OLD.reason
         OR NEW.task_status IS DISTINCT FROM OLD.task_status
         OR NEW.requester_username IS DISTINCT FROM OLD.requester_username OR NEW.requester_role IS DISTINCT FROM OLD.requester_role
         OR NEW.requester_owner IS DISTINCT FROM OLD.requester_owner OR NEW.requester_address IS DISTINCT FROM OLD.requester_address
         OR NEW.requester_user_agent IS DISTINCT FROM OLD.requester_user_agent
         OR NEW.requested_at IS DISTINCT FROM OLD.requested_at OR NEW.expires_at IS DISTINCT FROM OLD.expires_at
         OR NEW.snapshot_job IS DISTINCT FROM OLD.snapshot_job OR NEW.snapshot_detail IS DISTINCT FROM OLD.snapshot_detail
         OR NEW.snapshot_hash IS DISTINCT FROM OLD.snapshot_hash THEN
        RAISE EXCEPTION 'reset_requests: columns written at insert cannot change';
      END IF;
      IF NEW.status IS DISTINCT FROM OLD.status
         AND NOT (OLD.status = 'pending' AND NEW.status IN ('approved', 'rejected', 'expired', 'cancelled', 'invalidated'))
         AND NOT (OLD.status = 'approved' AND NEW.status = 'invalidated' AND OLD.reset_attempt_id IS NULL AND NEW.reset_attempt_id IS NULL) THEN
        RAISE EXCEPTION 'reset_requests: illegal status transition';
      END IF;
      IF (NEW.decided_by IS DISTINCT FROM OLD.decided_by OR NEW.decided_role IS DISTINCT FROM OLD.decided_role
          OR NEW.decided_owner IS DISTINCT FROM OLD.decided_owner OR NEW.decided_at IS DISTINCT FROM OLD.decided_at
          OR NEW.decision_comment IS DISTINCT FROM OLD.decision_comment)
         AND NOT (OLD.status = 'pending' AND NEW.status IS DISTINCT FROM 'pending') THEN
        RAISE EXCEPTION 'reset_requests: the decision is written once, when leaving pending';
      END IF;
      IF NEW.reset_attempt_id IS DISTINCT FROM OLD.reset_attempt_id
         AND NOT (OLD.reset_attempt_id IS NULL AND NEW.status = 'approved') THEN
        RAISE EXCEPTION 'reset_requests: the reset attempt is linked once, to an approved request';
      END IF;
      RETURN NEW;
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER reset_requests_guard_update BEFORE UPDATE ON reset_requests FOR EACH ROW EXECUTE FUNCTION reset_requests_guard_update()`.execute(db);
  await sql`
    CREATE FUNCTION reset_request_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'reset_request_events is append-only: events cannot be changed or deleted';
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER reset_request_events_refuse_update BEFORE UPDATE ON reset_request_events FOR EACH ROW EXECUTE FUNCTION reset_request_events_refuse_change()`.execute(db);
  await sql`CREATE TRIGGER reset_request_events_refuse_delete BEFORE DELETE ON reset_request_events FOR EACH ROW EXECUTE FUNCTION reset_request_events_refuse_change()`.execute(db);
  await sql`CREATE TRIGGER reset_request_events_refuse_truncate BEFORE TRUNCATE ON reset_request_events FOR EACH STATEMENT EXECUTE FUNCTION reset_request_events_refuse_change()`.execute(db);
}

export const resetRequests: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("reset_requests")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("idempotency_key", "text", (c) => c.unique())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("job_id", "text", (c) => c.notNull())
      .addColumn("instance_id", "text", (c) => c.notNull())
      .addColumn("region", "text", (c) => c.notNull())
      .addColumn("job_type", "text", (c) => c.notNull())
      .addColumn("task_name", "text", (c) => c.notNull())
      .addColumn("direction", "text", (c) => c.notNull())
      .addColumn("reset_job_id", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("task_status", "text", (c) => c.notNull())
      .addColumn("requester_username", "text", (c) => c.notNull())
      .addColumn("requester_role", "text", (c) => c.notNull())
      // The account answerable for the request: the username, or an API token's creator.
      .addColumn("requester_owner", "text", (c) => c.notNull())
      .addColumn("requester_address", "text")
      .addColumn("requester_user_agent", "text")
      .addColumn("requested_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("snapshot_job", "text", (c) => c.notNull())
      .addColumn("snapshot_detail", "text", (c) => c.notNull())
      .addColumn("snapshot_hash", "text", (c) => c.notNull())
      .addColumn("decided_by", "text")
      .addColumn("decided_role", "text")
      .addColumn("decided_owner", "text")
      .addColumn("decided_at", "text")
      .addColumn("decision_comment", "text")
      .addColumn("reset_attempt_id", "text", (c) => c.unique())
      // Notice bookkeeping (the webhook): mutable, never blocks the request.
      .addColumn("notice_status", "text", (c) => c.notNull().defaultTo("none"))
      .addColumn("notice_error", "text")
      .addCheckConstraint(
        "reset_requests_status_valid",
        sql`status IN ('pending', 'approved', 'rejected', 'expired', 'cancelled', 'invalidated')`,
      )
      .addCheckConstraint("reset_requests_direction_valid", sql`direction IN ('Forward', 'Reverse')`)
      .addCheckConstraint("reset_requests_expires_after_request", sql`expires_at > requested_at`)
      .addCheckConstraint("reset_requests_notice_valid", sql`notice_status IN ('none', 'sent', 'failed')`)
      .execute();
    await db.schema.createIndex("reset_requests_status_at").on("reset_requests").columns(["status", "requested_at desc"]).execute();
    await db.schema.createIndex("reset_requests_requested_at").on("reset_requests").columns(["requested_at desc", "id desc"]).execute();

    await db.schema
      .createTable("reset_request_events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("request_id", "text", (c) => c.notNull().references("reset_requests.id"))
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("actor_username", "text")
      .addColumn("actor_role", "text")
      .addColumn("comment", "text")
      .addColumn("detail", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("reset_request_events_request").on("reset_request_events").columns(["request_id", "at"]).execute();
    // One decision per request, whatever the code does: a second transition event of a kind that
    // leaves `pending` is refused by the database.
    await db.schema
      .createIndex("reset_request_events_one_decision")
      .on("reset_request_events")
      .column("request_id")
      .unique()
      .where(sql<boolean>`type IN ('approved', 'rejected', 'expired', 'cancelled')`)
      .execute();

    await db.schema
      .createTable("approval_settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("updated_by", "text", (c) => c.notNull())
      .execute();

    if (dialectOf(db) === "postgres") await createRequestTriggersPostgres(db);
    else await createRequestTriggersSqlite(db);
  },
};
