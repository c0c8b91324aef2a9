// The application database's handle and opener, kept at this path for the repositories and
// scripts that import it. The implementation is in lib/db/ (open.ts picks the dialect; sqlite.ts
// and postgres.ts open it; migrate.ts applies lib/audit/migrations.ts).
// Not `server-only`: the users CLI (scripts/users.ts) opens the store under tsx.
export type { AuditStore } from "../db/store";
export { DEFAULT_AUDIT_DB_PATH, DEFAULT_BUSY_TIMEOUT_MS } from "../db/sqlite";
export { openDatabase as openAuditStore, openConfiguredDatabase, type OpenDatabaseOptions as OpenAuditStoreOptions } from "../db/open";
