// DescribeJobMonitorRule (https://help.aliyun.com/zh/dts/developer-reference/api-describejobmonitorrule;
// [SDK] DescribeJobMonitorRuleRequest/ResponseBody): a task's alert rules. DtsJobId is required,
// RegionId optional; the answer carries DtsJobId, MonitorRules (Type, State, DelayRuleTime, Phone,
// JobType) and Topics. A task that was reset has no rules until a configure call sets them again.

import { instanceNotFound, missingParameter } from "../errors";
import { optionalParam } from "./params";
import { fail, succeed, type ActionHandler } from "./types";

export const describeJobMonitorRule: ActionHandler = ({ params, state }) => {
  const jobId = optionalParam(params, "DtsJobId");
  if (!jobId) return fail(missingParameter("DtsJobId"));
  const location = state.findJob(jobId);
  if (!location) return fail(instanceNotFound());
  const regionId = optionalParam(params, "RegionId");
  if (regionId !== undefined && regionId !== location.instance.region) return fail(instanceNotFound());
  return succeed({ DtsJobId: location.job.jobId, MonitorRules: (location.job.monitorRules ?? []).map((rule) => ({ ...rule })), Topics: [] });
};
