import "server-only";
import { LIST_PAGE_SIZES } from "@/lib/domain/api-constants";
import type { JobType } from "@/lib/domain/status";
import type { Direction, DtsTaskDetail } from "@/lib/domain/task";
import { DtsError } from "./errors";
import type { MonitorRule } from "@/lib/domain/alerts";
import { parseJobDetail, parseJobList, parseMonitorRules, type ParsedJobPage } from "./parse";
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

export interface ResetJobOptions {
  /**
   * Awaited before every attempt (the first and any retry of a throttled one): the bulk worker's
   * pacing, so that retries spend the same per-account budget as first tries.
   */
  beforeAttempt?: () => Promise<void>;
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

/**
 * ConfigureDtsJob (https://www.alibabacloud.com/help/en/dts/developer-reference/api-configuredtsjob).
 * `parameters` holds every parameter except DbList, Reserve and the passwords, named and spelt as
 * DTS expects (`DestinationEndpointDataBaseName`, `SourceEndpointInstanceID`, ...).
 */
export interface ConfigureJobInput {
  region: string;
  parameters: Readonly<Record<string, string>>;
  /** JSON strings, sent in the form body as Alibaba's SDK does. */
  dbList: string | null;
  reserve: string | null;
  /**
   * Sent in the form body too (not in the URL, where a proxy or an error message might show it);
   * DTS's RPC gateway reads parameters from either. Never logged, never recorded.
   */
  passwords: { source: string; destination: string };
}

export interface ConfigureJobAnswer {
  requestId: string | null;
  httpStatus: number;
  /** What DTS says it configured (`DtsJobId`, `DtsInstanceId`), when it says. */
  jobId: string | null;
  instanceId: string | null;
}

/**
 * ConfigureSubscription (https://help.aliyun.com/zh/dts/developer-reference/api-configuresubscription;
 * [SDK] ConfigureSubscriptionRequest.ts): a change tracking task. `parameters` holds every
 * parameter except DbList, Reserve and the source password (there is no destination).
 */
export interface ConfigureSubscriptionInput {
  region: string;
  parameters: Readonly<Record<string, string>>;
  /** JSON strings, in the form body like ConfigureDtsJob's (the SDK puts DbList in the query; the RPC gateway reads either). */
  dbList: string | null;
  reserve: string | null;
  /** In the form body, never in the URL. Never logged, never recorded. */
  sourcePassword: string;
}

/** StartDtsJob (https://www.alibabacloud.com/help/en/dts/developer-reference/api-startdtsjob). */
export interface StartJobInput {
  region: string;
  jobId: string;
  instanceId: string;
  direction: Direction;
}

export interface StartJobAnswer {
  requestId: string | null;
  httpStatus: number;
}

/** DescribePreCheckStatus (https://help.aliyun.com/zh/dts/developer-reference/api-describeprecheckstatus). */
export interface PrecheckInput {
  region: string;
  jobId: string;
  /** `01` precheck, `02` schema, `03` full data, `04` incremental. */
  jobCode: "01" | "02" | "03" | "04";
  pageSize?: number;
}

export interface PrecheckItem {
  item: string;
  names: string | null;
  /** DTS's item state: Success, Failed, Warning, Checking, ... */
  state: string;
  message: string | null;
  repairMethod: string | null;
}

export interface PrecheckStatus {
  /** NotStarted, Checking, Failed, Finished, Migrating, Catched, Suspending. */
  state: string;
  total: number;
  items: PrecheckItem[];
  requestId: string | null;
}

/** DescribeJobMonitorRule (https://help.aliyun.com/zh/dts/developer-reference/api-describejobmonitorrule): a task's alert rules. */
export interface MonitorRulesInput {
  region: string;
  jobId: string;
}

export interface MonitorRulesResult {
  rules: MonitorRule[];
  requestId: string | null;
}

export interface DtsClient {
  listJobs(input: ListJobsInput, options?: ReadOptions): Promise<ListJobsResult>;
  getJobDetail(input: JobDetailInput, options?: ReadOptions): Promise<DtsTaskDetail & ReadMeta>;
  resetJob(input: ResetJobInput, options?: ResetJobOptions): Promise<ResetJobAnswer>;
  /** Non-idempotent: a timeout or 5xx is an unknown outcome and is never retried. */
  configureJob(input: ConfigureJobInput): Promise<ConfigureJobAnswer>;
  /** Non-idempotent, like configureJob (a change tracking task's configuration). */
  configureSubscription(input: ConfigureSubscriptionInput): Promise<ConfigureJobAnswer>;
  /** Non-idempotent, like configureJob. */
  startJob(input: StartJobInput): Promise<StartJobAnswer>;
  describePrecheck(input: PrecheckInput): Promise<PrecheckStatus>;
  describeMonitorRules(input: MonitorRulesInput, options?: ReadOptions): Promise<MonitorRulesResult & ReadMeta>;
}

const textOf = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : null);

