import "server-only";
import { LIST_PAGE_SIZES } from "@/lib/domain/api-constants";
import type { JobType } from "@/lib/domain/status";
import type { Direction, DtsTaskDetail } from "@/lib/domain/task";
import { parseJobDetail, parseJobList, type ParsedJobPage } from "./parse";
import { readPolicy, resetPolicy, type RetrySettings } from "./retry";
import type { DtsTransport } from "./transport";

export type PageSize = (typeof LIST_PAGE_SIZES)[number];

export type TaskSearch =
  | { by: "name"; value: string }
  | { by: "jobId"; value: string }
  | { by: "instanceId"; value: string };

export interface ListJobsInput {
  region: string;
  type: Extract<JobType, "SYNC" | "SUBSCRIBE">;
  status?: string;
  search?: TaskSearch;
  page: number;
  pageSize: PageSize;
}

export interface ResetJobInput {
  region: string;
  jobId: string;
  instanceId: string;
  direction: Direction;
}

export interface ResetJobAnswer {
  requestId: string | null;
  httpStatus: number;
  attempts: number;
}

export interface DtsClient {
  listJobs(input: ListJobsInput): Promise<ParsedJobPage & { requestId: string | null }>;
  getJobDetail(input: { region: string; jobId: string; instanceId?: string; direction: Direction }): Promise<DtsTaskDetail>;
  resetJob(input: ResetJobInput): Promise<ResetJobAnswer>;
}

function searchParams(search: TaskSearch | undefined): Record<string, string> {
  if (!search) return {};
  if (search.by === "name") return { Type: "name", Params: search.value };
  if (search.by === "jobId") return { DtsJobId: search.value };
  return { DtsInstanceId: search.value };
}

export function createDtsClient(transport: DtsTransport, retry: RetrySettings): DtsClient {
  const reads = readPolicy(retry);
  const resets = resetPolicy(retry);

  return {
    async listJobs(input) {
      const query: Record<string, string> = {
        Region: input.region,
        JobType: input.type,
        PageNumber: String(input.page),
        PageSize: String(input.pageSize),
        ...searchParams(input.search),
      };
      if (input.status) query.Status = input.status;
      const answer = await transport.call("DescribeDtsJobs", input.region, query, reads);
      return { ...parseJobList(answer.body, input.region, input.type), requestId: answer.requestId };
    },

    async getJobDetail(input) {
      const query: Record<string, string> = {
        DtsJobId: input.jobId,
        RegionId: input.region,
        SynchronizationDirection: input.direction,
      };
      // DescribeDtsJobDetail spells it with a capital ID, unlike the other two actions.
      if (input.instanceId) query.DtsInstanceID = input.instanceId;
      const answer = await transport.call("DescribeDtsJobDetail", input.region, query, reads);
      return parseJobDetail(answer.body, input.direction);
    },

    async resetJob(input) {
      const answer = await transport.call(
        "ResetDtsJob",
        input.region,
        {
          DtsJobId: input.jobId,
          DtsInstanceId: input.instanceId,
          SynchronizationDirection: input.direction,
          RegionId: input.region,
        },
        resets,
      );
      return { requestId: answer.requestId, httpStatus: answer.httpStatus, attempts: answer.attempts };
    },
  };
}
