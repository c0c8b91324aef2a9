import "server-only";
// The sign_in_throttle table: failure counts per throttled key. Bookkeeping, not history.
import type { AuditStore } from "@/lib/db/store";
import { storeOperation } from "@/lib/audit/errors";
import { sql } from "kysely";
import { withKeyLocks, type ThrottleState } from "../throttle";
import { authDb, iso } from "./tables";

export async function readThrottleStates(store: AuditStore, keys: string[]): Promise<Map<string, ThrottleState>> {
  const rows = await storeOperation("read sign-in throttling", () =>
    authDb(store).selectFrom("sign_in_throttle").selectAll().where("key", "in", keys).execute(),
  );
  return new Map(rows.map((row) => [row.key, { failures: Number(row.failures), lastFailureAt: new Date(row.last_failure_at) }]));
}

export async function writeThrottleState(store: AuditStore, key: string, state: ThrottleState): Promise<void> {
  const values = { failures: state.failures, last_failure_at: iso(state.lastFailureAt) };
  await storeOperation("record a failed sign-in", () =>
    authDb(store)
      .insertInto("sign_in_throttle")
      .values({ key, ...values })
      .onConflict((oc) => oc.column("key").doUpdateSet(values))
      .execute(),
  );
}

export async function clearThrottleState(store: AuditStore, key: string): Promise<boolean> {
  const result = await storeOperation("clear sign-in throttling", () =>
    authDb(store).deleteFrom("sign_in_throttle").where("key", "=", key).executeTakeFirst(),
  );
  return Number(result.numDeletedRows) > 0;
}

/** Namespace of the sign-in throttling advisory locks (first key of pg_advisory_xact_lock(int, int)). */
const THROTTLE_LOCK_NAMESPACE = 0x74687274; // "thrt"

/**
 * Runs `work` so that no other sign-in on any of `keys` runs at the same time, in this process or
 * in any other sharing the database; `work` receives the store to use meanwhile.
 *
 * - In this process, sign-ins on one key queue (withKeyLocks), refusing at once past
 *   MAX_WAITERS_PER_KEY: a flood of parallel guesses never piles up database connections.
 * - On PostgreSQL, `work` then runs in one transaction that first takes a transaction-scoped
 *   advisory lock per key, in sorted order (no deadlock), so instances behind a load balancer
 *   check and count failures one after another. Advisory locks rather than `SELECT ... FOR UPDATE`:
 *   a key has no row before its first failure (and failures > 0 forbids a placeholder), and a row
 *   lock on a missing row locks nothing. The locks end with the transaction, crash included.
 * - On SQLite (one process by design), the in-process lock is the whole story, as before.
 */
export function withThrottleLock<T>(store: AuditStore, keys: string[], work: (store: AuditStore) => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  return withKeyLocks(sorted, async () => {
    if (store.dialect !== "postgres") return work(store);
    return store.db.transaction().execute(async (trx) => {
      for (const key of sorted) {
        await storeOperation("lock sign-in throttling", () => sql`select pg_advisory_xact_lock(${THROTTLE_LOCK_NAMESPACE}, hashtext(${key}))`.execute(trx));
      }
      return work({ ...store, db: trx });
    });
  });
}
