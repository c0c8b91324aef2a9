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

/** Seed for the IDs handed out by resets in new-ID mode; fixed so runs are reproducible. */
const NEW_ID_SEED = 424_242;

export class DtsState {
  private readonly instances = new Map<string, InstanceRecord>();
  private readonly byRegion = new Map<string, InstanceRecord[]>();
  private readonly jobIndex = new Map<string, { instanceId: string; direction: Direction }>();
  /** IDs replaced by a reset in new-ID mode: never handed out again. */
  private readonly retiredIds = new Set<string>();
  private idPrng: Prng = createPrng(NEW_ID_SEED);
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
    const entry = this.jobIndex.get(jobId);
    if (!entry) return undefined;
    const instance = this.instances.get(entry.instanceId);
    const job = instance && jobOf(instance, entry.direction);
    return instance && job ? { instance, direction: entry.direction, job } : undefined;
  }

  /**
   * ResetDtsJob's effect on one direction: the job becomes NotConfigured and loses its
   * configuration; the other direction is untouched. With `keepJobId: false` the job comes back
   * under a new DtsJobId in the same instance, and the old ID is forgotten.
   */
  resetJob(instance: InstanceRecord, direction: Direction, keepJobId: boolean): JobRecord {
    const current = jobOf(instance, direction);
    if (!current) throw new Error(`instance ${instance.instanceId} has no ${direction} job`);
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
    const job = location.job;
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
