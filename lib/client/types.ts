// Response shapes of the console's JSON API, as the browser sees them. Types only: nothing here
// reaches the bundle. Task and reset record shapes come from lib/domain; these are the envelopes
// the API wraps them in.
import type { DtsTask, DtsTaskDetail } from "@/lib/domain/task";
import type { ResetResult } from "@/lib/domain/reset-record";

export interface ApiErrorBody {
  code: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
  dtsCode?: string;
  retrySafe?: boolean;
  issues?: unknown;
  reset?: ResetResult;
  /** A reset request's refusals (issue 13) carry the request as it now stands. */
  request?: unknown;
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
