import "server-only";
// The hash of what a reset request saw of its task's configuration: the DescribeDtsJobs item and
// the DescribeDtsJobDetail of the direction, without what changes by itself while a task runs
// (statuses, delays, checkpoints, progress, errors, times). The status is compared on its own.
import { createHash } from "node:crypto";

const VOLATILE_KEY = /status|delay|checkpoint|performance|error|progress|percent|time$|expire|memory|cpu|reserved|requestid|^success$|^code$|^httpstatuscode$/i;

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (VOLATILE_KEY.test(key)) continue;
      out[key] = stable((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

export function snapshotHash(job: Record<string, unknown>, detail: Record<string, unknown>): string {
  return createHash("sha256").update(JSON.stringify(stable({ job, detail }))).digest("hex");
}
