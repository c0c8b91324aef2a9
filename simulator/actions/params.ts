// Parameter helpers shared by the actions: reading optional values, the direction parameter, and
// finding the job a request designates.

import { instanceNotFound, invalidParameter, type DtsError } from "../errors";
import { jobOf, type Direction, type InstanceRecord, type JobRecord } from "../model";
import type { DtsState } from "../state";

/** A parameter's value, or undefined when absent or blank (DTS treats both as "not given"). */
export function optionalParam(params: Readonly<Record<string, string>>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = params[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** A comma-separated list parameter as a set of non-empty items. */
export function listParam(params: Readonly<Record<string, string>>, name: string): Set<string> | undefined {
  const value = optionalParam(params, name);
  if (!value) return undefined;
  return new Set(value.split(",").map((s) => s.trim()).filter(Boolean));
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: DtsError };

/** `SynchronizationDirection`: exactly `Forward` or `Reverse` when given. */
export function parseDirection(params: Readonly<Record<string, string>>): Parsed<Direction | undefined> {
  const value = optionalParam(params, "SynchronizationDirection");
  if (value === undefined) return { ok: true, value: undefined };
  if (value === "Forward" || value === "Reverse") return { ok: true, value };
  return { ok: false, error: invalidParameter("SynchronizationDirection") };
}

export interface DesignatedJob {
  instance: InstanceRecord;
  job: JobRecord;
  direction: Direction;
}

/**
 * The job a request designates. DtsJobId (of either direction) names the instance; an explicit
 * SynchronizationDirection then picks the job within it. Without one, the job whose ID was given is
 * meant, which is the forward job for a forward ID (DTS's documented default, Forward).
 * `Reverse` on a one-way instance is an invalid SynchronizationDirection.
 */
export function designateJob(
  state: DtsState,
  jobId: string,
  requested: Direction | undefined,
  options: { strict?: boolean } = {},
): Parsed<DesignatedJob> {
  const location = state.findJob(jobId);
  if (!location) return { ok: false, error: instanceNotFound() };
  // Strict (the `strictJobDirection` option): the documented default direction is Forward, and a
  // reverse job's ID with Forward names no job. A forward ID with Reverse is how the docs address the
  // reverse task of a two-way instance (https://alibabacloud.com/help/en/dts/developer-reference/api-resetdtsjob).
  if (options.strict && location.direction === "Reverse" && (requested ?? "Forward") === "Forward") {
    return { ok: false, error: invalidParameter("DtsJobId") };
  }
  const direction = requested ?? location.direction;
  const job = jobOf(location.instance, direction);
  if (!job) return { ok: false, error: invalidParameter("SynchronizationDirection") };
  return { ok: true, value: { instance: location.instance, job, direction } };
}
