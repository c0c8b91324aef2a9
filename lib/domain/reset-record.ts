// A reset record as the JSON API returns it. Safe for the browser; lib/reset/dto.ts builds it.
import type { JobType } from "./status";
import type { Direction } from "./task";

export const RESET_RECORD_STATUSES = ["pending", "succeeded", "failed", "unknown"] as const;
export type ResetRecordStatus = (typeof RESET_RECORD_STATUSES)[number];

export interface ResetFailure {
  code: string | null;
  message: string | null;
  kind: string | null;
  retrySafe: boolean | null;
}

export interface ResetResult {
  id: string;
  jobId: string;
  /** The task the reset wipes: `jobId` for Forward, the reverse task's ID for Reverse. */
  resetJobId: string;
  instanceId: string;
  region: string;
  jobType: JobType;
  taskName: string;
  direction: Direction;
  reason: string;
  actor: string;
  actorRole: string;
  status: ResetRecordStatus;
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
  };
}

export interface ResetPage {
  items: ResetResult[];
  page: number;
  pageSize: number;
  total: number;
}
