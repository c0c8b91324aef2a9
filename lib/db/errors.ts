// Why the database cannot be used at all, as opposed to one failed query (AuditStoreError in
// lib/audit/errors.ts). scripts/serve.ts prints these and refuses to start; GET /api/health turns
// them into a 503. Not `server-only`: the CLIs run under tsx. Error classes only.

export type DatabaseUnavailableReason = "unreachable" | "credentials" | "no_database" | "tls" | "other";

/** The database server cannot be reached, refuses our credentials, or has no such database. */
export class DatabaseUnavailableError extends Error {
  override readonly name = "DatabaseUnavailableError";
  constructor(
    readonly reason: DatabaseUnavailableReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The database was migrated by a newer version of the console: this code must not touch it. */
export class SchemaTooNewError extends Error {
  override readonly name = "SchemaTooNewError";
  constructor(readonly unknownMigrations: string[]) {
    super(
      `The database schema is newer than this console: it has migration(s) ${unknownMigrations.join(", ")} that this version does not know. ` +
        "Deploy the newer console version (or restore a backup taken before that migration); this one will not start against it.",
    );
  }
}
