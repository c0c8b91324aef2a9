// The simulator's control operations, in process (RunningSimulator.control, for Vitest) and as the
// backing of the /__sim/ HTTP API (control-http.ts). Nothing here is signed: it is a test harness.
// Operations on tasks take an optional `account` (default: the default account); an unknown one
// throws UnknownAccountError (a RangeError, so the HTTP API answers 400).

import type { AccountSummary } from "./accounts";
import type { CallRecord } from "./call-log";
import type { ConfigPatch, ResetOverrides, RuntimeConfig } from "./config";
import type { ActiveFault, FaultSpec } from "./faults";
import type { ActiveHold, HeldCall, HoldSpec } from "./holds";
import { jobOf, type Direction, type InstanceRecord } from "./model";
import type { PrecheckFailureSpec, PrecheckSettings } from "./precheck";
import type { SimulatorRuntime } from "./runtime";
import type { ResetLag } from "./state";
import type { IssuedCredentialView } from "./sts/credentials";
import type { Role } from "./sts/roles";

export interface JobStatusChange {
  status: string;
  /** Which job of the instance; default: the job whose ID was given. */
  direction?: Direction;
  errorMessage?: string;
}

export interface SimulatorControl {
  /** `instances`/`regions` of the default account; `accounts`: every account's ID. */
  health(): { status: "ok"; instances: number; regions: string[]; accounts: string[] };
  /** Every account the simulator holds, with its task count and regions. */
  accounts(): AccountSummary[];
  /** The STS roles AssumeRole knows (their ExternalId included: a test harness has no secrets). */
  roles(): Role[];
  /** Keys AssumeRole issued (no secrets or tokens), optionally one account's. */
  stsCredentials(filter?: { account?: string }): IssuedCredentialView[];
  /**
   * Expires issued keys now (all, one account's, or one key): a call signed with one is then
   * InvalidSecurityToken.Expired. Returns how many were valid and no longer are.
   */
  expireStsCredentials(filter?: { account?: string; accessKeyId?: string }): number;
  /** Every request received on the DTS (and STS) side, oldest first; optionally one action's / account's. */
  calls(filter?: { action?: string; account?: string }): CallRecord[];
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
  /** Every account's seed state, start-up configuration (+ overrides); no faults, calls, nonces, issued STS keys. */
  reset(overrides?: ResetOverrides): RuntimeConfig;
  config(): RuntimeConfig;
  updateConfig(patch: ConfigPatch): RuntimeConfig;
  /** Raw state (deep copies) of one account, optionally one region's or one job type's. */
  jobs(filter?: { region?: string; jobType?: string; account?: string }): InstanceRecord[];
  /** The instance holding a job ID (either direction) in the account, or undefined. */
  job(jobId: string, account?: string): { instance: InstanceRecord; direction: Direction } | undefined;
  /** Resets DTS has answered but that reads do not show yet (the `resetLag` option). */
  pendingResets(account?: string): ResetLag[];
  /** Lets every pending reset of the account show from the next read on; returns how many there were. */
  completeResets(account?: string): number;
  /** Puts a job into a status (e.g. Prechecking); returns the instance, or undefined if unknown. */
  setJobStatus(jobId: string, change: JobStatusChange, account?: string): InstanceRecord | undefined;
  /** The precheck timeline's settings and the precheck failures armed (precheck.ts), per account. */
  precheck(account?: string): { settings: PrecheckSettings; armed: PrecheckFailureSpec[] };
  /** Validates and applies `readsPerStage` / `afterPrecheck`; throws a ZodError on invalid input. */
  configurePrecheck(patch: Partial<PrecheckSettings>, account?: string): PrecheckSettings;
  /** Makes one item of the next precheck (of one task, or any) fail; throws a ZodError on invalid input. */
  armPrecheckFailure(spec: PrecheckFailureSpec, account?: string): PrecheckFailureSpec;
  /** Disarms the precheck failures armed for one task (every task without `jobId`): the cause was fixed. */
  clearPrecheckFailures(jobId?: string, account?: string): number;
  /** Makes a job's instance serverless with this DU range (Detail then reports MaxDu/MinDu); undefined for an unknown job. */
  setServerless(jobId: string, range: { maxDu: number; minDu: number }, account?: string): InstanceRecord | undefined;
  /** Ends the current stage of a task's precheck/initialization now; undefined for an unknown job. */
  advancePrecheck(jobId: string, direction?: Direction, account?: string): { advanced: boolean; instance: InstanceRecord } | undefined;
}

