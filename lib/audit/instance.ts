import "server-only";
import { getConfig } from "@/lib/config/env";
import { openAuditStore, type AuditStore } from "./db";

let opening: Promise<AuditStore> | null = null;

/** The process-wide audit store (one SQLite connection per process), opened and migrated once. */
export function getAuditStore(): Promise<AuditStore> {
  if (!opening) {
    opening = openAuditStore({ path: getConfig().AUDIT_DB_PATH }).catch((error: unknown) => {
      opening = null; // let the next request try again rather than caching the failure forever
      throw error;
    });
  }
  return opening;
}
