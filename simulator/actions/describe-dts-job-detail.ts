// DescribeDtsJobDetail (dts-api.md section 3): one job, either direction of a two-way instance.

import { instanceNotFound, missingParameter } from "../errors";
import { detailView } from "../job-view";
import { PRECHECK_ITEMS } from "../precheck";
import { designateJob, optionalParam, parseDirection } from "./params";
import { fail, succeed, type ActionHandler } from "./types";

export const describeDtsJobDetail: ActionHandler = ({ params, state, config }) => {
  const jobId = optionalParam(params, "DtsJobId");
  if (!jobId) return fail(missingParameter("DtsJobId"));
  const direction = parseDirection(params);
  if (!direction.ok) return fail(direction.error);

  const designated = designateJob(state, jobId, direction.value);
  if (!designated.ok) return fail(designated.error);
  const { instance, job } = designated.value;

  // This action spells it `DtsInstanceID`; the other actions' `DtsInstanceId` is accepted too.
  // A job and an instance that do not belong together are "not found", as is a wrong region.
  const instanceId = optionalParam(params, "DtsInstanceID", "DtsInstanceId");
  if (instanceId !== undefined && instanceId !== instance.instanceId) return fail(instanceNotFound());
  const regionId = optionalParam(params, "RegionId");
  if (regionId !== undefined && regionId !== instance.region) return fail(instanceNotFound());

  // A reset that still lags shows the job as it was (resetLag); this read counts.
  const shown = state.observeJob(instance, designated.value.direction) ?? job;
  // A task whose own precheck failed reports those items (and DTS's repair advice) in PrecheckStatus.Detail.
  const precheckFailures = (state.prechecks.runOf(shown.jobId)?.failures ?? []).map((f) => ({
    ...f,
    description: PRECHECK_ITEMS.find((i) => i.Item === f.item)?.description ?? f.item,
  }));
  return succeed(detailView(instance, shown, { lowercaseStatus: config.lowercaseDetailStatus, delayUnit: config.detailDelayUnit, precheckFailures }));
};
