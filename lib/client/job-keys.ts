import type { TaskTypeParam } from "@/lib/domain/api-constants";

export interface JobsListParams {
  region: string;
  type: TaskTypeParam;
  status: string | null;
  q: string;
  page: number;
  pageSize: number;
}

export interface JobRef {
  jobId: string;
  region: string;
  type: TaskTypeParam;
}

export interface InstanceRef {
  instanceId: string;
  region: string;
  type: TaskTypeParam;
}

/**
 * Query keys, broad to narrow (https://tkdodo.eu/blog/effective-react-query-keys/): after a reset
 * `jobKeys.all` invalidates every list, detail and instance lookup at once.
 */
export const jobKeys = {
  all: ["jobs"] as const,
  lists: () => [...jobKeys.all, "list"] as const,
  list: (params: JobsListParams) => [...jobKeys.lists(), params] as const,
  details: () => [...jobKeys.all, "detail"] as const,
  detail: (ref: JobRef) => [...jobKeys.details(), ref] as const,
  instances: () => [...jobKeys.all, "instance"] as const,
  instance: (ref: InstanceRef) => [...jobKeys.instances(), ref] as const,
};
