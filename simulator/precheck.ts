// What happens to a task after ConfigureDtsJob / StartDtsJob: the precheck, then initialization,
// then incremental synchronization (configure-dts-job.md section 1.3). The simulator moves a task
// along this timeline on events tests control, never on the wall clock:
// - every DescribePreCheckStatus read of the task counts; after `readsPerStage` reads the current
//   stage ends (null: reads never advance it);
// - the control API advances a task by one stage at once (POST /__sim/precheck/advance).
// A precheck item can be armed to fail (e.g. a wrong source password) for the next precheck of one
// task or of any task, or, `persistent`, for every precheck until it is cleared (the cause is
// still there until the operator fixes it: DELETE /__sim/precheck/failures plays "fixed").
//
// After a passed precheck, what DTS does next is UNCONFIRMED for a reset (purchased) task: the doc
// says the subsequent modules run automatically; Alibaba's skill says a configure-first task needs
// StartDtsJob again. `afterPrecheck` plays either: "continue" (default) or "wait-for-start"
// (the task stays PreCheckPass until StartDtsJob).

import { z } from "zod";
import type { InstanceRecord, JobRecord } from "./model";

/** DescribePreCheckStatus precheck items (SkipPreCheck names, configure-dts-job.md section 1.3). */
export const PRECHECK_ITEMS = [
  { Item: "CHECK_CONN_SRC", Names: "CHECK_CONN_SRC_DETAIL", description: "Source database connectivity" },
  { Item: "CHECK_AUTH_SRC", Names: "CHECK_AUTH_SRC_DETAIL", description: "Source database permissions" },
  { Item: "CHECK_CONN_DEST", Names: "CHECK_CONN_DEST_DETAIL", description: "Destination database connectivity" },
  { Item: "CHECK_AUTH_DEST", Names: "CHECK_AUTH_DEST_DETAIL", description: "Destination database permissions" },
  { Item: "CHECK_SRC_BINLOG", Names: "CHECK_SRC_BINLOG_FORMAT_DETAIL", description: "Source binlog settings" },
  { Item: "CHECK_SAME_OBJ", Names: "CHECK_SAME_OBJ_DETAIL", description: "Objects with the same name in the destination" },
] as const;

export const DEFAULT_FAILURE_MESSAGE: Record<string, string> = {
  CHECK_CONN_SRC: "DTS-1020042 Access denied for user 'dts_sync'@'100.104.0.0/16' (using password: YES)",
  CHECK_CONN_DEST: "DTS-1020042 Access denied for user 'dts_sync'@'100.104.0.0/16' (using password: YES)",
};

export const precheckFailureSchema = z
  .object({
    /** The task whose next precheck fails; any task when absent. */
    jobId: z.string().min(1).optional(),
    item: z.enum(PRECHECK_ITEMS.map((i) => i.Item) as [string, ...string[]]),
    message: z.string().min(1).optional(),
    repairMethod: z.string().optional(),
    /** Fails every precheck of the task (or of any task) until cleared, not only the next one. */
    persistent: z.boolean().optional(),
  })
  .strict();
export type PrecheckFailureSpec = z.infer<typeof precheckFailureSchema>;

export const precheckSettingsSchema = z
  .object({
    readsPerStage: z.number().int().positive().max(1_000).nullable().optional(),
    afterPrecheck: z.enum(["continue", "wait-for-start"]).optional(),
  })
  .strict();
export type PrecheckSettings = { readsPerStage: number | null; afterPrecheck: "continue" | "wait-for-start" };
export const DEFAULT_PRECHECK_SETTINGS: PrecheckSettings = { readsPerStage: 1, afterPrecheck: "continue" };

interface FailedItem {
  item: string;
  message: string;
  repairMethod: string;
}

/** One task's run through precheck and initialization. */
export interface PrecheckRun {
  jobId: string;
  stage: "precheck" | "waiting-start" | "initializing" | "done";
  state: "Checking" | "Finished" | "Failed";
  readsLeft: number | null;
  failures: FailedItem[];
  startedAt: string;
  finishedAt: string | null;
}

export class PrecheckBook {
  settings: PrecheckSettings = { ...DEFAULT_PRECHECK_SETTINGS };
  private armed: PrecheckFailureSpec[] = [];
  private readonly runs = new Map<string, PrecheckRun>();

