import "server-only";
// The rules every reconciler of a guarded operation follows (reset, reconfiguration), in one
// place, and the one background job that runs them. A record whose call has no known outcome is
// resolved from the task's state:
// - it is due once no live request can still be waiting for DTS's answer: at once when the answer
//   already arrived as "unknown", else RECONCILE_MIN_AGE_MS after the request;
// - a task still in its old state proves nothing for `settleMs` after the request (DTS may apply a
//   call after answering it); past that, it means the call did not take effect;
// - each record is worked on by one instance at a time (lease.ts), so N instances read DTS once.
// The one background job that runs both reconcilers is background.ts.

/** A pending record younger than this may still be waiting for DTS's answer in a live request. */
export const RECONCILE_MIN_AGE_MS = 30_000;

export interface OpenRecord {
  status: string;
  requestedAt: string;
}

/** Whether reconciliation may read the task for this record now. */
export function isDue(record: OpenRecord, now: Date, minAgeMs: number = RECONCILE_MIN_AGE_MS): boolean {
  if (record.status === "unknown") return true;
  return record.status === "pending" && now.getTime() - Date.parse(record.requestedAt) >= minAgeMs;
}

/** The cut-off for listing pending records: requested before it, they are due. */
export function dueBefore(now: Date, minAgeMs: number = RECONCILE_MIN_AGE_MS): Date {
  return new Date(now.getTime() - minAgeMs);
}

/** Whether "the task still shows its old state" is not yet a verdict for this record. */
export function stillSettling(record: OpenRecord, now: Date, settleMs: number): boolean {
  return now.getTime() - Date.parse(record.requestedAt) < settleMs;
}
