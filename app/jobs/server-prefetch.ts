import "server-only";
// The first answer of the task pages, read on the server while the page renders, so the rows are
// in the HTML instead of a second round trip after hydration. It calls what the API routes call
// (app/api/jobs/route.ts, app/api/jobs/[jobId]/route.ts) with the query the browser would send,
// parsed by the same schemas, and stores it under the browser query's own key: the client picks it
// up from <HydrationBoundary> and takes over (filters, paging, refresh) without reading it again.
// The page has already checked the role (requirePageRole), as the route would.
import type { QueryClient } from "@tanstack/react-query";
import { jobIdParam, listJobsQuerySchema, taskLookupQuerySchema } from "@/lib/domain/api";
import type { TaskTypeParam } from "@/lib/domain/api-constants";
import { getStore } from "@/lib/db/connection";
import { listResetsForInstance } from "@/lib/audit/reset-queries";
import { getAccountRegistry } from "@/lib/accounts/registry";
import { resetResultsOf } from "@/lib/reset/dto";
import type { ResetResult } from "@/lib/domain/reset-record";
import { resetKeys } from "@/lib/client/reset-keys";
import { getTaskWithDetail, listTasks } from "@/lib/tasks/service";
import { jobKeys, type JobsListParams } from "@/lib/client/job-keys";
import type { JobDetailResponse } from "@/lib/client/types";
import { jobsListUrl } from "@/lib/client/job-queries";
import { apiQueryParams } from "@/lib/client/query-client";

/** Never throws: a failure leaves the query out of what is sent, and the browser asks the API. */
export function prefetchTaskList(queryClient: QueryClient, params: JobsListParams): Promise<void> {
  return queryClient.prefetchQuery({
    queryKey: jobKeys.list(params),
    queryFn: () => {
      const query = listJobsQuerySchema.parse(apiQueryParams(jobsListUrl(params)));
      const account = query.account ?? getAccountRegistry().defaultAccount;
      return listTasks(getAccountRegistry().client(account), query, account);
    },
  });
}

/** The task with its detail, then the task's reset history (as GET /api/instances/{id}/resets reads it). */
export async function prefetchTaskDetail(queryClient: QueryClient, ref: { jobId: string; region: string; type: TaskTypeParam; account: string | null }): Promise<void> {
  await queryClient.prefetchQuery({
    queryKey: jobKeys.detail(ref),
    queryFn: () => {
      const jobId = jobIdParam.parse(ref.jobId);
      const { region, type } = taskLookupQuerySchema.parse({ region: ref.region, type: ref.type });
      const account = ref.account ?? getAccountRegistry().defaultAccount;
      return getTaskWithDetail(getAccountRegistry().client(account), region, jobId, type, account);
    },
  });
  const instanceId = queryClient.getQueryData<JobDetailResponse>(jobKeys.detail(ref))?.job.instanceId;
  if (!instanceId) return;
  await queryClient.prefetchQuery({
    queryKey: resetKeys.instance(instanceId),
    queryFn: async (): Promise<{ items: ResetResult[] }> => {
      const store = await getStore();
      const records = await listResetsForInstance(store, jobIdParam.parse(instanceId));
      return { items: await resetResultsOf(store, records) };
    },
  });
}
