// Words for the reset outcomes, shared by /resets, /resets/[id] and the task page.
import type { ResetStatus } from "@/lib/domain/reset-record";

export const OUTCOME_LABELS: Record<ResetStatus, string> = {
  succeeded: "Succeeded",
  failed: "Failed",
  unknown: "Unknown",
  pending: "Pending",
};

/** What each outcome means for the operator, in one line. */
export const OUTCOME_MEANINGS: Record<ResetStatus, string> = {
  succeeded: "DTS accepted the reset.",
  failed: "DTS refused the reset; the task was not changed.",
  unknown: "No answer from DTS: the reset may or may not have happened. The console checks the task and resolves this.",
  pending: "Sent to DTS, waiting for its answer.",
};
