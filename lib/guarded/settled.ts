import "server-only";
// What other requests did to a task and direction since a request was received: the questions the
// guarded operation asks under its claim, the same for every operation. A call in flight (reset or
// reconfiguration) blocks; a reset or reconfiguration since the request means the operator decided
// on a state that no longer exists.
import type { AuditStore } from "@/lib/db/store";
import type { TaskRef } from "@/lib/domain/task-ref";
import { storeOperation } from "@/lib/audit/errors";
import { findResetRowSince, findUnresolvedRow } from "@/lib/audit/reset-queries";
import { rowToResetRecord } from "@/lib/audit/schema";
import { findReconfigurationSince, findUnresolvedReconfiguration } from "@/lib/audit/reconfigurations";
import { toResetResult } from "@/lib/reset/dto";
import { toReconfigurationRecord, toStartAttemptRecord } from "@/lib/reconfigure/dto";
import { findUnresolvedStartAttempt } from "@/lib/audit/start-attempts";

export type Settled =
  | { kind: "reset_in_flight"; view: unknown }
  | { kind: "reconfiguration_in_flight"; view: unknown }
  | { kind: "reset_since"; by: string; view: unknown }
  | { kind: "reconfiguration_since"; by: string; view: unknown };

/** `ownResetId`: the reset a reconfiguration acts on, which settled before it by definition (even within the same millisecond). */
export async function settledSince(store: AuditStore, ref: TaskRef, receivedAt: Date, ownResetId?: string): Promise<Settled | null> {
  const resetInFlight = await findUnresolvedRow(store, ref);
  if (resetInFlight) return { kind: "reset_in_flight", view: toResetResult(rowToResetRecord(resetInFlight)) };
  const reconfiguring = await findUnresolvedReconfiguration(store, ref);
  if (reconfiguring) return { kind: "reconfiguration_in_flight", view: toReconfigurationRecord(reconfiguring) };
  // A "Start again" whose StartDtsJob has no outcome yet is a reconfiguration's call in flight.
  const starting = await findUnresolvedStartAttempt(store, ref);
  if (starting) return { kind: "reconfiguration_in_flight", view: { startAttempt: toStartAttemptRecord(starting) } };
  const reset = await storeOperation("read a reset attempt", () => findResetRowSince(store.db, { ...ref, since: receivedAt, ...(ownResetId ? { excludeId: ownResetId } : {}) }));
  if (reset) {
    const record = rowToResetRecord(reset);
    return { kind: "reset_since", by: record.actor.username, view: toResetResult(record) };
  }
  const reconfigured = await findReconfigurationSince(store, ref, receivedAt);
  if (reconfigured) return { kind: "reconfiguration_since", by: reconfigured.actor.username, view: toReconfigurationRecord(reconfigured) };
  return null;
}