/** Throws UnknownAccountError for an account the simulator does not hold. */
function knownAccount(runtime: SimulatorRuntime, account: string | undefined): string | undefined {
  if (account !== undefined) runtime.stateOf(account);
  return account;
}

export function createControl(runtime: SimulatorRuntime): SimulatorControl {
  return {
    health: () => ({ status: "ok", instances: runtime.stateOf().instanceCount, regions: runtime.stateOf().regions(), accounts: runtime.accounts.ids() }),
    accounts: () => runtime.accounts.summaries(),
    roles: () => runtime.roles.list(),
    stsCredentials: (filter = {}) => runtime.stsCredentials.list({ account: knownAccount(runtime, filter.account) }, runtime.now()),
    expireStsCredentials: (filter = {}) =>
      runtime.stsCredentials.expire({ account: knownAccount(runtime, filter.account), accessKeyId: filter.accessKeyId }, runtime.now()),
    calls: (filter = {}) => runtime.calls.list({ action: filter.action, account: knownAccount(runtime, filter.account) }),
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
      const records = runtime.stateOf(filter.account).listInstances(filter.region).filter((i) => !filter.jobType || i.jobType === filter.jobType);
      return structuredClone(records);
    },
    job: (jobId, account) => {
      const location = runtime.stateOf(account).findJob(jobId);
      return location ? { instance: structuredClone(location.instance), direction: location.direction } : undefined;
    },
    pendingResets: (account) => runtime.stateOf(account).pendingResets(),
    completeResets: (account) => runtime.stateOf(account).completeResets(),
    setJobStatus: (jobId, change, account) => {
      const state = runtime.stateOf(account);
      const location = state.findJob(jobId);
      if (!location) return undefined;
      const direction = change.direction ?? location.direction;
      const job = jobOf(location.instance, direction);
      if (!job) throw new RangeError(`${jobId} belongs to a one-way instance: it has no ${direction} job`);
      state.setJobStatus({ instance: location.instance, direction, job }, change.status, change.errorMessage);
      return structuredClone(location.instance);
    },
    precheck: (account) => {
      const { prechecks } = runtime.stateOf(account);
      return { settings: { ...prechecks.settings }, armed: prechecks.armedFailures() };
    },
    configurePrecheck: (patch, account) => runtime.stateOf(account).prechecks.configure(patch),
    armPrecheckFailure: (spec, account) => runtime.stateOf(account).prechecks.arm(spec),
    clearPrecheckFailures: (jobId, account) => runtime.stateOf(account).prechecks.clearFailures(jobId),
    setServerless: (jobId, range, account) => {
      const location = runtime.stateOf(account).findJob(jobId);
      if (!location) return undefined;
      location.instance.serverless = { ...range };
      return structuredClone(location.instance);
    },
    advancePrecheck: (jobId, requested, account) => {
      const state = runtime.stateOf(account);
      const location = state.findJob(jobId);
      if (!location) return undefined;
      const job = jobOf(location.instance, requested ?? location.direction);
      if (!job) throw new RangeError(`${jobId} belongs to a one-way instance: it has no ${requested} job`);
      const advanced = state.prechecks.advance(location.instance, job, new Date(runtime.now()).toISOString());
      return { advanced, instance: structuredClone(location.instance) };
    },
  };
}
