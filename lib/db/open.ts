// Opens the application database: PostgreSQL when a DATABASE_URL is given, SQLite at a file path
// otherwise. The one place that picks the dialect; everything after it uses the same Kysely queries.
// Not `server-only`: scripts/serve.ts and the CLIs open the database under tsx.
import { openPostgres, type OpenPostgresOptions } from "./postgres";
import { openSqlite, type OpenSqliteOptions } from "./sqlite";
import type { AuditStore } from "./store";

export type OpenDatabaseOptions = ({ url: string } & Omit<OpenPostgresOptions, "url">) | OpenSqliteOptions;

export function openDatabase(options: OpenDatabaseOptions): Promise<AuditStore> {
  return "url" in options ? openPostgres(options) : openSqlite(options);
}

/** The database a configuration names: DATABASE_URL when set, else the SQLite file AUDIT_DB_PATH. */
export function openConfiguredDatabase(config: { DATABASE_URL?: string; AUDIT_DB_PATH: string }): Promise<AuditStore> {
  return config.DATABASE_URL ? openPostgres({ url: config.DATABASE_URL }) : openSqlite({ path: config.AUDIT_DB_PATH });
}
