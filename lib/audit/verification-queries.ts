import "server-only";
// Which successful resets still wait for DTS to show the task Not Configured.
import type { AuditStore } from "../db/store";
import { storeOperation } from "./errors";
import { rowToResetRecord, toIsoTimestamp, type ResetRecord } from "./schema";

/** How long after a success the console keeps looking for NotConfigured before giving up. */
export const VERIFY_WITHIN_MS = 24 * 60 * 60 * 1000;

/** Succeeded attempts not yet seen to have taken effect, finished within the window, oldest first. */
export async function listUnverified(store: AuditStore, now: Date, limit = 100): Promise<ResetRecord[]> {
  const rows = await storeOperation("list unverified reset attempts", () =>
    store.db
      .selectFrom("reset_attempts")
      .selectAll()
      .where("status", "=", "succeeded")
      .where("verified_at", "is", null)
      .where("finished_at", ">=", toIsoTimestamp(new Date(now.getTime() - VERIFY_WITHIN_MS)))
      .orderBy("finished_at", "asc")
      .limit(limit)
      .execute(),
  );
  return rows.map(rowToResetRecord);
}
