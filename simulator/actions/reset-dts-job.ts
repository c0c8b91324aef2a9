// ResetDtsJob (dts-api.md section 1): clear one direction's configuration and leave the job
// NotConfigured, refusing tasks DTS would refuse.

import { instanceNotFound, invalidParameter, jobTypeDenied, missingParameter } from "../errors";
import { isTwoWay, jobOf, type Direction } from "../model";
import { designateJob, optionalParam, parseDirection } from "./params";
import { fail, succeed, type ActionHandler } from "./types";

/** Statuses in which DTS refuses a reset (console guide: Prechecking, Locking, Starting; and an already reset task). */
export const RESET_REFUSED_STATUSES: ReadonlySet<string> = new Set(["NotConfigured", "Prechecking", "Locked", "Starting"]);

export const resetDtsJob: ActionHandler = ({ params, state, config }) => {
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
  // Reset is documented for synchronization and change tracking tasks only.
  if (location.instance.jobType === "MIGRATION") return fail(jobTypeDenied("MIGRATION"));

  const designated = designateJob(state, jobId, direction.value, { strict: config.strictJobDirection });
  if (!designated.ok) return fail(designated.error);
  const { instance, job } = designated.value;
  if (RESET_REFUSED_STATUSES.has(job.status)) {
    // The code DTS uses here is not documented: the `resetRefusal` option chooses it.
    const { code, httpStatus, message, style } = config.resetRefusal;
    const error = { httpStatus, code, message, dynamicMessage: message.includes("%s") ? job.status : undefined };
    return style ? { ok: false, error, style } : fail(error);
  }

  const lag = config.resetLag.reads;
  state.resetJob(instance, designated.value.direction, config.keepJobIdOnReset, lag);
  // What this does to the other direction of a two-way instance is not documented (twoWayResetEffect).
  if (isTwoWay(instance) && config.twoWayResetEffect !== "none") {
    const other: Direction = designated.value.direction === "Forward" ? "Reverse" : "Forward";
    const otherJob = jobOf(instance, other);
    if (otherJob && otherJob.status !== "NotConfigured") {
      if (config.twoWayResetEffect === "reset-other") state.resetJob(instance, other, config.keepJobIdOnReset, lag);
      else otherJob.status = "Suspending";
    }
  }
  // DTS returns no DtsJobId here, even when the task comes back under a new one.
  return succeed();
};
