// The bulk reset (issue 22), its words without zod: statuses, the result types the JSON API
// answers, the typed count. The bulk pages import this module (zod stays out of their bundle);
// the request schemas are in bulk.ts, which re-exports everything here. Safe for the browser.
import type { Direction } from "./task";

/** At most this many tasks in one bulk (Alibaba's own batch call, DeleteDtsJobs, takes 10). */
export const BULK_MAX_ITEMS = 100;

/** Two items name the same task and direction when their account, region, task and direction match (account left out = the default). */
export function bulkItemKey(item: { account?: string; region: string; jobId: string; direction: Direction }, defaultAccount = ""): string {
  return [item.account ?? defaultAccount, item.region, item.jobId, item.direction].join("/");
}

/** The operator types the number of tasks; surrounding spaces are forgiven, nothing else. */
export function bulkConfirmationMatches(typed: string, count: number): boolean {
  return typed.trim() === String(count);
}

/**
 * `awaiting_approval`, `rejected` and `expired` are a bulk under the approval policy before (or
 * instead of) its run; the others are the run's.
 */
export const BULK_STATUSES = ["awaiting_approval", "rejected", "expired", "queued", "running", "succeeded", "partial", "failed", "cancelled"] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

/** The statuses after which nothing more happens to a bulk. */
export const FINAL_BULK_STATUSES: readonly BulkStatus[] = ["rejected", "expired", "succeeded", "partial", "failed", "cancelled"];

export const BULK_ITEM_STATUSES = ["queued", "running", "succeeded", "failed", "unknown", "skipped", "cancelled"] as const;
export type BulkItemStatus = (typeof BULK_ITEM_STATUSES)[number];

export interface BulkBlocked {
  /** The single reset's refusal code: `not_resettable`, `reverse_not_allowed`, `task_not_found`, `task_changed`, ... */
  code: string;
  message: string;
}

/** Which task and direction an item resets, and its name as last read (null when it could not be read). */
export interface BulkTask {
  account: string;
  region: string;
  jobId: string;
  instanceId: string;
  direction: Direction;
  taskName: string | null;
}

export interface BulkPlanItem extends BulkTask {
  status: string | null;
  /** Whether the task is two-way (so Reverse may be chosen). */
  twoWay: boolean;
  eligible: boolean;
  blocked?: BulkBlocked;
}

export interface BulkPlan {
  items: BulkPlanItem[];
  eligible: number;
  blocked: number;
  /** Whether the approval policy requires a second person for this batch. */
  approvalRequired: boolean;
}

export interface BulkItemResult extends BulkTask {
  position: number;
  status: BulkItemStatus;
  /** The item's reset record, once its ResetDtsJob was recorded. */
  resetId: string | null;
  /** Why it failed or was skipped (DTS's code and message, or the refusal's). */
  error: { code: string | null; message: string | null; requestId?: string | null } | null;
  /** How many times DTS throttled this item's reset (each retried after DTS's wait). */
  throttled: number;
  startedAt: string | null;
  finishedAt: string | null;
}

export type BulkCounts = Record<BulkItemStatus, number>;

export interface BulkPerson {
  username: string;
  role: string;
}

export interface BulkApproval {
  status: "pending" | "approved" | "rejected" | "cancelled" | "expired";
  expiresAt: string;
  decidedBy: BulkPerson | null;
  decidedAt: string | null;
  comment: string | null;
}

export interface BulkResult {
  id: string;
  status: BulkStatus;
  createdBy: string;
  createdByRole: string;
  reason: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
  /** The ResetDtsJob calls per second per account this bulk is paced at. */
  callsPerSecond: number;
  total: number;
  counts: BulkCounts;
  /** Present when the approval policy required a second person. */
  approval: BulkApproval | null;
  items: BulkItemResult[];
}

/** A bulk waiting for (or decided by) a second person: what POST answers under the approval policy. */
export interface BulkRequestResult {
  id: string;
  kind: "bulk";
  bulkId: string;
  status: BulkApproval["status"];
  reason: string;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
  total: number;
}

export const BULK_PAGE_SIZES = [10, 25, 50] as const;

/** A bulk as GET /api/bulk-resets lists it: everything but the items. */
export type BulkSummary = Omit<BulkResult, "items">;

export interface BulkPage {
  items: BulkSummary[];
  page: number;
  pageSize: number;
  total: number;
}

/** Counts of each item status, every status present. */
export function countItems(items: readonly { status: BulkItemStatus }[]): BulkCounts {
  const counts = Object.fromEntries(BULK_ITEM_STATUSES.map((s) => [s, 0])) as BulkCounts;
  for (const item of items) counts[item.status] += 1;
  return counts;
}

/** Items still to be decided (neither sent nor given up). */
export function remaining(counts: BulkCounts): number {
  return counts.queued + counts.running;
}
