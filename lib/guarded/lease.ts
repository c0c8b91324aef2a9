import "server-only";
// Who is reconciling a record right now. Every console instance runs the reconciliation loop; on
// PostgreSQL an instance works on a record only while it holds a transaction-scoped advisory lock
// on it, taken with pg_try_advisory_xact_lock: another instance skips that record this round
// instead of reading DTS for it again (or following it with a second StartDtsJob attempt). The
// lock ends with its transaction, so an instance killed mid-round leaves nothing behind. The
// resolution itself stays guarded by the database (an UPDATE ... WHERE status IN ('pending',
// 'unknown')): a lease only saves the duplicate work.
import { sql } from "kysely";
import type { AuditStore } from "@/lib/db/store";
import { storeOperation } from "@/lib/audit/errors";

/** The advisory lock namespace of each kind of record (first key of pg_try_advisory_xact_lock(int, int)). */
const LEASE_NAMESPACE = {
  reset: 0x72636e6c, // "rcnl", as before: a reset attempt
  reconfigure: 0x72636667, // "rcfg": a reconfiguration
  start: 0x72737461, // "rsta": a start attempt ("Start again")
} as const;

export type LeaseKind = keyof typeof LEASE_NAMESPACE;

export type Leased<T> = { leased: true; value: T } | { leased: false };

/**
 * Runs `work` while holding the lease on record `id`, or returns `{ leased: false }` at once when
 * another instance holds it. On SQLite (one process) there is nothing to arbitrate: `work` runs.
 */
export async function withLease<T>(store: AuditStore, kind: LeaseKind, id: string, work: () => Promise<T>): Promise<Leased<T>> {
  if (store.dialect !== "postgres") return { leased: true, value: await work() };
  return store.db.transaction().execute(async (trx): Promise<Leased<T>> => {
    const { rows } = await storeOperation("lease the record", () =>
      sql<{ leased: boolean }>`select pg_try_advisory_xact_lock(${LEASE_NAMESPACE[kind]}, hashtext(${id})) as leased`.execute(trx),
    );
    if (rows[0]?.leased !== true) return { leased: false };
    // `work` writes through the store's other connections: its writes commit on their own, this
    // transaction only carries the lock.
    return { leased: true, value: await work() };
  });
}
