import "server-only";
import type { TaskSearch } from "@/lib/dts/operations";

const JOB_ID = /^[a-z0-9]{8,32}$/;
const INSTANCE_ID = /^dts[a-z0-9]{8,32}$/;

/**
 * The search box takes a name, a task ID or an instance ID. DescribeDtsJobs searches each with a
 * different parameter, so pick the one the text looks like; the caller falls back to a name
 * search when an ID-shaped text finds nothing (a name can look like an ID).
 */
export function searchFromText(text: string | undefined): TaskSearch | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  if (INSTANCE_ID.test(value)) return { by: "instanceId", value };
  if (JOB_ID.test(value)) return { by: "jobId", value };
  return { by: "name", value };
}
