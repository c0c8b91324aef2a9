// The /jobs view state lives in the URL so a view can be shared, reloaded and navigated with the
// back button. This parser reads what lib/client/hrefs.ts `jobsHref` writes, on the server page and
// the client alike.
import { DEFAULT_LIST_PAGE_SIZE, LIST_PAGE_SIZES, TASK_TYPES, jobTypeOf, type TaskTypeParam } from "@/lib/domain/api-constants";
import { findRegion } from "@/lib/domain/regions";
import { statusesFor } from "@/lib/domain/status";
import type { JobsListParams } from "@/lib/client/job-keys";
import { oneOf, positiveInt, readParam, type RawParams } from "@/lib/client/url-state";
import { parseAccountParam } from "@/lib/client/accounts";

export type JobsSearchState = JobsListParams;

export const MAX_QUERY_LENGTH = 128;

/** Which tasks a page shows: the region and type every task address carries (/jobs and /jobs/[jobId]). */
export function parseTaskScope(params: RawParams, defaultRegion: string): { account: string | null; region: string; type: TaskTypeParam } {
  const rawRegion = readParam(params, "region");
  return {
    // An account the console does not hold is the API's to refuse (404 account_not_found), shown as such.
    account: parseAccountParam(params),
    region: rawRegion && findRegion(rawRegion) ? rawRegion : defaultRegion,
    type: oneOf(readParam(params, "type"), TASK_TYPES) ?? "sync",
  };
}

/**
 * Reads the view from search params. Unknown or malformed values fall back to defaults rather
 * than failing: a hand-edited or outdated link should still open a sensible view.
 */
export function parseJobsSearchParams(params: RawParams, defaultRegion: string): JobsSearchState {
  const { account, region, type } = parseTaskScope(params, defaultRegion);
  const rawStatus = readParam(params, "status");
  // A status belongs to a task type: a subscribe-only status makes no sense on the sync tab.
  const status = rawStatus && statusesFor(jobTypeOf(type)).includes(rawStatus) ? rawStatus : null;
  const q = (readParam(params, "q") ?? "").trim().slice(0, MAX_QUERY_LENGTH);
  const page = positiveInt(readParam(params, "page")) ?? 1;
  const pageSize = oneOf(positiveInt(readParam(params, "pageSize")), LIST_PAGE_SIZES) ?? DEFAULT_LIST_PAGE_SIZE;
  return { account, region, type, status, q, page, pageSize };
}
