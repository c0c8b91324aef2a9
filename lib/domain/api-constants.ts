// Values of the JSON API's query parameters. Kept apart from the zod schemas (lib/domain/api.ts)
// so pages that only need the values do not download zod.

export const TASK_TYPES = ["sync", "subscribe"] as const;
export type TaskTypeParam = (typeof TASK_TYPES)[number];

export const LIST_PAGE_SIZES = [10, 20, 30] as const;

export const RESET_OUTCOMES = ["pending", "succeeded", "failed", "unknown"] as const;
export const RESET_PAGE_SIZES = [10, 25, 50, 100] as const;

export function typeParamToJobType(type: TaskTypeParam): "SYNC" | "SUBSCRIBE" {
  return type === "sync" ? "SYNC" : "SUBSCRIBE";
}
