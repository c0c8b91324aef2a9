import "server-only";
import { getConfig } from "@/lib/config/env";
import { openConfiguredDatabase } from "./open";
import type { AuditStore } from "./store";

let opening: Promise<AuditStore> | null = null;

/**
 * The process-wide database handle, opened and migrated once: one SQLite connection, or one
 * PostgreSQL pool when DATABASE_URL is set.
 */
export function getStore(): Promise<AuditStore> {
  if (!opening) {
    opening = openConfiguredDatabase(getConfig()).catch((error: unknown) => {
      opening = null; // let the next request try again rather than caching the failure forever
      throw error;
    });
  }
  return opening;
}
