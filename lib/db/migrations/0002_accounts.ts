import { sql, type Kysely, type Migration } from "kysely";
import { dialectOf } from "../dialect";

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

export const accounts: Migration = {
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
