import "server-only";
import { DEFAULT_AUDIT_DB_PATH, openAuditStore, type AuditStore } from "./db";

let opening: Promise<AuditStore> | null = null;

/** The process-wide audit store (one SQLite connection per process), opened and migrated once. */
export function getAuditStore(): Promise<AuditStore> {
  if (!opening) {
    opening = openAuditStore({ path: process.env.AUDIT_DB_PATH || DEFAULT_AUDIT_DB_PATH }).catch((error: unknown) => {
      opening = null; // let the next request try again rather than caching the failure forever
      throw error;
    });
  }
  return opening;
}
