// Applies the migrations of lib/db/migrations on either dialect: atomically, at most once
// when several processes (console instances, `npm run db:migrate`) start together, and never
// against a schema newer than this code. Not `server-only`: scripts/serve.ts and the CLIs migrate
// under tsx.
import { Migrator, sql, type Kysely, type MigrationProvider } from "kysely";
import { dialectOf } from "./dialect";
import { SchemaTooNewError } from "./errors";
import { MIGRATIONS } from "./migrations";

const MIGRATION_TABLE = "kysely_migration";

/**
 * The session-level advisory lock every PostgreSQL instance takes around its migrations (an
 * arbitrary constant: "dtsreset" in ASCII). Instances that start together queue on it; the first
 * migrates, the others find nothing left to do.
 */
export const MIGRATION_ADVISORY_LOCK = 0x6474737265736574n;

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

export interface MigrationReport {
  applied: string[];
}

/**
 * Apply every pending migration. On SQLite it must run before the Kysely instance is shared: it
 * holds the only connection in a transaction across awaits. Throws SchemaTooNewError when the
 * database records a migration this code does not have.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationReport> {
  return dialectOf(db as Kysely<unknown>) === "postgres" ? migratePostgres(db as Kysely<unknown>) : migrateSqlite(db as Kysely<unknown>);
}

// --- SQLITE ---------------------------------------------------------------------------------------
// Kysely's Migrator runs SQLite migrations without a transaction or a lock. `BEGIN IMMEDIATE` takes
// the write lock up front (waiting out busy_timeout if another process holds it), so two processes
// cannot both apply 0001, and a crash half-way leaves nothing behind: SQLite DDL is transactional.
// The SQLite driver has a single connection, so every statement the Migrator issues runs inside
// this transaction.
async function migrateSqlite(db: Kysely<unknown>): Promise<MigrationReport> {
  await sql`BEGIN IMMEDIATE`.execute(db);
  try {
    await refuseNewerSchema(db, "sqlite_master", undefined);
    const report = await run(new Migrator({ db, provider }));
    await sql`COMMIT`.execute(db);
    return report;
  } catch (error) {
    await sql`ROLLBACK`.execute(db).catch(() => undefined);
    throw error;
  }
}

// --- POSTGRESQL -----------------------------------------------------------------------------------
// One pooled connection holds a session advisory lock for the whole run; the Migrator then runs
// every pending migration in one transaction on that same connection (PostgreSQL DDL is
// transactional too). The migration tables live in the connection's current schema.
async function migratePostgres(db: Kysely<unknown>): Promise<MigrationReport> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_ADVISORY_LOCK})`.execute(conn);
    try {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(conn);
      const schema = rows[0]?.schema ?? "public";
      await refuseNewerSchema(conn, "postgres", schema);
      return await run(new Migrator({ db: conn, provider, migrationTableSchema: schema }));
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_ADVISORY_LOCK})`.execute(conn);
    }
  });
}
// -------------------------------------------------------------------------------------------------

async function run(migrator: Migrator): Promise<MigrationReport> {
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "(before any migration)";
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}

/** Migrations recorded in the database that this code does not have: a newer console migrated it. */
async function refuseNewerSchema(db: Kysely<unknown>, catalog: "sqlite_master" | "postgres", schema: string | undefined): Promise<void> {
  const exists =
    catalog === "sqlite_master"
      ? (await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${MIGRATION_TABLE}`.execute(db)).rows[0]?.n
      : (await sql<{ n: string }>`select count(*) as n from information_schema.tables where table_schema = ${schema} and table_name = ${MIGRATION_TABLE}`.execute(db)).rows[0]?.n;
  if (Number(exists ?? 0) === 0) return;
  const table = schema === undefined ? sql.table(MIGRATION_TABLE) : sql.table(`${schema}.${MIGRATION_TABLE}`);
  const { rows } = await sql<{ name: string }>`select name from ${table} order by name`.execute(db);
  const unknown = rows.map((r) => r.name).filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) throw new SchemaTooNewError(unknown);
}
