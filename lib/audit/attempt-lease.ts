import "server-only";
// Who is reconciling an attempt right now. Every console instance runs the reconciliation loop;
// on PostgreSQL an instance works on an attempt only while it holds a transaction-scoped advisory
// lock on it, taken with pg_try_advisory_xact_lock: another instance skips that attempt this round
// instead of reading DTS for it again. The lock ends with its transaction, so an instance killed
// mid-round leaves nothing behind. The resolution itself stays guarded by the database as before
// (an UPDATE ... WHERE status IN ('pending', 'unknown')): a lease only saves the duplicate work.
import { sql } from "kysely";
import type { AuditStore } from "./db";
import { storeOperation } from "./errors";

/** Namespace of the reconciliation advisory locks (first key of pg_try_advisory_xact_lock(int, int)). */
const LEASE_NAMESPACE = 0x72636e6c; // "rcnl"

export type Leased<T> = { leased: true; value: T } | { leased: false };

/**
 * Runs `work` while holding the lease on attempt `id`, or returns `{ leased: false }` at once when
 * another instance holds it. On SQLite (one process) there is nothing to arbitrate: `work` runs.
 */
export async function withAttemptLease<T>(store: AuditStore, id: string, work: () => Promise<T>): Promise<Leased<T>> {
  if (store.dialect !== "postgres") return { leased: true, value: await work() };
  return store.db.transaction().execute(async (trx): Promise<Leased<T>> => {
    const { rows } = await storeOperation("lease the reset attempt", () =>
      sql<{ leased: boolean }>`select pg_try_advisory_xact_lock(${LEASE_NAMESPACE}, hashtext(${id})) as leased`.execute(trx),
    );
    if (rows[0]?.leased !== true) return { leased: false };
    // `work` writes through the store's other connections: its writes commit on their own, this
    // transaction only carries the lock.
    return { leased: true, value: await work() };
  });
}
