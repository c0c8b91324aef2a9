import type { ResetFilters, ResetStatus } from "@/lib/domain/reset-record";
import { jobKeys } from "./job-keys";
import { recordKeys } from "./query-keys";

/**
 * The filters of the reset history (lib/domain `ResetFilters`) as the /resets URL, its form and an
 * export link hold them: text, "" for no filter. `from` and `to` are days, YYYY-MM-DD (UTC), and
 * `to` counts the whole day. The API parses them back into `ResetFilters`.
 */
export type ResetFilterParams = { [K in keyof ResetFilters]-?: K extends "outcome" ? ResetStatus | null : string };

/** The /resets view: its filters and page, as they travel in the URL and in the query key. */
export interface ResetsListParams extends ResetFilterParams {
  page: number;
  pageSize: number;
}

/**
 * Query keys of the reset history, broad to narrow (built like `jobKeys`). A task's history is
 * keyed under `jobKeys.all` on purpose: the reset mutation (use-reset-job.ts) invalidates
 * `jobKeys.all` when it settles, so the list on the task detail page picks up the new record
 * without knowing about it.
 */
export const resetKeys = {
  ...recordKeys<ResetsListParams, string>("resets"),
  instance: (instanceId: string) => [...jobKeys.all, "instance-resets", instanceId] as const,
};