  clear(): void {
    this.settings = { ...DEFAULT_PRECHECK_SETTINGS };
    this.armed = [];
    this.runs.clear();
  }

  configure(patch: z.infer<typeof precheckSettingsSchema>): PrecheckSettings {
    const parsed = precheckSettingsSchema.parse(patch);
    this.settings = { ...this.settings, ...parsed, readsPerStage: parsed.readsPerStage === undefined ? this.settings.readsPerStage : parsed.readsPerStage };
    return { ...this.settings };
  }

  arm(spec: PrecheckFailureSpec): PrecheckFailureSpec {
    const parsed = precheckFailureSchema.parse(spec);
    this.armed.push(parsed);
    return { ...parsed };
  }

  /** "The operator fixed it": disarms the failures armed for one task (or every one). Returns how many. */
  clearFailures(jobId?: string): number {
    const before = this.armed.length;
    this.armed = this.armed.filter((a) => jobId !== undefined && a.jobId !== jobId);
    return before - this.armed.length;
  }

  armedFailures(): PrecheckFailureSpec[] {
    return this.armed.map((a) => ({ ...a }));
  }

  runOf(jobId: string): PrecheckRun | undefined {
    return this.runs.get(jobId);
  }

  /** Forget a task's run (a reset wipes it). */
  forget(jobId: string): void {
    this.runs.delete(jobId);
  }

  /** StartDtsJob (or ConfigureDtsJob without autoStartModulesAfterConfig=none): the precheck begins. */
  begin(job: JobRecord, at: string): PrecheckRun {
    const mine = this.armed.filter((a) => a.jobId === undefined || a.jobId === job.jobId);
    this.armed = this.armed.filter((a) => !mine.includes(a) || a.persistent === true);
    const run: PrecheckRun = {
      jobId: job.jobId,
      stage: "precheck",
      state: "Checking",
      readsLeft: this.settings.readsPerStage,
      failures: mine.map((a) => ({
        item: a.item,
        message: a.message ?? DEFAULT_FAILURE_MESSAGE[a.item] ?? `DTS-1020099 ${a.item} failed.`,
        repairMethod: a.repairMethod ?? "Check the account, password and network settings, then start the precheck again.",
      })),
      startedAt: at,
      finishedAt: null,
    };
    this.runs.set(job.jobId, run);
    job.status = "Prechecking";
    job.errorMessage = "";
    return run;
  }

  /** StartDtsJob on a task whose precheck passed and that waits for it. */
  startAfterPass(job: JobRecord, tracking = false): void {
    const run = this.runs.get(job.jobId);
    if (!run) return;
    run.stage = "initializing";
    run.readsLeft = this.settings.readsPerStage;
    job.status = tracking ? "Starting" : "Initializing";
  }

  /** A DescribePreCheckStatus read of the task: counts towards the end of the current stage. */
  read(instance: InstanceRecord, job: JobRecord, at: string): void {
    const run = this.runs.get(job.jobId);
    if (!run || run.readsLeft === null || run.stage === "done" || run.stage === "waiting-start") return;
    run.readsLeft -= 1;
    if (run.readsLeft <= 0) this.advance(instance, job, at);
  }

  /** Ends the current stage of the task now. Returns false when it has nothing to advance. */
  advance(instance: InstanceRecord, job: JobRecord, at: string): boolean {
    // A change tracking task runs as Starting, then Normal (SUBSCRIBE statuses), not Initializing/Synchronizing.
    const tracking = instance.jobType === "SUBSCRIBE";
    const run = this.runs.get(job.jobId);
    if (!run || run.stage === "done" || run.stage === "waiting-start") return false;
    if (run.stage === "precheck") {
      run.finishedAt = at;
      if (run.failures.length > 0) {
        run.state = "Failed";
        run.stage = "done";
        job.status = "PrecheckFailed";
        job.errorMessage = run.failures[0]!.message;
        return true;
      }
      run.state = "Finished";
      if (this.settings.afterPrecheck === "wait-for-start") {
        run.stage = "waiting-start";
        job.status = "PreCheckPass";
        return true;
      }
      run.stage = "initializing";
      run.readsLeft = this.settings.readsPerStage;
      job.status = tracking ? "Starting" : "Initializing";
      return true;
    }
    run.stage = "done";
    job.status = tracking ? "Normal" : job.migrationMode?.DataSynchronization === false ? "Finished" : "Synchronizing";
    return true;
  }
}
