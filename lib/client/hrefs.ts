// The console's page addresses, in one place: every page links to the others through these, so
// the folders of /jobs and /resets need not import each other. Each page's parser
// (app/*/search-params.ts) reads back what these write.
import { DEFAULT_LIST_PAGE_SIZE, DEFAULT_RESET_PAGE_SIZE, type TaskTypeParam } from "@/lib/domain/api-constants";
import type { JobsListParams } from "./job-keys";
import type { ResetFilterParams, ResetsListParams } from "./reset-keys";

/** The account of a console with one (lib/domain/task-ref.ts' DEFAULT_ACCOUNT): its links carry none. */
const DEFAULT_ACCOUNT_ID = "default";

/** A /jobs view: region and type, and whatever differs from the first page of all tasks. */
export type JobsView = Pick<JobsListParams, "region" | "type"> & Partial<JobsListParams>;

/**
 * The /jobs view as a query string. Region and type are always written so a shared link opens
 * the same tasks whatever the recipient's default region; the account whenever the view names one
 * (with several accounts, app/jobs/page.tsx writes the default one into a bare address); the rest
 * only when not the default.
 */
export function serializeJobsSearch(state: JobsView): string {
  const search = new URLSearchParams(state.account ? { account: state.account } : {});
  search.set("region", state.region);
  search.set("type", state.type);
  if (state.status) search.set("status", state.status);
  if (state.q) search.set("q", state.q);
  if (state.page && state.page > 1) search.set("page", String(state.page));
  if (state.pageSize && state.pageSize !== DEFAULT_LIST_PAGE_SIZE) search.set("pageSize", String(state.pageSize));
  return search.toString();
}

export function jobsHref(state: JobsView): string {
  return `/jobs?${serializeJobsSearch(state)}`;
}

/** The detail page's address; region and type travel along since DTS needs both to look it up. */
export function jobDetailHref(jobId: string, region: string, type: TaskTypeParam, account?: string | null): string {
  return `/jobs/${encodeURIComponent(jobId)}?${new URLSearchParams({ ...(account && account !== DEFAULT_ACCOUNT_ID ? { account } : {}), region, type })}`;
}

/** The overview of every account and region (issue 21), the landing page after sign-in. */
export function overviewHref(type: TaskTypeParam = "sync"): string {
  return type === "sync" ? "/overview" : `/overview?${new URLSearchParams({ type })}`;
}

/** The filters as query parameters, the same in the /resets address and in the API's URLs; empty ones are left out (the API rejects ""). */
export function resetFilterSearch(filters: Partial<ResetFilterParams>): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.account) search.set("account", filters.account);
  if (filters.bulkId) search.set("bulkId", filters.bulkId);
  if (filters.outcome) search.set("outcome", filters.outcome);
  if (filters.task) search.set("task", filters.task);
  if (filters.actor) search.set("actor", filters.actor);
  if (filters.from) search.set("from", filters.from);
  if (filters.to) search.set("to", filters.to);
  return search;
}

/** The /resets view as a query string: only what differs from the default view, so the plain history is plain /resets. */
export function serializeResetsSearch(state: Partial<ResetsListParams>): string {
  const search = resetFilterSearch(state);
  if (state.page && state.page > 1) search.set("page", String(state.page));
  if (state.pageSize && state.pageSize !== DEFAULT_RESET_PAGE_SIZE) search.set("pageSize", String(state.pageSize));
  return search.toString();
}

/** A /resets view; what is left out is the default (no filter, first page). */
export function resetsHref(state: Partial<ResetsListParams>): string {
  const search = serializeResetsSearch(state);
  return search ? `/resets?${search}` : "/resets";
}

export function resetDetailHref(id: string): string {
  return `/resets/${encodeURIComponent(id)}`;
}

/** The reset requests waiting for a second person, and their history (issue 13). */
export function approvalsHref(): string {
  return "/approvals";
}

/** The id of one request's card on /approvals, the target of approvalRequestHref (request IDs are UUIDs). */
export function approvalRequestAnchor(requestId: string): string {
  return `request-${requestId}`;
}

/** One reset request on /approvals: the page scrolls to its card once the list is in. */
export function approvalRequestHref(requestId: string): string {
  return `${approvalsHref()}#${approvalRequestAnchor(requestId)}`;
}

/** The form that reconfigures the task a reset left Not Configured. */
export function reconfigureHref(resetId: string): string {
  return `/resets/${encodeURIComponent(resetId)}/reconfigure`;
}
