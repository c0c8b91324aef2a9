import { queryOptions } from "@tanstack/react-query";
import type { TaskPage } from "@/lib/domain/task";
import { fetchJson } from "./fetch-json";
import { jobKeys, type InstanceRef, type JobRef, type JobsListParams } from "./job-keys";
import type { InstanceResponse, JobDetailResponse } from "./types";

export function jobsListUrl(params: JobsListParams): string {
  const search = new URLSearchParams({
    region: params.region,
    type: params.type,
    page: String(params.page),
    pageSize: String(params.pageSize),
  });
  if (params.account) search.set("account", params.account);
  if (params.status) search.set("status", params.status);
  if (params.q) search.set("q", params.q);
  return `/api/jobs?${search}`;
}

export function jobsListOptions(params: JobsListParams) {
  return queryOptions({
    queryKey: jobKeys.list(params),
    queryFn: ({ signal }) => fetchJson<TaskPage>(jobsListUrl(params), { signal }),
  });
}

/** One task of a region and type, by task ID (/api/jobs) or instance ID (/api/instances). */
function lookupUrl(path: "/api/jobs" | "/api/instances", id: string, ref: { region: string; type: string; account?: string | null }): string {
  return `${path}/${encodeURIComponent(id)}?${new URLSearchParams({ ...(ref.account ? { account: ref.account } : {}), region: ref.region, type: ref.type })}`;
}

export function jobDetailOptions(ref: JobRef) {
  return queryOptions({
    queryKey: jobKeys.detail(ref),
    queryFn: ({ signal }) => fetchJson<JobDetailResponse>(lookupUrl("/api/jobs", ref.jobId, ref), { signal }),
  });
}

/** Looks a task up by instance ID: a reset may give the task a new task ID. */
export function instanceOptions(ref: InstanceRef) {
  return queryOptions({
    queryKey: jobKeys.instance(ref),
    queryFn: ({ signal }) => fetchJson<InstanceResponse>(lookupUrl("/api/instances", ref.instanceId, ref), { signal }),
  });
}
