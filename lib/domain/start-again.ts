// "Start again" (issue 25): a reconfiguration whose StartDtsJob DTS refused, or whose precheck
// failed, is started again once the operator has fixed the cause. Each such StartDtsJob is a start
// attempt with its own record. The rule for offering the button (from the records alone; the
// server decides again on a fresh read of the task) and the record the API returns. Safe for the
// browser; the request's schema is in start-again-request.ts (zod stays off the pages).
import type { Direction } from "./task";
import type { CallFailure, PrecheckItemView, ReconfigurationRecord, ReconfigureStatus } from "./reconfigure";
import type { Equivalent } from "./runbook";

/** Where a start attempt stands; the last three are final. */
export const START_PROGRESS = ["starting", "prechecking", "initializing", "synchronizing", "precheck_failed", "failed"] as const;
export type StartProgress = (typeof START_PROGRESS)[number];
export const FINAL_START_PROGRESS: readonly StartProgress[] = ["synchronizing", "precheck_failed", "failed"];

/**
 * Task statuses a start may follow: configured but not started (StartDtsJob refused, or never
 * sent), or a failed precheck. StartDtsJob starts the precheck again from either
 * (configure-dts-job.md section 1.3; the older StartSynchronizationJob doc).
 */
export const STARTABLE_STATUSES = ["NotStarted", "PrecheckFailed"] as const;

export function isStartableStatus(status: string | null | undefined): boolean {
  return (STARTABLE_STATUSES as readonly string[]).includes(status ?? "");
}

/** One StartDtsJob sent by "Start again", as the JSON API returns it. */
export interface StartAttemptRecord {
  id: string;
  reconfigurationId: string;
  account: string;
  region: string;
  jobId: string;
  instanceId: string;
  direction: Direction;
  taskName: string;
  actor: string;
  actorRole: string;
  requestedAt: string;
  idempotencyKey: string | null;
  /** What the fresh read showed when the decision was made. */
  statusBefore: string;
  /** The StartDtsJob sent, as an `aliyun` command and a TypeScript SDK call. */
  equivalent: Equivalent;
  /** The StartDtsJob call. */
  status: ReconfigureStatus;
  finishedAt: string | null;
  requestId: string | null;
  httpStatus: number | null;
  error: CallFailure | null;
  resolvedBy: "response" | "reconciliation" | null;
  reconciledAt: string | null;
  reconciliationNote: string | null;
  progress: StartProgress;
  /** The precheck this start began: its state and every item that did not pass, with DTS's repair advice. */
  precheck: { state: string; total: number; failed: PrecheckItemView[]; at: string } | null;
  taskStatus: string | null;
  observedAt: string | null;
}

/** What "Start again" would follow: the latest start attempt, or else the reconfiguration's own start. */
export function latestStart(record: ReconfigurationRecord): { progress: string; taskStatus: string | null; open: boolean } {
  const attempt = record.startAttempts?.[0];
  if (attempt) {
    return {
      progress: attempt.progress,
      taskStatus: attempt.taskStatus ?? (attempt.progress === "failed" ? attempt.statusBefore : null),
      open: attempt.status === "pending" || attempt.status === "unknown" || !FINAL_START_PROGRESS.includes(attempt.progress),
    };
  }
  const open = record.status === "pending" || record.status === "unknown" || record.start?.status === "pending" || record.start?.status === "unknown";
  return { progress: record.progress, taskStatus: record.taskStatus, open: open || !["synchronizing", "precheck_failed", "failed"].includes(record.progress) };
}

/**
 * Whether a reconfiguration offers "Start again", from the records alone: DTS accepted the
 * configuration, nothing of it is in flight, and the last start ended with the task left
 * startable (a refused StartDtsJob, a failed precheck). The server checks again on a fresh read.
 */
export function offersStartAgain(record: ReconfigurationRecord): boolean {
  if (record.status !== "succeeded") return false;
  const latest = latestStart(record);
  if (latest.open) return false;
  if (latest.progress !== "precheck_failed" && latest.progress !== "failed") return false;
  return isStartableStatus(latest.taskStatus);
}
