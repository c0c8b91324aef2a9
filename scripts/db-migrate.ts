// `npm run db:migrate`: applies the database migrations and exits, for deployments that migrate
// before rolling out new instances. Uses the console's configuration (DATABASE_URL, else
// AUDIT_DB_PATH). Safe to run while instances start: the migrations take a lock (an advisory lock
// on PostgreSQL, the write lock on SQLite) and a second run finds nothing to do.
// Exit codes: 0 migrated (or nothing to do), 2 configuration or database problem.
import { ConfigError, parseConfig } from "../lib/config/env";
import { describePostgresUrl } from "../lib/db/dialect";
import { migrateToLatest } from "../lib/db/migrate";
import { openDatabase } from "../lib/db/open";

async function main(): Promise<number> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`db:migrate: ${error.message}`);
    return 2;
  }
  const where = config.DATABASE_URL ? describePostgresUrl(config.DATABASE_URL) : config.AUDIT_DB_PATH;
  try {
    const store = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL, migrate: false } : { path: config.AUDIT_DB_PATH, migrate: false });
    try {
      const { applied } = await migrateToLatest(store.db);
      console.log(applied.length > 0 ? `db:migrate: applied ${applied.join(", ")} to ${where}` : `db:migrate: ${where} is up to date`);
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    console.error(`db:migrate: ${where}: ${(error as Error).message}`);
    return 2;
  }
}

void main().then((code) => process.exit(code));
