import type { ResetStatus } from "./types";
import { jobKeys } from "./job-keys";

/** The /resets view: its filters and page, as they travel in the URL and in the query key. */
export interface ResetsListParams {
  outcome: ResetStatus | null;
  /** Task ID, reset task ID, instance ID or name (a substring, case-insensitive). */
  task: string;
  /** Username (a substring, case-insensitive). */
  actor: string;
  /** YYYY-MM-DD (UTC) or "". */
  from: string;
  /** YYYY-MM-DD (UTC, inclusive) or "". */
  to: string;
  page: number;
  pageSize: number;
}

/** The filters alone: what an export carries. */
export type ResetFilters = Omit<ResetsListParams, "page" | "pageSize">;

/**
 * Query keys of the reset history, broad to narrow. A task's history is keyed under `jobKeys.all`
 * on purpose: the reset mutation (use-reset-job.ts) invalidates `jobKeys.all` when it settles, so
 * the list on the task detail page picks up the new record without knowing about it.
 */
export const resetKeys = {
  all: ["resets"] as const,
  lists: () => [...resetKeys.all, "list"] as const,
  list: (params: ResetsListParams) => [...resetKeys.lists(), params] as const,
  details: () => [...resetKeys.all, "detail"] as const,
  detail: (id: string) => [...resetKeys.details(), id] as const,
  instance: (instanceId: string) => [...jobKeys.all, "instance-resets", instanceId] as const,
};
