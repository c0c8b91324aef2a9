// Versioned schema of the application database, for SQLite and PostgreSQL alike. Migrations are
// append-only like the data: never edit or reorder a released one, add the next number. None has a
// `down`: rolling back would drop history. lib/db/migrate.ts applies them (locking, both dialects).
// Not `server-only`: the users CLI (scripts/users.ts) and scripts/serve.ts migrate the store under
// tsx, where that import throws. It holds DDL only.
//
// ADDING A MIGRATION: write `const x: Migration = { async up(db) { ... } }` and add it to
// AUDIT_MIGRATIONS below under the next name ("0004_...", names sort in the order they apply).
// Kysely's schema builder with "text"/"integer" columns, CHECK constraints, (partial) unique
// indexes and `ON CONFLICT` upserts is portable: write it once. Where the SQL differs (triggers,
// anything with RAISE, `IS NOT` comparisons, AUTOINCREMENT...), branch on the dialect:
//   if (dialectOf(db) === "postgres") await createMyTriggersPostgres(db); else await createMyTriggersSqlite(db);
// with the PostgreSQL side as plpgsql trigger functions (see createAppendOnlyTriggersPostgres), one
// statement per `sql\`...\`.execute(db)` call. tests/unit/audit-store.test.ts runs every migration
// on both dialects.
import { sql, type Kysely, type Migration } from "kysely";
import { dialectOf } from "../db/dialect";

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

const resetAttempts: Migration = {
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

/**
 * Triggers of the accounts tables (migration 0002).
 *
 * --- SQLITE-SPECIFIC DDL ---------------------------------------------------------------------
 * createAuthTriggersPostgres below is the PostgreSQL side.
 *
 * - auth_events is append-only: no UPDATE, no DELETE (REPLACE included, see db.ts).
 * - users are disabled, never deleted: reset records and auth events name them, and a deleted
 *   name could be re-created by someone else and inherit that history.
 * - a user's id, username and creation facts never change.
 * ---------------------------------------------------------------------------------------------
 */
async function createAuthTriggersSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TRIGGER auth_events_refuse_update
    BEFORE UPDATE ON auth_events
    BEGIN
      SELECT RAISE(ABORT, 'auth_events is append-only: events cannot be changed');
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER auth_events_refuse_delete
    BEFORE DELETE ON auth_events
    BEGIN
      SELECT RAISE(ABORT, 'auth_events is append-only: events cannot be deleted');
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER users_refuse_delete
    BEFORE DELETE ON users
    BEGIN
      SELECT RAISE(ABORT, 'users cannot be deleted: disable the account instead');
    END
  `.execute(db);
  await sql`
    CREATE TRIGGER users_guard_update
    BEFORE UPDATE ON users
    BEGIN
      SELECT RAISE(ABORT, 'users: id, username and creation facts cannot change')
      WHERE NEW.id IS NOT OLD.id
         OR NEW.username IS NOT OLD.username
         OR NEW.simulator_only IS NOT OLD.simulator_only
         OR NEW.created_at IS NOT OLD.created_at
         OR NEW.created_by IS NOT OLD.created_by;
    END
  `.execute(db);
}

/** The same rules as createAuthTriggersSqlite, as plpgsql trigger functions (PostgreSQL). */
async function createAuthTriggersPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION auth_events_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'auth_events is append-only: events cannot be changed';
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER auth_events_refuse_update BEFORE UPDATE ON auth_events FOR EACH ROW EXECUTE FUNCTION auth_events_refuse_update()`.execute(db);
  await sql`
    CREATE FUNCTION auth_events_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'auth_events is append-only: events cannot be deleted';
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER auth_events_refuse_delete BEFORE DELETE ON auth_events FOR EACH ROW EXECUTE FUNCTION auth_events_refuse_delete()`.execute(db);
  await sql`CREATE TRIGGER auth_events_refuse_truncate BEFORE TRUNCATE ON auth_events FOR EACH STATEMENT EXECUTE FUNCTION auth_events_refuse_delete()`.execute(db);
  await sql`
    CREATE FUNCTION users_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'users cannot be deleted: disable the account instead';
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER users_refuse_delete BEFORE DELETE ON users FOR EACH ROW EXECUTE FUNCTION users_refuse_delete()`.execute(db);
  await sql`CREATE TRIGGER users_refuse_truncate BEFORE TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION users_refuse_delete()`.execute(db);
  await sql`
    CREATE FUNCTION users_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.id IS DISTINCT FROM OLD.id
         OR NEW.username IS DISTINCT FROM OLD.username
         OR NEW.simulator_only IS DISTINCT FROM OLD.simulator_only
         OR NEW.created_at IS DISTINCT FROM OLD.created_at
         OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
        RAISE EXCEPTION 'users: id, username and creation facts cannot change';
      END IF;
      RETURN NEW;
    END $$
  `.execute(db);
  await sql`CREATE TRIGGER users_guard_update BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_guard_update()`.execute(db);
}

const ROLE_CHECK = sql`role IN ('viewer', 'operator', 'admin')`;

