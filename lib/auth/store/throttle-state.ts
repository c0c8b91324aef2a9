import "server-only";
// The sign_in_throttle table: failure counts per throttled key. Bookkeeping, not history.
import type { AuditStore } from "@/lib/audit/db";
import { storeOperation } from "@/lib/audit/errors";
import type { ThrottleState } from "../throttle";
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
