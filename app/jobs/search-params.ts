// The /jobs view state lives in the URL so a view can be shared, reloaded and navigated with the
// back button. One parser and one serializer, used by the server page and the client alike.
import { LIST_PAGE_SIZES, TASK_TYPES, type TaskTypeParam } from "@/lib/domain/api-constants";
import { findRegion } from "@/lib/domain/regions";
import { statusesFor } from "@/lib/domain/status";
import { jobTypeOf } from "@/lib/domain/api-constants";
import type { JobsListParams } from "@/lib/client/job-keys";

export type JobsSearchState = JobsListParams;

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_QUERY_LENGTH = 128;

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: RawParams, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

function positiveInt(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,6}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 ? n : null;
}

/**
 * Reads the view from search params. Unknown or malformed values fall back to defaults rather
 * than failing: a hand-edited or outdated link should still open a sensible view.
 */
export function parseJobsSearchParams(params: RawParams, defaultRegion: string): JobsSearchState {
  const rawType = read(params, "type");
  const type: TaskTypeParam = (TASK_TYPES as readonly string[]).includes(rawType ?? "")
    ? (rawType as TaskTypeParam)
    : "sync";
  const rawRegion = read(params, "region");
  const region = rawRegion && findRegion(rawRegion) ? rawRegion : defaultRegion;
  const rawStatus = read(params, "status");
  // A status belongs to a task type: a subscribe-only status makes no sense on the sync tab.
  const status = rawStatus && statusesFor(jobTypeOf(type)).includes(rawStatus) ? rawStatus : null;
  const q = (read(params, "q") ?? "").trim().slice(0, MAX_QUERY_LENGTH);
  const page = positiveInt(read(params, "page")) ?? 1;
  const size = positiveInt(read(params, "pageSize"));
  const pageSize = size && (LIST_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
  return { region, type, status, q, page, pageSize };
}

/**
 * Writes the view as a query string. Region and type are always written so a shared link opens
 * the same tasks whatever the recipient's default region; the rest only when not the default.
 */
export function serializeJobsSearch(state: JobsSearchState): string {
  const search = new URLSearchParams({ region: state.region, type: state.type });
  if (state.status) search.set("status", state.status);
  if (state.q) search.set("q", state.q);
  if (state.page > 1) search.set("page", String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) search.set("pageSize", String(state.pageSize));
  return search.toString();
}

export function jobsHref(state: JobsSearchState): string {
  return `/jobs?${serializeJobsSearch(state)}`;
}

/** The detail page's address; region and type travel along since DTS needs both to look it up. */
export function jobDetailHref(jobId: string, region: string, type: TaskTypeParam): string {
  return `/jobs/${encodeURIComponent(jobId)}?${new URLSearchParams({ region, type })}`;
}
