// The addresses of the bulk reset (issue 22), apart from hrefs.ts: the task list and the task
// page ship hrefs.ts with their first paint (bench/budget.json), and need none of these.
import type { TaskTypeParam } from "@/lib/domain/api-constants";
import { jobsHref } from "./hrefs";

/** The bulk resets (issue 22), newest first; a status filter and a page other than the first are written when set. */
export function bulkResetsHref(state: { status?: string | null; page?: number; pageSize?: number } = {}): string {
  const search = new URLSearchParams();
  if (state.status) search.set("status", state.status);
  if (state.page && state.page > 1) search.set("page", String(state.page));
  if (state.pageSize && state.pageSize !== DEFAULT_BULK_PAGE_SIZE) search.set("pageSize", String(state.pageSize));
  const query = search.toString();
  return query ? `/bulk-resets?${query}` : "/bulk-resets";
}

/** lib/domain/bulk.ts listBulkResetsQuerySchema's default (not imported: that module carries zod). */
export const DEFAULT_BULK_PAGE_SIZE = 25;

/** One bulk reset: its live progress, its items and their records. */
export function bulkResetHref(id: string): string {
  return `/bulk-resets/${encodeURIComponent(id)}`;
}

/**
 * The /jobs search parameter that preselects every selectable task of the page it opens (once:
 * the page drops it from the address when it has done so), as "Reset the failed tasks…" of the
 * overview uses it.
 */
export const SELECT_ALL_PARAM = "select";

/** The status DTS gives a failed task of each type (DescribeDtsJobs): Failed for synchronization, Abnormal for change tracking. */
export const FAILED_STATUS: Readonly<Record<TaskTypeParam, string>> = { sync: "Failed", subscribe: "Abnormal" };

/** The failed tasks of one account and region, every one of the first page preselected for a bulk reset. */
export function failedTasksSelectedHref(view: { account: string | null; region: string; type: TaskTypeParam }): string {
  return `${jobsHref({ ...view, status: FAILED_STATUS[view.type], page: 1 })}&${SELECT_ALL_PARAM}=all`;
}