/** DescribePreCheckStatus's body, read leniently: an item DTS shapes differently is kept with what it has. */
export function parsePrecheckStatus(body: Record<string, unknown>): Omit<PrecheckStatus, "requestId"> {
  const progress = Array.isArray(body.JobProgress) ? body.JobProgress : [];
  const items = progress
    .filter((entry): entry is Record<string, unknown> => !!entry && typeof entry === "object")
    .map((entry) => ({
      item: textOf(entry.Item) ?? textOf(entry.Names) ?? "(unnamed item)",
      names: textOf(entry.Names),
      state: textOf(entry.State) ?? "Unknown",
      message: textOf(entry.ErrMsg) ?? textOf(entry.ErrDetail),
      repairMethod: textOf(entry.RepairMethod),
    }));
  const total = Number(body.Total ?? body.TotalRecordCount ?? items.length);
  return { state: textOf(body.State) ?? "Unknown", total: Number.isFinite(total) ? total : items.length, items };
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

/**
 * DescribeDtsJobs' PageSize: the current SDK models document 10/20/30 (default 20), older pages
 * 30/50/100 (default 30), and which set the service enforces is not documented
 * (https://www.alibabacloud.com/help/en/dts/developer-reference/api-describedtsjobs). The console
 * asks for its own size; if DTS refuses it as an invalid PageSize, it switches to the older set
 * for the rest of the process, asking for a DTS page that holds the console's page whole (10 in
 * 30, 20 in 100, 30 in 30: each divides the other) and cutting it out. Still one call per page.
 */
export const LEGACY_PAGE_SIZE_FOR: Readonly<Record<PageSize, number>> = { 10: 30, 20: 100, 30: 30 };

/** DTS refused the PageSize value itself (InvalidParameter naming PageSize). */
export function isPageSizeRefusal(error: unknown): boolean {
  return error instanceof DtsError && error.kind === "invalid" && /PageSize/.test(error.message);
}

/** The console's page `page` of size `pageSize`, as a DTS page of size `dtsPageSize` and an offset in it. */
export function pageWindow(page: number, pageSize: number, dtsPageSize: number): { dtsPage: number; offset: number } {
  const start = (page - 1) * pageSize;
  const dtsPage = Math.floor(start / dtsPageSize) + 1;
  return { dtsPage, offset: start - (dtsPage - 1) * dtsPageSize };
}

export function createDtsClient(transport: DtsTransport, retry: RetrySettings): DtsClient {
  const reads = readPolicy(retry);
  const resets = resetPolicy(retry);
  /** Set once DTS has refused a page size of the SDK's set: from then on, the older set. */
  let legacyPageSizes = false;

  async function listPage(input: ListJobsInput, pageNumber: number, pageSize: number) {
    const query: Record<string, string> = {
      Region: input.region,
      JobType: input.type,
      PageNumber: String(pageNumber),
      PageSize: String(pageSize),
      ...searchParams(input.search),
    };
    if (input.status) query.Status = input.status;
    return transport.call("DescribeDtsJobs", input.region, query, reads);
  }

  return {
    async listJobs(input) {
      if (!legacyPageSizes || LEGACY_PAGE_SIZE_FOR[input.pageSize] === input.pageSize) {
        try {
          const answer = await listPage(input, input.page, input.pageSize);
          return { ...parseJobList(answer.body, input.region, input.type), requestId: answer.requestId, ...freshMeta() };
        } catch (error) {
          if (!isPageSizeRefusal(error) || LEGACY_PAGE_SIZE_FOR[input.pageSize] === input.pageSize) throw error;
          legacyPageSizes = true;
        }
      }
      const dtsPageSize = LEGACY_PAGE_SIZE_FOR[input.pageSize];
      const { dtsPage, offset } = pageWindow(input.page, input.pageSize, dtsPageSize);
      const answer = await listPage(input, dtsPage, dtsPageSize);
      const list = Array.isArray(answer.body.DtsJobList) ? answer.body.DtsJobList : [];
      const body = { ...answer.body, DtsJobList: list.slice(offset, offset + input.pageSize), PageNumber: input.page };
      return { ...parseJobList(body, input.region, input.type), requestId: answer.requestId, ...freshMeta() };
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

    async resetJob(input, options = {}) {
      const answer = await transport.call(
        "ResetDtsJob",
        input.region,
        {
          DtsJobId: input.jobId,
          DtsInstanceId: input.instanceId,
          SynchronizationDirection: input.direction,
          RegionId: input.region,
        },
        options.beforeAttempt ? { ...resets, beforeAttempt: options.beforeAttempt } : resets,
      );
      return { requestId: answer.requestId, httpStatus: answer.httpStatus, attempts: answer.attempts };
    },

    async configureJob(input) {
      const body: Record<string, string> = {};
      if (input.dbList !== null) body.DbList = input.dbList;
      if (input.reserve !== null) body.Reserve = input.reserve;
      if (input.passwords.source !== "") body.SourceEndpointPassword = input.passwords.source;
      if (input.passwords.destination !== "") body.DestinationEndpointPassword = input.passwords.destination;
      // Same policy as a reset: retried only when DTS certainly did not receive it.
      const answer = await transport.call("ConfigureDtsJob", input.region, { ...input.parameters, RegionId: input.region }, resets, body);
      return {
        requestId: answer.requestId,
        httpStatus: answer.httpStatus,
        jobId: textOf(answer.body.DtsJobId),
        instanceId: textOf(answer.body.DtsInstanceId),
      };
    },

    async configureSubscription(input) {
      const body: Record<string, string> = {};
      if (input.dbList !== null) body.DbList = input.dbList;
      if (input.reserve !== null) body.Reserve = input.reserve;
      if (input.sourcePassword !== "") body.SourceEndpointPassword = input.sourcePassword;
      // Same policy as a reset: retried only when DTS certainly did not receive it.
      const answer = await transport.call("ConfigureSubscription", input.region, { ...input.parameters, RegionId: input.region }, resets, body);
      return {
        requestId: answer.requestId,
        httpStatus: answer.httpStatus,
        jobId: textOf(answer.body.DtsJobId),
        instanceId: textOf(answer.body.DtsInstanceId),
      };
    },

    async startJob(input) {
      const answer = await transport.call(
        "StartDtsJob",
        input.region,
        { DtsJobId: input.jobId, DtsInstanceId: input.instanceId, SynchronizationDirection: input.direction, RegionId: input.region },
        resets,
      );
      return { requestId: answer.requestId, httpStatus: answer.httpStatus };
    },

    async describePrecheck(input) {
      const answer = await transport.call(
        "DescribePreCheckStatus",
        input.region,
        { DtsJobId: input.jobId, JobCode: input.jobCode, RegionId: input.region, PageNo: "1", PageSize: String(input.pageSize ?? 50) },
        reads,
      );
      return { ...parsePrecheckStatus(answer.body), requestId: answer.requestId };
    },

    async describeMonitorRules(input) {
      // One attempt: the reset reads this on its way and must not wait through retries for it.
      const answer = await transport.call("DescribeJobMonitorRule", input.region, { DtsJobId: input.jobId, RegionId: input.region }, { ...reads, maxAttempts: 1 });
      return { ...parseMonitorRules(answer.body), ...freshMeta() };
    },
  };
}
