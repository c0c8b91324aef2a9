// The simulator's control operations, in process (RunningSimulator.control, for Vitest) and as the
// backing of the /__sim/ HTTP API (control-http.ts). Nothing here is signed: it is a test harness.

import type { CallRecord } from "./call-log";
import type { ConfigPatch, ResetOverrides, RuntimeConfig } from "./config";
import type { ActiveFault, FaultSpec } from "./faults";
import type { ActiveHold, HeldCall, HoldSpec } from "./holds";
import { jobOf, type Direction, type InstanceRecord } from "./model";
import type { PrecheckFailureSpec, PrecheckSettings } from "./precheck";
import type { SimulatorRuntime } from "./runtime";
import type { ResetLag } from "./state";

export interface JobStatusChange {
  status: string;
  /** Which job of the instance; default: the job whose ID was given. */
  direction?: Direction;
  errorMessage?: string;
}

export interface SimulatorControl {
  health(): { status: "ok"; instances: number; regions: string[] };
  /** Every request received on the DTS side, oldest first. */
  calls(filter?: { action?: string }): CallRecord[];
  clearCalls(): number;
  faults(): ActiveFault[];
  /** Validates and arms a fault; throws a ZodError on an invalid spec. */
  addFault(spec: FaultSpec): ActiveFault;
  removeFault(id: string): boolean;
  clearFaults(): number;
  /** Armed holds and the calls waiting for their release (holds.ts). */
  holds(): { holds: ActiveHold[]; held: HeldCall[] };
  /** Validates and arms a hold; throws a ZodError on an invalid spec. */
  addHold(spec: HoldSpec): ActiveHold;
  /** Releases one held call ("h1.2") or all of a hold's calls and disarms it ("h1"); undefined for an unknown ID. */
  releaseHold(id: string): number | undefined;
  /** Releases every held call and disarms every hold; returns how many calls were released. */
  releaseAllHolds(): number;
  /** Seed state, start-up configuration (+ overrides); no faults, calls, nonces. */
  reset(overrides?: ResetOverrides): RuntimeConfig;
  config(): RuntimeConfig;
  updateConfig(patch: ConfigPatch): RuntimeConfig;
  /** Raw state (deep copies), optionally one region's or one job type's. */
  jobs(filter?: { region?: string; jobType?: string }): InstanceRecord[];
  /** The instance holding a job ID (either direction), or undefined. */
  job(jobId: string): { instance: InstanceRecord; direction: Direction } | undefined;
  /** Resets DTS has answered but that reads do not show yet (the `resetLag` option). */
  pendingResets(): ResetLag[];
  /** Lets every pending reset show from the next read on; returns how many there were. */
  completeResets(): number;
  /** Puts a job into a status (e.g. Prechecking); returns the instance, or undefined if unknown. */
  setJobStatus(jobId: string, change: JobStatusChange): InstanceRecord | undefined;
  /** The precheck timeline's settings and the precheck failures armed (precheck.ts). */
  precheck(): { settings: PrecheckSettings; armed: PrecheckFailureSpec[] };
  /** Validates and applies `readsPerStage` / `afterPrecheck`; throws a ZodError on invalid input. */
  configurePrecheck(patch: Partial<PrecheckSettings>): PrecheckSettings;
  /** Makes one item of the next precheck (of one task, or any) fail; throws a ZodError on invalid input. */
  armPrecheckFailure(spec: PrecheckFailureSpec): PrecheckFailureSpec;
  /** Ends the current stage of a task's precheck/initialization now; undefined for an unknown job. */
  advancePrecheck(jobId: string, direction?: Direction): { advanced: boolean; instance: InstanceRecord } | undefined;
}

export function createControl(runtime: SimulatorRuntime): SimulatorControl {
  return {
    health: () => ({ status: "ok", instances: runtime.state.instanceCount, regions: runtime.state.regions() }),
    calls: (filter) => runtime.calls.list(filter),
    clearCalls: () => runtime.calls.clear(),
    faults: () => runtime.faults.list(),
    addFault: (spec) => runtime.faults.add(spec),
    removeFault: (id) => runtime.faults.remove(id),
    clearFaults: () => {
      const count = runtime.faults.list().length;
      runtime.faults.clear();
      return count;
    },
    holds: () => runtime.holds.list(),
    addHold: (spec) => runtime.holds.add(spec),
    releaseHold: (id) => runtime.holds.release(id),
    releaseAllHolds: () => runtime.holds.releaseAll(),
    reset: (overrides) => runtime.reset(overrides),
    config: () => structuredClone(runtime.config),
    updateConfig: (patch) => runtime.updateConfig(patch),
    jobs: (filter = {}) => {
      const records = runtime.state.listInstances(filter.region).filter((i) => !filter.jobType || i.jobType === filter.jobType);
      return structuredClone(records);
    },
    job: (jobId) => {
      const location = runtime.state.findJob(jobId);
      return location ? { instance: structuredClone(location.instance), direction: location.direction } : undefined;
    },
    pendingResets: () => runtime.state.pendingResets(),
    completeResets: () => runtime.state.completeResets(),
    setJobStatus: (jobId, change) => {
      const location = runtime.state.findJob(jobId);
      if (!location) return undefined;
      const direction = change.direction ?? location.direction;
      const job = jobOf(location.instance, direction);
      if (!job) throw new RangeError(`${jobId} belongs to a one-way instance: it has no ${direction} job`);
      runtime.state.setJobStatus({ instance: location.instance, direction, job }, change.status, change.errorMessage);
      return structuredClone(location.instance);
    },
    precheck: () => ({ settings: { ...runtime.state.prechecks.settings }, armed: runtime.state.prechecks.armedFailures() }),
    configurePrecheck: (patch) => runtime.state.prechecks.configure(patch),
    armPrecheckFailure: (spec) => runtime.state.prechecks.arm(spec),
    advancePrecheck: (jobId, requested) => {
      const location = runtime.state.findJob(jobId);
      if (!location) return undefined;
      const job = jobOf(location.instance, requested ?? location.direction);
      if (!job) throw new RangeError(`${jobId} belongs to a one-way instance: it has no ${requested} job`);
      const advanced = runtime.state.prechecks.advance(location.instance, job, new Date(runtime.now()).toISOString());
      return { advanced, instance: structuredClone(location.instance) };
    },
  };
}
