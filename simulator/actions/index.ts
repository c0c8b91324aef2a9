// The three simulated DTS actions by name.

import type { SimulatedAction } from "../model";
import { describeDtsJobDetail } from "./describe-dts-job-detail";
import { describeDtsJobs } from "./describe-dts-jobs";
import { resetDtsJob } from "./reset-dts-job";
import type { ActionHandler } from "./types";

export const ACTION_HANDLERS: Readonly<Record<SimulatedAction, ActionHandler>> = {
  DescribeDtsJobs: describeDtsJobs,
  DescribeDtsJobDetail: describeDtsJobDetail,
  ResetDtsJob: resetDtsJob,
};

export type { ActionContext, ActionHandler, ActionOutcome } from "./types";
