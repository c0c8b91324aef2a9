// Opens the database on PostgreSQL: a `pg` connection pool behind Kysely's PostgresDialect, a
// first query that tells an unreachable server, refused credentials and a missing database apart,
// then the migrations (under an advisory lock, see migrate.ts). Not `server-only`: the CLIs run it
// under tsx.
//
// Driver: `pg` (node-postgres), the driver Kysely's PostgresDialect is written and tested against;
// its Pool gives each transaction its own connection, which the multi-instance guarantees rely on
// (row locks, advisory locks held by one connection while others serve requests).
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { DatabaseTables } from "./store";
import { describePostgresUrl } from "./dialect";
import { DatabaseUnavailableError } from "./errors";
import { migrateToLatest } from "./migrate";
import type { AuditStore } from "./store";

/** Connections per console process. Requests hold one only for a query or a short transaction. */
export const DEFAULT_POOL_SIZE = 10;
/** How long to wait for a connection to the server before calling it unreachable. */
export const CONNECT_TIMEOUT_MS = 10_000;

export interface OpenPostgresOptions {
  /** postgres:// or postgresql:// URL; `sslmode` and the other libpq-style parameters apply. */
  url: string;
  /**
   * Put every table in this schema (created if missing) instead of the user's default: for tests
   * that share one database, or a deployment that keeps the console in a schema of its own.
   */
  schema?: string;
  poolSize?: number;
  /** Skip the migrations (db:copy checks the target itself; health probes never migrate). */
  migrate?: boolean;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgres(options: OpenPostgresOptions): Promise<AuditStore> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) throw new RangeError(`Invalid schema name ${JSON.stringify(options.schema)}`);
  const where = describePostgresUrl(options.url);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Every session reads and writes in the console's schema; no other setting differs.
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    application_name: "dts-reset-console",
  });
  // An idle connection the server closed (restart, failover) is dropped from the pool; the next
  // query opens a new one and reports its own error. Without a listener the process would exit.
  pool.on("error", () => undefined);

  const db = new Kysely<DatabaseTables>({ dialect: new PostgresDialect({ pool }) });
  const close = closeOnce(db);
  try {
    await checkReachable(db, where, options.schema);
    if (options.migrate !== false) await migrateToLatest(db);
    return { db, dialect: "postgres", path: where, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function checkReachable(db: Kysely<DatabaseTables>, where: string, schema: string | undefined): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    throw unavailable(error, where);
  }
  if (schema) {
    // Two processes creating it at once: one of them gets a unique violation on the catalog.
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db).catch((error: unknown) => {
      if ((error as { code?: string }).code !== "23505") throw error;
    });
  }
}

/** The driver's connection error, as a sentence an operator can act on. */
export function unavailable(error: unknown, where: string): DatabaseUnavailableError {
  const code = (error as { code?: string } | null)?.code ?? "";
  const detail = error instanceof Error ? error.message : String(error);
  if (code === "28P01" || code === "28000") {
    return new DatabaseUnavailableError("credentials", `PostgreSQL at ${where} refused the credentials in DATABASE_URL (${detail}).`, { cause: error });
  }
  if (code === "3D000") {
    return new DatabaseUnavailableError("no_database", `PostgreSQL at ${where}: the database does not exist (${detail}). Create it first.`, { cause: error });
  }
  if (/ssl|tls|certificate/i.test(detail)) {
    return new DatabaseUnavailableError("tls", `PostgreSQL at ${where}: the TLS connection failed (${detail}). Check sslmode in DATABASE_URL.`, { cause: error });
  }
  if (["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ECONNRESET"].includes(code) || /timeout|terminated/i.test(detail)) {
    return new DatabaseUnavailableError("unreachable", `PostgreSQL at ${where} cannot be reached (${detail}).`, { cause: error });
  }
  return new DatabaseUnavailableError("other", `PostgreSQL at ${where} cannot be used (${detail}).`, { cause: error });
}

function closeOnce(db: Kysely<DatabaseTables>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= db.destroy());
}
