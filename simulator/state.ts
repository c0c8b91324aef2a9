// The simulator's in-memory DTS: instances with their forward (and, for two-way, reverse) jobs,
// lookups by job ID of either direction and by instance ID, reset, and seed snapshot/restore.

import { jobOf, type Direction, type InstanceRecord, type JobRecord } from "./model";
import { PrecheckBook } from "./precheck";
import { createPrng, randomJobId, type Prng } from "./prng";

export interface JobLocation {
  instance: InstanceRecord;
  /** The direction of the job whose ID was looked up. */
  direction: Direction;
  job: JobRecord;
}

/** A reset DTS has answered but does not show yet: reads still see `old` (config `resetLag`). */
export interface ResetLag {
  instanceId: string;
  direction: Direction;
  /** The job as it was before the reset. */
  old: JobRecord;
  /** Reads that will still show `old`. */
  readsLeft: number;
}

const lagKey = (instanceId: string, direction: Direction) => `${instanceId}\u0000${direction}`;

/** Seed for the IDs handed out by resets in new-ID mode; fixed so runs are reproducible. */
const NEW_ID_SEED = 424_242;

export class DtsState {
  private readonly instances = new Map<string, InstanceRecord>();
  private readonly byRegion = new Map<string, InstanceRecord[]>();
  private readonly jobIndex = new Map<string, { instanceId: string; direction: Direction }>();
  /** IDs replaced by a reset in new-ID mode: never handed out again. */
  private readonly retiredIds = new Set<string>();
  private idPrng: Prng = createPrng(NEW_ID_SEED);
  private readonly lags = new Map<string, ResetLag>();
  /** Precheck/initialization timelines of configured tasks (precheck.ts). */
  readonly prechecks = new PrecheckBook();

  /** Takes ownership of `records` (no copy): pass fresh objects, e.g. from buildSeed(). */
  constructor(records: readonly InstanceRecord[]) {
    this.load(records);
  }

  private load(records: readonly InstanceRecord[]): void {
    this.instances.clear();
    this.byRegion.clear();
    this.jobIndex.clear();
    this.retiredIds.clear();
    this.lags.clear();
    this.prechecks.clear();
    this.idPrng = createPrng(NEW_ID_SEED);
    for (const instance of records) {
      if (this.instances.has(instance.instanceId)) throw new Error(`duplicate instance ${instance.instanceId}`);
      this.instances.set(instance.instanceId, instance);
      const regional = this.byRegion.get(instance.region);
      if (regional) regional.push(instance);
      else this.byRegion.set(instance.region, [instance]);
      this.indexJob(instance, instance.forward);
      if (instance.reverse) this.indexJob(instance, instance.reverse);
    }
  }

  private indexJob(instance: InstanceRecord, job: JobRecord): void {
    if (this.jobIndex.has(job.jobId)) throw new Error(`duplicate job ${job.jobId}`);
    this.jobIndex.set(job.jobId, { instanceId: instance.instanceId, direction: job.direction });
  }

  get instanceCount(): number {
    return this.instances.size;
  }

  regions(): string[] {
    return [...this.byRegion.keys()];
  }

  /** Instances of one region (or all), in seed order. The arrays are live: do not mutate them. */
  listInstances(region?: string): readonly InstanceRecord[] {
    if (region === undefined) return [...this.instances.values()];
    return this.byRegion.get(region) ?? [];
  }

  findInstance(instanceId: string): InstanceRecord | undefined {
    return this.instances.get(instanceId);
  }

  /** Finds a job by its own ID, forward or reverse. */
  findJob(jobId: string): JobLocation | undefined {
    const entry = this.jobIndex.get(jobId) ?? this.laggingOldId(jobId);
    if (!entry) return undefined;
    const instance = this.instances.get(entry.instanceId);
    const job = instance && jobOf(instance, entry.direction);
    return instance && job ? { instance, direction: entry.direction, job } : undefined;
  }

  /** While a reset in new-ID mode lags, the old ID still finds its instance (reads still show it). */
  private laggingOldId(jobId: string): { instanceId: string; direction: Direction } | undefined {
    for (const lag of this.lags.values()) if (lag.old.jobId === jobId) return { instanceId: lag.instanceId, direction: lag.direction };
    return undefined;
  }

