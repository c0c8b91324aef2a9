// Display helpers of the reset history, shared by /resets, /resets/[id] and the task page.
import { formatDateTime, formatTime } from "./format";
import type { ResetStatus } from "./types";

/**
 * "2026-07-01 10:22:05 UTC". Seconds, unlike the task list: an audit trail is compared with DTS's
 * own logs and two attempts a few seconds apart must read differently.
 */
export function formatInstant(iso: string | null | undefined): string | null {
  const dateTime = formatDateTime(iso);
  const time = formatTime(iso);
  return dateTime && time ? `${dateTime.slice(0, 10)} ${time}` : null;
}

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
