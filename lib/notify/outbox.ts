import "server-only";
// The outbox write: each state change that the team should hear about calls recordNotification
// with its own transaction, so the event commits (or rolls back) with the change itself. Nothing
// here sends anything: the delivery worker (lib/notify/worker.ts) does, later, so a reset never
// waits for a chat platform. The builders below turn each subject's row into the event's words.
import { insertNotification, type AnyDb, type NewNotification } from "./store";

type Listener = () => void;
const listeners = new Set<Listener>();

/** The delivery worker listens here to start at once after a commit instead of at its next poll. */
export function onNotificationRecorded(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Wake the worker on the next turn of the event loop (after the caller's commit). */
export function wakeDeliveryWorker(): void {
  if (listeners.size === 0) return;
  setTimeout(() => {
    for (const listener of listeners) listener();
  }, 0).unref?.();
}

/**
 * Writes the event and its deliveries with `db`, which should be the transaction of the change it
 * reports. The worker is woken on the next turn of the event loop, after the caller's commit.
 */
export async function recordNotification(db: AnyDb, event: NewNotification): Promise<string> {
  const { id, deliveries } = await insertNotification(db, event);
  if (deliveries > 0) wakeDeliveryWorker();
  return id;
}

// Events from rows -------------------------------------------------------------------------------

type SummaryValue = string | number | null;

/** The columns of a reset record an event names (reset_attempts). */
export interface ResetRowFacts {
  id: string;
  account: string;
  job_id: string;
  task_name: string | null;
  region: string;
  direction: string;
  reset_job_id: string;
  reason: string;
  actor_username: string;
  status: string;
  request_id?: string | null;
  error_code?: string | null;
  error_message?: string | null;
  bulk_id?: string | null;
}

export function resetNotification(type: "reset.succeeded" | "reset.failed" | "reset.unknown" | "reset.unknown_resolved", row: ResetRowFacts, at: Date, extra: Record<string, SummaryValue> = {}): NewNotification {
  return {
    type,
    occurredAt: at,
    account: row.account,
    subject: { kind: "reset", id: row.id, path: `/resets/${encodeURIComponent(row.id)}` },
    actor: row.actor_username,
    summary: {
      task: row.job_id,
      taskName: row.task_name,
      region: row.region,
      direction: row.direction,
      resetTask: row.reset_job_id,
      reason: row.reason,
      outcome: row.status,
      requestId: row.request_id ?? null,
      errorCode: row.error_code ?? null,
      errorMessage: row.error_message ? row.error_message.slice(0, 300) : null,
      bulk: row.bulk_id ?? null,
      ...extra,
    },
  };
}

/** The columns of a reset request an event names (reset_requests). */
export interface RequestRowFacts {
  id: string;
  account: string;
  job_id: string;
  task_name: string | null;
  region: string;
  direction: string;
  reset_job_id: string;
  reason: string;
  requester_username: string;
  expires_at: string;
}

export function requestNotification(
  type: "reset.requested" | "reset.approved" | "reset.rejected" | "reset.expired" | "reset.cancelled",
  row: RequestRowFacts,
  at: Date,
  actor: string | null,
  comment: string | null,
): NewNotification {
  return {
    type,
    occurredAt: at,
    account: row.account,
    subject: { kind: "request", id: row.id, path: `/approvals?request=${encodeURIComponent(row.id)}` },
    actor,
    summary: {
      task: row.job_id,
      taskName: row.task_name,
      region: row.region,
      direction: row.direction,
      resetTask: row.reset_job_id,
      reason: row.reason,
      requestedBy: row.requester_username,
      expiresAt: row.expires_at,
      comment: comment ? comment.slice(0, 300) : null,
    },
  };
}

export function bulkNotification(type: "bulk.started" | "bulk.finished", bulk: { id: string; created_by: string; reason: string; total: number }, at: Date, counts: Record<string, number>, status: string): NewNotification {
  return {
    type,
    occurredAt: at,
    account: null,
    subject: { kind: "bulk", id: bulk.id, path: `/bulk-resets/${encodeURIComponent(bulk.id)}` },
    actor: bulk.created_by,
    summary: { reason: bulk.reason, status, total: bulk.total, ...counts },
  };
}

export function reconfigurationNotification(
  type: "reconfiguration.succeeded" | "reconfiguration.failed",
  row: { id: string; account: string; reset_id: string; job_id: string; task_name: string; region: string; direction: string; actor_username: string; progress: string; error_code: string | null; start_error_code: string | null },
  at: Date,
): NewNotification {
  return {
    type,
    occurredAt: at,
    account: row.account,
    subject: { kind: "reconfiguration", id: row.id, path: `/resets/${encodeURIComponent(row.reset_id)}/reconfigure` },
    actor: row.actor_username,
    summary: {
      task: row.job_id,
      taskName: row.task_name,
      region: row.region,
      direction: row.direction,
      outcome: row.progress,
      errorCode: row.error_code ?? row.start_error_code ?? null,
    },
  };
}

export function lockoutNotification(username: string | null, clientAddress: string | null, at: Date, lockedForMinutes: number): NewNotification {
  return {
    type: "sign_in.locked_out",
    occurredAt: at,
    account: null,
    subject: { kind: "user", id: username ?? "(unknown)", path: "/admin/users" },
    actor: null,
    summary: { username, clientAddress, lockedForMinutes },
  };
}
