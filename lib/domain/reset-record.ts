// A reset record as the JSON API returns it, its statuses and the filters of the reset history.
// Safe for the browser; lib/reset/dto.ts builds the record from the store's row.
import type { AlertSnapshot } from "./alerts";
import type { Equivalent } from "./runbook";
import type { JobType } from "./status";
import type { Direction } from "./task";

/**
 * Where a reset attempt stands. The store's column, the API's `status` field and its `outcome`
 * filter all take these values.
 */
export const RESET_STATUSES = ["pending", "succeeded", "failed", "unknown"] as const;
export type ResetStatus = (typeof RESET_STATUSES)[number];

/**
 * What the reset history can be narrowed by: the API query (after parsing) and the store's search.
 * The browser keeps the same fields as text in the URL (lib/client/reset-keys.ts `ResetFilterParams`).
 */
export interface ResetFilters {
  outcome?: ResetStatus;
  /** Case-insensitive substring of the task ID, reset task ID, instance ID or task name. */
  task?: string;
  /** Case-insensitive substring of the actor's username. */
  actor?: string;
  /** The Alibaba Cloud account (its id), exactly. */
  account?: string;
  /** The bulk reset the records are items of. */
  bulkId?: string;
  /** Requested at or after this instant. */
  from?: Date;
  /** Requested strictly before this instant (half-open range: pass the next day for a whole day). */
  to?: Date;
}

export interface ResetFailure {
  code: string | null;
  message: string | null;
  kind: string | null;
  retrySafe: boolean | null;
}

/**
 * What a reset, or a request for one, is about: the task, the direction, the task it wipes, and
 * why. Shared by the reset record, its API shape and the approval request.
 */
export interface ResetSubject<J extends string = string> {
  /** The Alibaba Cloud account the task lives in (`default` while the console has one). */
  account: string;
  jobId: string;
  instanceId: string;
  region: string;
  jobType: J;
  taskName: string;
  direction: Direction;
  /** The task the reset wipes: `jobId` for Forward, the reverse task's ID for Reverse. */
  resetJobId: string;
  reason: string;
}

export interface ResetResult extends ResetSubject<JobType> {
  id: string;
  actor: string;
  actorRole: string;
  status: ResetStatus;
  requestedAt: string;
  finishedAt: string | null;
  requestId: string | null;
  httpStatus: number | null;
  error: ResetFailure | null;
  resolvedBy: "response" | "reconciliation" | null;
  reconciledAt: string | null;
  reconciliationNote: string | null;
  /** When DTS was first seen to show the task Not Configured after the reset. */
  verifiedAt: string | null;
  /** The task's ID after the reset, when DTS gave it a new one. */
  jobIdAfter: string | null;
  /** The bulk reset this reset was an item of (GET /api/bulk-resets/{id}). */
  bulkId: string | null;
  /** The two people behind a reset that ran on an approved request; null for a direct reset. */
  approval: ResetApproval | null;
  /**
   * The same ResetDtsJob as an `aliyun` command and a TypeScript SDK call, for a runbook
   * (lib/domain/runbook.ts). Every API answer and JSON export carries it; optional for records
   * built elsewhere (fixtures, an answer cached before the field existed), which pages must tolerate.
   */
  equivalent?: Equivalent;
}

/** Who asked for a reset and who approved it (two-person approval). */
export interface ResetApproval {
  requestId: string;
  requestedBy: string;
  approvedBy: string;
  approvedAt: string | null;
}

/** One record with everything: the actor's details and the pre-reset snapshot. */
export interface ResetDetail extends ResetResult {
  actorAddress: string | null;
  actorUserAgent: string | null;
  idempotencyKey: string | null;
  snapshot: {
    /** The DescribeDtsJobs item as DTS returned it before the reset. */
    job: Record<string, unknown>;
    /** DescribeDtsJobDetail for the direction reset, as DTS returned it before the reset. */
    detail: Record<string, unknown>;
    /** DescribeJobMonitorRule's rules before the reset, or why they could not be read; null on records from before the console read them. */
    alerts?: AlertSnapshot | null;
  };
}

export interface ResetPage {
  items: ResetResult[];
  page: number;
  pageSize: number;
  total: number;
}
