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

export interface JobDetailInput {
  region: string;
  jobId: string;
  instanceId?: string;
  direction: Direction;
}

/** How fresh a read must be (see lib/dts/quota.ts, which honours these). */
export interface ReadOptions {
  /** Ask DTS now: no cached answer, no sharing with a read that began earlier. For a reset's re-read. */
  fresh?: boolean;
  /** When DTS is limiting requests, may an older cached answer stand in? Default true. */
  allowStale?: boolean;
}

/** Besides the data, when DTS produced it and whether it came from the cache under the limit. */
export interface ReadMeta {
  asOf: string;
  stale: boolean;
  limited: boolean;
}

export type ListJobsResult = ParsedJobPage & { requestId: string | null } & ReadMeta;

export interface DtsClient {
  listJobs(input: ListJobsInput, options?: ReadOptions): Promise<ListJobsResult>;
  getJobDetail(input: JobDetailInput, options?: ReadOptions): Promise<DtsTaskDetail & ReadMeta>;
  resetJob(input: ResetJobInput): Promise<ResetJobAnswer>;
}

function freshMeta(): ReadMeta {
  return { asOf: new Date().toISOString(), stale: false, limited: false };
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
      return { ...parseJobList(answer.body, input.region, input.type), requestId: answer.requestId, ...freshMeta() };
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
      return { ...parseJobDetail(answer.body, input.direction), ...freshMeta() };
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
