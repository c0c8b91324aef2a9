// Task status enums of DTS API 2020-01-01 and the rules the console derives from them. Safe for
// the browser. The enums are the `Status` parameter of DescribeDtsJobs:
// https://www.alibabacloud.com/help/en/dts/developer-reference/api-describedtsjobs
// simulator/model.ts spells the same enums again on purpose: the simulator stands for DTS and
// shares no code with lib/, so a mistake here cannot hide the same mistake there.

export const JOB_TYPES = ["SYNC", "SUBSCRIBE", "MIGRATION"] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const SYNC_STATUSES = [
  "NotStarted", "Prechecking", "PrecheckFailed", "PreCheckPass", "NotConfigured", "Initializing",
  "InitializeFailed", "Synchronizing", "Failed", "Suspending", "Modifying", "Finished", "Retrying",
  "Upgrade", "Locked", "Downgrade",
] as const;

export const SUBSCRIBE_STATUSES = [
  "NotConfigured", "NotStarted", "Prechecking", "PrecheckFailed", "PreCheckPass", "Starting",
  "Normal", "Retrying", "Abnormal", "Upgrade", "Locked", "Downgrade",
] as const;

export const MIGRATION_STATUSES = [
  "NotStarted", "Prechecking", "PrecheckFailed", "PreCheckPass", "NotConfigured", "Migrating",
  "Suspending", "MigrationFailed", "Finished", "Retrying", "Upgrade", "Locked", "Downgrade",
] as const;

export function statusesFor(type: JobType): readonly string[] {
  if (type === "SYNC") return SYNC_STATUSES;
  if (type === "SUBSCRIBE") return SUBSCRIBE_STATUSES;
  return MIGRATION_STATUSES;
}

const ALL_STATUSES: readonly string[] = Array.from(
  new Set<string>([...SYNC_STATUSES, ...SUBSCRIBE_STATUSES, ...MIGRATION_STATUSES]),
);
const BY_LOWER = new Map(ALL_STATUSES.map((s) => [s.toLowerCase(), s]));

/**
 * DTS is not consistent about case (DescribeDtsJobDetail documents `synchronizing`), so statuses
 * are matched without regard to case. An unknown string is kept as it came, never rejected.
 */
export function canonicalStatus(raw: string): { status: string; known: boolean } {
  const known = BY_LOWER.get(raw.trim().toLowerCase());
  return known ? { status: known, known: true } : { status: raw, known: false };
}

export type StatusTone = "running" | "transitional" | "failed" | "not-configured" | "stopped" | "unknown";

const TONES: Record<string, StatusTone> = {
  Synchronizing: "running", Normal: "running", Migrating: "running", Finished: "stopped",
  Suspending: "stopped", NotStarted: "stopped", PreCheckPass: "stopped",
  Prechecking: "transitional", Initializing: "transitional", Modifying: "transitional",
  Retrying: "transitional", Upgrade: "transitional", Downgrade: "transitional", Starting: "transitional",
  Locked: "transitional",
  PrecheckFailed: "failed", InitializeFailed: "failed", Failed: "failed", Abnormal: "failed",
  MigrationFailed: "failed",
  NotConfigured: "not-configured",
};

export function statusTone(status: string): StatusTone {
  return TONES[canonicalStatus(status).status] ?? "unknown";
}

/**
 * Why DTS would refuse a reset, as a code: the browser shows it in the reader's language
 * (app/jobs/_components/reset-dialog/blocked-reason.ts); resetBlockedReason is the English text
 * of the API and the logs.
 */
export type ResetBlockedCode = "already_not_configured" | "prechecking" | "locked" | "starting" | "unknown_status";

/** Statuses in which DTS refuses a reset (console guide: Prechecking, Locking, Starting). */
const BLOCKING: Record<string, ResetBlockedCode> = {
  NotConfigured: "already_not_configured",
  Prechecking: "prechecking",
  Locked: "locked",
  Starting: "starting",
};

const BLOCKED_TEXT: Record<Exclude<ResetBlockedCode, "unknown_status">, string> = {
  already_not_configured: "The task is already Not Configured: there is nothing to reset.",
  prechecking: "DTS does not allow a reset while the precheck is running.",
  locked: "DTS does not allow a reset while the task is locked.",
  starting: "DTS does not allow a reset while the task is starting.",
};

/** Why a task in this status cannot be reset, as a code, or null when it can. */
export function resetBlockedCode(status: string): ResetBlockedCode | null {
  const { status: canonical, known } = canonicalStatus(status);
  if (!known) return "unknown_status";
  return BLOCKING[canonical] ?? null;
}

/** Why a task in this status cannot be reset (English, for the API and the logs), or null when it can. */
export function resetBlockedReason(status: string): string | null {
  const code = resetBlockedCode(status);
  if (code === null) return null;
  if (code === "unknown_status") return `The status "${status}" is not one this console knows, so it will not reset the task.`;
  return BLOCKED_TEXT[code];
}
