// The per-phase status objects (PrecheckStatus, StructureInitializationStatus, ...) that DTS
// attaches to each job. They are derived from the job's status rather than stored, so a reset or a
// status change made through the control API always leaves them consistent.

import type { JobRecord, JobType } from "./model";

export interface PhaseStatus {
  Status: string;
  Percent: string;
  Progress: string;
  ErrorMessage: string;
}

export interface JobPhases {
  PrecheckStatus: PhaseStatus & { Detail: unknown[] };
  StructureInitializationStatus: PhaseStatus;
  DataInitializationStatus: PhaseStatus;
  DataSynchronizationStatus: PhaseStatus & { NeedUpgrade: boolean };
}

const phase = (Status: string, Percent = "0", Progress = "0", ErrorMessage = ""): PhaseStatus => ({ Status, Percent, Progress, ErrorMessage });
const notStarted = (): PhaseStatus => phase("NotStarted");
const finished = (progress = "0"): PhaseStatus => phase("Finished", "100", progress);

/** How far the job got: 0 nothing, 1 precheck, 2 structure init, 3 data init, 4 incremental. */
function stageOf(status: string): number {
  switch (status) {
    case "NotConfigured":
    case "NotStarted":
      return 0;
    case "Prechecking":
    case "PrecheckFailed":
    case "PreCheckPass":
      return 1;
    case "Initializing":
    case "InitializeFailed":
    case "Migrating":
    case "MigrationFailed":
      return 3;
    default:
      return 4;
  }
}

/** A failed item of the task's last precheck run (precheck.ts), as Detail's PrecheckStatus.Detail reports it. */
export interface PrecheckFailureView {
  item: string;
  description: string;
  message: string;
  repairMethod: string;
}

function precheck(status: string, error: string, failures: readonly PrecheckFailureView[] = []): JobPhases["PrecheckStatus"] {
  if (status === "Prechecking") return { ...phase("Checking", "45", "9"), Detail: [] };
  if (status === "PrecheckFailed" && failures.length > 0) {
    // The items the task's own precheck failed on, with the same message and repair advice as
    // DescribePreCheckStatus (dts-api.md: Detail[] with CheckItem, CheckItemDescription, CheckResult, FailedReason, RepairMethod).
    return {
      ...phase("Failed", "100", "20", error),
      Detail: failures.map((f) => ({ CheckItem: f.item, CheckItemDescription: f.description, CheckResult: "Failed", FailedReason: f.message, RepairMethod: f.repairMethod })),
    };
  }
  if (status === "PrecheckFailed") {
    return {
      ...phase("Failed", "100", "20", error),
      Detail: [{ CheckItem: "CHECK_SRC_BINLOG_FORMAT", CheckItemDescription: "Check the binlog format of the source database", CheckResult: "Failed", FailedReason: error, RepairMethod: "Set binlog_format to ROW and restart the precheck." }],
    };
  }
  if (stageOf(status) === 0) return { ...notStarted(), Detail: [] };
  return { ...finished("20"), Detail: [] };
}

function incrementalStatus(status: string): string {
  switch (status) {
    case "Synchronizing":
    case "Normal":
      return "Catched";
    case "Suspending":
      return "Suspending";
    case "Failed":
    case "Abnormal":
      return "Failed";
    case "Finished":
      return "Finished";
    default:
      return "Migrating";
  }
}

export function phasesOf(jobType: JobType, job: JobRecord, precheckFailures: readonly PrecheckFailureView[] = []): JobPhases {
  const { status, errorMessage } = job;
  const stage = stageOf(status);
  const mode = job.migrationMode;
  const initFailed = status === "InitializeFailed" || status === "MigrationFailed";
  const structure = stage < 2 || mode?.StructureInitialization === false ? notStarted() : finished("12");
  let data: PhaseStatus = notStarted();
  if (stage === 3) data = initFailed ? phase("Failed", "62", "181230", errorMessage) : phase("Migrating", "62", "181230");
  else if (stage === 4 && mode?.DataInitialization !== false) data = finished("292310");
  let incremental: PhaseStatus = notStarted();
  if (stage === 4 && jobType !== "MIGRATION") {
    incremental = phase(incrementalStatus(status), "95", "0", ["Failed", "Abnormal", "Retrying"].includes(status) ? errorMessage : "");
  }
  return {
    PrecheckStatus: precheck(status, errorMessage, precheckFailures),
    StructureInitializationStatus: structure,
    DataInitializationStatus: data,
    DataSynchronizationStatus: { ...incremental, NeedUpgrade: false },
  };
}
