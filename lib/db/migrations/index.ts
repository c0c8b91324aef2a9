// Versioned schema of the application database, for SQLite and PostgreSQL alike. Migrations are
// append-only like the data: never edit or reorder a released one, add the next number. None has a
// `down`: rolling back would drop history. lib/db/migrate.ts applies them (locking, both dialects).
// Not `server-only`: the users CLI (scripts/users.ts) and scripts/serve.ts migrate the store under
// tsx, where that import throws. They hold DDL only, and import nothing outside lib/db.
//
// Migrations live here, one per file: `NNNN_name.ts` exports one `Migration` (and keeps the helpers
// only it uses), and MIGRATIONS below lists each under its file's name.
//
// ADDING A MIGRATION: create `NNNN_name.ts` with the next number, exporting
// `const x: Migration = { async up(db) { ... } }`, and add it to MIGRATIONS below under that name
// ("0007_...", names sort in the order they apply). Kysely's schema builder with "text"/"integer"
// columns, CHECK constraints, (partial) unique indexes and `ON CONFLICT` upserts is portable: write
// it once. A new append-only table declares its rules (columns written once, allowed status moves,
// no DELETE) with `createAppendOnlyTriggers` from lib/db/append-only.ts, which renders them to both
// dialects' triggers (see 0006_task_account.ts). Where the SQL otherwise differs (anything with
// RAISE, `IS NOT` comparisons, AUTOINCREMENT...), branch on the dialect (lib/db/dialect.ts):
//   if (dialectOf(db) === "postgres") await createMyTriggersPostgres(db); else await createMyTriggersSqlite(db);
// with the PostgreSQL side as plpgsql trigger functions (see createAppendOnlyTriggersPostgres in
// 0001_reset_attempts.ts), one statement per `sql\`...\`.execute(db)` call.
// tests/unit/audit-store.test.ts runs every migration on both dialects.
import type { Migration } from "kysely";
import { resetAttempts } from "./0001_reset_attempts";
import { accounts } from "./0002_accounts";
import { resetClaims } from "./0003_reset_claims";
import { reconfigurations } from "./0004_reconfigurations";
import { resetRequests } from "./0005_reset_requests";
import { taskAccount } from "./0006_task_account";
import { bulkResets } from "./0007_bulk_resets";
import { oidcSignIn } from "./0008_oidc_sign_in";
import { startAttempts } from "./0009_start_attempts";
import { notifications } from "./0010_notifications";
import { alertSnapshot } from "./0011_alert_snapshot";

/** Every migration, by name; names sort in the order they apply. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001_reset_attempts": resetAttempts,
  "0002_accounts": accounts,
  "0003_reset_claims": resetClaims,
  "0004_reconfigurations": reconfigurations,
  "0005_reset_requests": resetRequests,
  "0006_task_account": taskAccount,
  "0007_bulk_resets": bulkResets,
  "0008_oidc_sign_in": oidcSignIn,
  "0009_start_attempts": startAttempts,
  "0010_notifications": notifications,
  "0011_alert_snapshot": alertSnapshot,
};
