import type { TaskTypeParam } from "@/lib/domain/api-constants";
import { recordKeys } from "./query-keys";

export interface JobsListParams {
  /** The Alibaba Cloud account (its id); null: the console's default. */
  account: string | null;
  region: string;
  type: TaskTypeParam;
  status: string | null;
  q: string;
  page: number;
  pageSize: number;
}

export interface JobRef {
  account?: string | null;
  jobId: string;
  region: string;
  type: TaskTypeParam;
}

export interface InstanceRef {
  account?: string | null;
  instanceId: string;
  region: string;
  type: TaskTypeParam;
}

/**
 * Query keys of the tasks, broad to narrow: after a reset `jobKeys.all` invalidates every list,
 * detail and instance lookup at once.
 */
export const jobKeys = {
  ...recordKeys<JobsListParams, JobRef>("jobs"),
  instances: () => [...jobKeys.all, "instance"] as const,
  instance: (ref: InstanceRef) => [...jobKeys.instances(), ref] as const,
};