const accounts: Migration = {
  async up(db: Kysely<unknown>) {
    // Portable DDL, as in 0001. Timestamps are ISO-8601 UTC text; booleans are 0/1 integers.
    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("username", "text", (c) => c.notNull().unique())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("password_hash", "text", (c) => c.notNull())
      // 1 for the demo accounts and for accounts created through the console in simulator mode:
      // anyone could have created those with the published demo password, so live mode ignores them.
      .addColumn("simulator_only", "integer", (c) => c.notNull())
      .addColumn("disabled_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("password_changed_at", "text", (c) => c.notNull())
      .addColumn("last_sign_in_at", "text")
      .addCheckConstraint("users_role_valid", ROLE_CHECK)
      .addCheckConstraint("users_username_canonical", sql`username = lower(username) AND length(username) BETWEEN 1 AND 64`)
      .addCheckConstraint("users_simulator_only_valid", sql`simulator_only IN (0, 1)`)
      .addCheckConstraint("users_password_hash_argon2id", sql`password_hash LIKE '$argon2id$%'`)
      .execute();

    // Only SHA-256 hashes of session and API-token secrets are stored: a copy of this file does not
    // let anyone sign in.
    await db.schema
      .createTable("sessions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("secret_hash", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("last_seen_at", "text", (c) => c.notNull())
      .addColumn("client_address", "text")
      .addColumn("user_agent", "text")
      .execute();
    await db.schema.createIndex("sessions_user_id").on("sessions").column("user_id").execute();
    await db.schema.createIndex("sessions_last_seen_at").on("sessions").column("last_seen_at").execute();

    await db.schema
      .createTable("api_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("secret_hash", "text", (c) => c.notNull())
      .addColumn("simulator_only", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("last_used_at", "text")
      .addColumn("revoked_at", "text")
      .addColumn("revoked_by", "text")
      .addCheckConstraint("api_tokens_role_valid", ROLE_CHECK)
      .addCheckConstraint("api_tokens_simulator_only_valid", sql`simulator_only IN (0, 1)`)
      .addCheckConstraint("api_tokens_revoked_by_iff_revoked", sql`(revoked_at IS NULL) = (revoked_by IS NULL)`)
      .execute();
    // A name identifies one live token; a revoked token's name may be reused.
    await db.schema
      .createIndex("api_tokens_one_active_per_name")
      .on("api_tokens")
      .column("name")
      .unique()
      .where(sql<boolean>`revoked_at IS NULL`)
      .execute();

    await db.schema
      .createTable("auth_events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      // Who acted: null for an anonymous sign-in attempt.
      .addColumn("actor_username", "text")
      .addColumn("actor_role", "text")
      .addColumn("via", "text", (c) => c.notNull())
      // What it concerned: an account, an API token, or both null.
      .addColumn("subject_username", "text")
      .addColumn("subject_token_id", "text")
      .addColumn("client_address", "text")
      .addColumn("user_agent", "text")
      .addColumn("detail", "text", (c) => c.notNull())
      .addCheckConstraint("auth_events_via_valid", sql`via IN ('web', 'api_token', 'cli', 'system')`)
      .execute();
    await db.schema.createIndex("auth_events_at").on("auth_events").columns(["at desc", "id desc"]).execute();
    await db.schema.createIndex("auth_events_subject").on("auth_events").columns(["subject_username", "at desc"]).execute();

    // Sign-in throttling state, one row per throttled key (a hashed username or a client address).
    // Mutable bookkeeping, not history: the history is in auth_events.
    await db.schema
      .createTable("sign_in_throttle")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("failures", "integer", (c) => c.notNull())
      .addColumn("last_failure_at", "text", (c) => c.notNull())
      .addCheckConstraint("sign_in_throttle_failures_positive", sql`failures > 0`)
      .execute();

    if (dialectOf(db) === "postgres") await createAuthTriggersPostgres(db);
    else await createAuthTriggersSqlite(db);
  },
};

/**
 * 0003: who is deciding a reset right now. A request claims the task and direction BEFORE it reads
 * the task from DTS, so that the state it checks is the state its call acts on: no other request
 * can begin an attempt on the same task and direction between its read and its call.
 *
 * Mutable bookkeeping, not history (the history is reset_attempts): a claim is inserted, taken
 * over once expired, and deleted when its request is done. Portable DDL; the claim and takeover
 * are one `INSERT ... ON CONFLICT DO UPDATE ... WHERE` statement in SQLite and PostgreSQL alike.
 */
const resetClaims: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("reset_claims")
      .addColumn("instance_id", "text", (c) => c.notNull())
      .addColumn("direction", "text", (c) => c.notNull())
      // A random token per request: only the holder may turn its claim into an attempt (fencing).
      .addColumn("token", "text", (c) => c.notNull())
      .addColumn("claimed_at", "text", (c) => c.notNull())
      // A crashed holder's claim lapses at this time and may then be taken over.
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("reset_claims_pk", ["instance_id", "direction"])
      .addCheckConstraint("reset_claims_direction_valid", sql`direction IN ('Forward', 'Reverse')`)
      .addCheckConstraint("reset_claims_expires_after_claim", sql`expires_at > claimed_at`)
      .execute();
  },
};

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
const reconfigurations: Migration = {
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

const resetRequests: Migration = {
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

/** Every migration, by name; names sort in the order they apply. */
export const AUDIT_MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001_reset_attempts": resetAttempts,
  "0002_accounts": accounts,
  "0003_reset_claims": resetClaims,
  "0004_reconfigurations": reconfigurations,
  "0005_reset_requests": resetRequests,
};
