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

export function jobDetailOptions(ref: JobRef) {
  const search = new URLSearchParams({ region: ref.region, type: ref.type });
  return queryOptions({
    queryKey: jobKeys.detail(ref),
    queryFn: ({ signal }) =>
      fetchJson<JobDetailResponse>(`/api/jobs/${encodeURIComponent(ref.jobId)}?${search}`, { signal }),
  });
}

/** Looks a task up by instance ID: a reset may give the task a new task ID. */
export function instanceOptions(ref: InstanceRef) {
  const search = new URLSearchParams({ region: ref.region, type: ref.type });
  return queryOptions({
    queryKey: jobKeys.instance(ref),
    queryFn: ({ signal }) =>
      fetchJson<InstanceResponse>(`/api/instances/${encodeURIComponent(ref.instanceId)}?${search}`, { signal }),
  });
}
