// The simulated DTS actions by name.

import type { SimulatedAction } from "../model";
import { describeDtsJobDetail } from "./describe-dts-job-detail";
import { describeDtsJobs } from "./describe-dts-jobs";
import { resetDtsJob } from "./reset-dts-job";
import { configureDtsJob } from "./configure-dts-job";
import { configureSubscription } from "./configure-subscription";
import { describePreCheckStatus } from "./describe-pre-check-status";
import { startDtsJob } from "./start-dts-job";
import { describeJobMonitorRule } from "./describe-job-monitor-rule";
import type { ActionHandler } from "./types";

export const ACTION_HANDLERS: Readonly<Record<SimulatedAction, ActionHandler>> = {
  DescribeDtsJobs: describeDtsJobs,
  DescribeDtsJobDetail: describeDtsJobDetail,
  ResetDtsJob: resetDtsJob,
  ConfigureDtsJob: configureDtsJob,
  ConfigureSubscription: configureSubscription,
  StartDtsJob: startDtsJob,
  DescribePreCheckStatus: describePreCheckStatus,
  DescribeJobMonitorRule: describeJobMonitorRule,
};

export type { ActionContext, ActionHandler, ActionOutcome } from "./types";
