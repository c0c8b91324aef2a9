// Values of the JSON API's query parameters, which the pages' URLs use as well. Kept apart from
// the zod schemas (lib/domain/api.ts) so pages that only need the values do not download zod.
import type { JobType } from "./status";

/** The task type as URLs and the API write it: lower case, where DTS writes `SYNC`/`SUBSCRIBE`. */
export const TASK_TYPES = ["sync", "subscribe"] as const;
export type TaskTypeParam = (typeof TASK_TYPES)[number];

export function jobTypeOf(type: TaskTypeParam): "SYNC" | "SUBSCRIBE" {
  return type === "subscribe" ? "SUBSCRIBE" : "SYNC";
}

export function typeParamOf(type: JobType): TaskTypeParam {
  return type === "SUBSCRIBE" ? "subscribe" : "sync";
}

/** Page sizes of the task list: the sizes DescribeDtsJobs accepts, one DTS call a page. */
export const LIST_PAGE_SIZES = [10, 20, 30] as const;
export const DEFAULT_LIST_PAGE_SIZE = 20;

export const RESET_PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_RESET_PAGE_SIZE = 25;
