// Response shapes of the console's JSON API, as the browser sees them. Types only: nothing here
// reaches the bundle. Task shapes come from lib/domain; the reset record is defined by the API
// contract (app/api/jobs/[jobId]/reset).
import type { DtsTask, DtsTaskDetail } from "@/lib/domain/task";
import type { JobType } from "@/lib/domain/status";
import type { ResetResult } from "@/lib/domain/reset-record";

export type { ResetFailure, ResetResult, ResetDetail, ResetPage } from "@/lib/domain/reset-record";
export type { ResetRecordStatus as ResetStatus } from "@/lib/domain/reset-record";

export interface ApiErrorBody {
  code: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
  dtsCode?: string;
  retrySafe?: boolean;
  issues?: unknown;
  reset?: ResetResult;
}

export interface JobDetailResponse {
  job: DtsTask;
  detail: { forward: DtsTaskDetail; reverse: DtsTaskDetail | null };
}

export interface InstanceResponse {
  job: DtsTask;
}

export interface ResetResponse {
  reset: ResetResult;
}

/** The list's type parameter: lower case in URLs and the API, upper case in DTS. */
export type TaskTypeParam = "sync" | "subscribe";

export function typeParamOf(type: JobType): TaskTypeParam {
  return type === "SUBSCRIBE" ? "subscribe" : "sync";
}

export function jobTypeOf(type: TaskTypeParam): JobType {
  return type === "subscribe" ? "SUBSCRIBE" : "SYNC";
}
