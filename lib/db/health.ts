// Can this process use its database right now? For GET /api/health, which a load balancer polls
// to take an instance out. Not `server-only`: it holds no secret and imports no server module.
import { sql } from "kysely";
import type { AuditStore } from "./store";
import { DatabaseUnavailableError, SchemaTooNewError } from "./errors";

/** A health probe answers in time or not at all: a load balancer waits a few seconds at most. */
export const PING_TIMEOUT_MS = 3_000;

/** Runs one trivial query; throws when it fails or takes longer than `timeoutMs`. */
export async function pingDatabase(store: AuditStore, timeoutMs = PING_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(store.db), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the health answer says of a database failure: the kind of problem, never a host or a credential. */
export function healthMessage(error: unknown): string {
  if (error instanceof DatabaseUnavailableError) {
    const what = {
      unreachable: "cannot be reached",
      credentials: "refused the console's credentials",
      no_database: "has no such database",
      tls: "refused the TLS connection",
      other: "cannot be used",
    }[error.reason];
    return `The database ${what}.`;
  }
  if (error instanceof SchemaTooNewError) return "The database schema is newer than this console version.";
  return "The database cannot be used.";
}
