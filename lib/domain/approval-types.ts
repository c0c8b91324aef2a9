// The reset request's states and shapes (issue 13), without zod: the /approvals page and the
// header load these, and must stay light (bench/budget.json). lib/domain/approvals.ts holds the
// schemas and the policy rule.
import type { ResetSubject } from "./reset-record";

export const RESET_REQUEST_STATUSES = ["pending", "approved", "rejected", "expired", "cancelled", "invalidated"] as const;
export type ResetRequestStatus = (typeof RESET_REQUEST_STATUSES)[number];

/** What happened to a request, in its append-only event log. */
export const RESET_REQUEST_EVENT_TYPES = ["requested", "approved", "rejected", "expired", "cancelled", "invalidated", "reset_recorded", "notice_failed", "notice_sent"] as const;
export type ResetRequestEventType = (typeof RESET_REQUEST_EVENT_TYPES)[number];

export const COMMENT_MAX = 500;

/** Whether a reset of this task needs a second person, and why (shown in the dialog). */
export interface ApprovalDecision {
  required: boolean;
  /** English, for API clients and logs; the browser words it from `basis`. */
  reason: string;
  /**
   * Which rule decided: the RESET_APPROVAL setting, an admin's "all", the task's region, a name
   * pattern, or none. Optional: an answer without it is shown by its `reason`.
   */
  basis?: "setting" | "all" | "account" | "region" | "name" | "none";
  /** The account ID (basis "account"), the region ID (basis "region") or the name pattern (basis "name") that matched. */
  match?: string;
}

export interface ResetRequestPerson {
  username: string;
  role: string;
}

export interface ResetRequestEvent {
  id: string;
  at: string;
  type: ResetRequestEventType;
  actor: ResetRequestPerson | null;
  comment: string | null;
  detail: Record<string, unknown>;
}

/** A request as the API answers it (the snapshot only in the single-request answer). */
export interface ResetRequestResult extends ResetSubject {
  id: string;
  status: ResetRequestStatus;
  taskStatus: string;
  snapshotHash: string;
  requestedBy: ResetRequestPerson;
  requestedAt: string;
  expiresAt: string;
  decidedBy: ResetRequestPerson | null;
  decidedAt: string | null;
  decisionComment: string | null;
  resetId: string | null;
  notice: { status: "none" | "sent" | "failed"; error: string | null };
  events: ResetRequestEvent[];
}