  /**
   * The instance as a reader sees it: jobs whose reset still lags show their old state. With
   * `consume`, this read counts against the lag (a lag ends after its last read).
   */
  observe(instance: InstanceRecord, consume: boolean): InstanceRecord {
    if (this.lags.size === 0) return instance;
    let view = instance;
    for (const direction of ["Forward", "Reverse"] as const) {
      const key = lagKey(instance.instanceId, direction);
      const lag = this.lags.get(key);
      if (!lag) continue;
      view = direction === "Forward" ? { ...view, forward: lag.old } : { ...view, reverse: lag.old };
      if (consume && --lag.readsLeft <= 0) this.lags.delete(key);
    }
    return view;
  }

  /** One job as a reader sees it (DescribeDtsJobDetail), counting the read. */
  observeJob(instance: InstanceRecord, direction: Direction): JobRecord | undefined {
    const key = lagKey(instance.instanceId, direction);
    const lag = this.lags.get(key);
    if (!lag) return jobOf(instance, direction);
    if (--lag.readsLeft <= 0) this.lags.delete(key);
    return lag.old;
  }

  /** Resets DTS has answered but does not show yet. */
  pendingResets(): ResetLag[] {
    return structuredClone([...this.lags.values()]);
  }

  /** Ends every lag: the resets show from the next read on. Returns how many there were. */
  completeResets(): number {
    const count = this.lags.size;
    this.lags.clear();
    return count;
  }

  /**
   * ResetDtsJob's effect on one direction: the job becomes NotConfigured and loses its
   * configuration (the other direction: see the `twoWayResetEffect` option in actions). With
   * `keepJobId: false` the job comes back under a new DtsJobId in the same instance, and the old ID
   * is forgotten. With `lagReads` > 0, that many reads still show the job as it was.
   */
  resetJob(instance: InstanceRecord, direction: Direction, keepJobId: boolean, lagReads = 0): JobRecord {
    const current = jobOf(instance, direction);
    if (!current) throw new Error(`instance ${instance.instanceId} has no ${direction} job`);
    if (lagReads > 0) {
      this.lags.set(lagKey(instance.instanceId, direction), { instanceId: instance.instanceId, direction, old: structuredClone(current), readsLeft: lagReads });
    }
    const jobId = keepJobId ? current.jobId : this.freshJobId();
    this.prechecks.forget(current.jobId);
    const cleared: JobRecord = {
      jobId,
      direction,
      status: "NotConfigured",
      delaySeconds: 0,
      checkpoint: "0",
      errorMessage: "",
      dbObject: "",
      reserved: "",
      sourceEndpoint: {},
      destinationEndpoint: {},
      migrationMode: null,
    };
    if (!keepJobId) {
      this.jobIndex.delete(current.jobId);
      this.retiredIds.add(current.jobId);
      this.jobIndex.set(jobId, { instanceId: instance.instanceId, direction });
    }
    if (direction === "Forward") instance.forward = cleared;
    else instance.reverse = cleared;
    return cleared;
  }

  /** Test hook (control API): put a job into any status, optionally with an error message. */
  setJobStatus(location: JobLocation, status: string, errorMessage?: string): JobRecord {
    // A status set by hand is what readers see from now on.
    this.lags.delete(lagKey(location.instance.instanceId, location.direction));
    const job = jobOf(location.instance, location.direction) ?? location.job;
    job.status = status;
    if (errorMessage !== undefined) job.errorMessage = errorMessage;
    if (status === "Finished" && !job.finishTime) job.finishTime = location.instance.createTime;
    return job;
  }

  private freshJobId(): string {
    for (;;) {
      const id = randomJobId(this.idPrng);
      if (!this.jobIndex.has(id) && !this.retiredIds.has(id)) return id;
    }
  }

  /** A deep copy of every instance, for snapshots and inspection. */
  snapshot(): InstanceRecord[] {
    return structuredClone([...this.instances.values()]);
  }

  /** Replaces the whole state with a deep copy of `records`. */
  restore(records: readonly InstanceRecord[]): void {
    this.load(structuredClone(records));
  }
}
