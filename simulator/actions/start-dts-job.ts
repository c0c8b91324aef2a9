// StartDtsJob (configure-dts-job.md section 1.3; [SDK] StartDtsJobRequest.ts;
// https://www.alibabacloud.com/help/en/dts/developer-reference/api-startdtsjob): start a configured
// task. On a task that was configured without starting (NotStarted) or whose precheck failed, it
// starts the precheck; on a task that passed its precheck and waits (PreCheckPass), the modules
// after it. "A successful call means only that the request was accepted": read the task back.

import { instanceNotFound, invalidParameter, jobStatusDenied, missingParameter } from "../errors";
import { designateJob, optionalParam, parseDirection } from "./params";
import { fail, succeed, type ActionHandler } from "./types";

/** Statuses StartDtsJob accepts (StartSynchronizationJob doc: NotStarted, Failed, Suspending; plus a failed precheck). */
const STARTS_PRECHECK = new Set(["NotStarted", "PrecheckFailed"]);

export const startDtsJob: ActionHandler = ({ params, state }) => {
  const jobId = optionalParam(params, "DtsJobId");
  if (!jobId) return fail(missingParameter("DtsJobId"));
  const direction = parseDirection(params);
  if (!direction.ok) return fail(direction.error);
  const location = state.findJob(jobId);
  if (!location) return fail(instanceNotFound());
  const regionId = optionalParam(params, "RegionId");
  if (regionId !== undefined && regionId !== location.instance.region) return fail(instanceNotFound());
  const instanceId = optionalParam(params, "DtsInstanceId");
  if (instanceId !== undefined && instanceId !== location.instance.instanceId) return fail(invalidParameter("DtsInstanceId"));
  const designated = designateJob(state, jobId, direction.value);
  if (!designated.ok) return fail(designated.error);
  const { instance, job } = designated.value;

  if (STARTS_PRECHECK.has(job.status)) state.prechecks.begin(job, new Date().toISOString());
  else if (job.status === "PreCheckPass") state.prechecks.startAfterPass(job, instance.jobType === "SUBSCRIBE");
  else if (job.status === "Suspending" || job.status === "Failed") job.status = "Synchronizing";
  else return fail(jobStatusDenied(job.status));
  return succeed({});
};
