// The deterministic seed: the fixed fixtures, one task per status of every enum (so each status is
// present at least once), then generated filler tasks, spread over four regions. `scale` adds N
// generated SYNC tasks to one region for benchmarks. No clock, no Math.random: same input, same data.

import {
  MIGRATION_STATUSES,
  SUBSCRIBE_STATUSES,
  SYNC_STATUSES,
  type Endpoint,
  type InstanceRecord,
  type JobType,
  type PayType,
} from "./model";
import { createPrng, randomJobId, type Prng } from "./prng";
import { buildInstance, isoSeconds, type TaskSpec } from "./seed-builder";
import {
  ALL_ERROR_MESSAGES,
  DATABASES,
  FAILED_STATUSES,
  makeEndpoint,
  NAME_STEMS,
  NAME_SUFFIXES,
  NON_ASCII_NAMES,
  type EndpointKind,
} from "./seed-catalog";
import { accountFixtureSpecs, accountSalt } from "./seed-fixtures";
import { buildVariantInstances } from "./seed-variants";

export interface SeedOptions {
  /** Extra generated SYNC tasks (benchmarks). */
  scale?: number;
  /** Region of the extra tasks; default cn-hangzhou. */
  scaleRegion?: string;
  /** Adds the variant-shape tasks of seed-variants.ts (in cn-guangzhou); the rest is unchanged. */
  variants?: boolean;
  /**
   * Another account's seed: the same kinds of tasks (fixtures by role, one task per status, filler)
   * under other job IDs, generated from a PRNG salted with this name. Without it, the default seed.
   */
  account?: string;
}

export const SEED_REGIONS = ["cn-hangzhou", "cn-shanghai", "ap-southeast-1", "cn-beijing"] as const;

const BASE_SEED = 20_200_101;
const SCALE_SEED = 10_000_019;
/** How many generated tasks follow the status-coverage tasks. */
const FILLER_COUNT = 34;

const CREATE_FROM = Date.UTC(2024, 0, 1) / 1000;
const CREATE_TO = Date.UTC(2026, 5, 29) / 1000;
const JOB_CLASSES = ["micro", "small", "medium", "large", "xlarge", "2xlarge"] as const;

/** Statuses in which DTS has already started the reverse job of a two-way instance. */
const REVERSE_RUNNING_WITH = new Set(["Synchronizing", "Suspending", "Failed", "Modifying", "Retrying", "Finished"]);

function reverseStatusFor(forwardStatus: string): string {
  if (REVERSE_RUNNING_WITH.has(forwardStatus)) return "Synchronizing";
  if (["Upgrade", "Downgrade", "Locked", "NotConfigured"].includes(forwardStatus)) return forwardStatus;
  return "NotStarted";
}

class SeedGenerator {
  private readonly usedIds = new Set<string>();
  private serial = 0;

  constructor(private readonly prng: Prng, reservedIds: Iterable<string>) {
    for (const id of reservedIds) this.usedIds.add(id);
  }

  private jobId(): string {
    for (;;) {
      const id = randomJobId(this.prng);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  private name(jobType: JobType, region: string): string {
    this.serial += 1;
    if (this.prng.chance(0.12)) return `${this.prng.pick(NON_ASCII_NAMES)}-${this.serial}`;
    const regionTag = region.replace(/^(cn|ap)-/, "").replace("southeast-", "se");
    return `${this.prng.pick(NAME_STEMS)}-${this.prng.pick(NAME_SUFFIXES[jobType])}-${regionTag}-${String(this.serial).padStart(2, "0")}`;
  }

  private endpoints(jobType: JobType, region: string, twoWay: boolean, database: string): [Endpoint, Endpoint] {
    const p = this.prng;
    if (twoWay) {
      const other: EndpointKind = p.chance(0.8) ? "rds" : "ecs";
      return [makeEndpoint(p, "rds", region, database), makeEndpoint(p, other, region, database)];
    }
    if (jobType === "SUBSCRIBE") return [makeEndpoint(p, p.pick(["rds", "rds", "polardb"] as const), region, database), {}];
    if (jobType === "MIGRATION") {
      return [makeEndpoint(p, p.pick(["self-managed", "ecs"] as const), region, database), makeEndpoint(p, p.pick(["rds", "polardb"] as const), region, database)];
    }
    const source = makeEndpoint(p, p.pick(["rds", "rds", "rds", "polardb", "ecs", "self-managed"] as const), region, database);
    return [source, makeEndpoint(p, p.pick(["rds", "polardb", "polardb", "kafka"] as const), region, database)];
  }

  private delayFor(status: string): number {
    if (status === "Failed" || status === "Retrying") return this.prng.int(600, 86_400);
    if (["Synchronizing", "Normal", "Modifying", "Suspending", "Upgrade", "Downgrade", "Locked"].includes(status)) {
      return this.prng.chance(0.15) ? this.prng.int(60, 7_200) : this.prng.int(0, 5);
    }
    return 0;
  }

  task(jobType: JobType, region: string, status: string, twoWay = false): TaskSpec {
    const p = this.prng;
    const database = p.pick(DATABASES);
    const [source, destination] = this.endpoints(jobType, region, twoWay, database);
    const spec: TaskSpec = {
      region,
      jobType,
      name: this.name(jobType, region),
      jobId: this.jobId(),
      status,
      createTime: isoSeconds(p.int(CREATE_FROM, CREATE_TO)),
      payType: (p.chance(0.45) ? "PrePaid" : "PostPaid") satisfies PayType,
      jobClass: jobType === "SUBSCRIBE" ? p.pick(["micro", "small"] as const) : p.pick(JOB_CLASSES),
      source,
      destination,
      databases: [database],
      delaySeconds: this.delayFor(status),
    };
    if (FAILED_STATUSES.has(status)) spec.errorMessage = p.pick(ALL_ERROR_MESSAGES);
    if (twoWay) {
      const reverseStatus = reverseStatusFor(status);
      spec.reverse = { jobId: this.jobId(), status: reverseStatus, delaySeconds: this.delayFor(reverseStatus) };
    }
    return spec;
  }
}

/** One task per status of each enum, rotating over regions; every fourth SYNC task is two-way. */
function coverageTasks(gen: SeedGenerator): TaskSpec[] {
  const specs: TaskSpec[] = [];
  const mainRegions = SEED_REGIONS.slice(0, 3);
  SYNC_STATUSES.forEach((status, i) => specs.push(gen.task("SYNC", mainRegions[i % 3] as string, status, i % 4 === 1)));
  SUBSCRIBE_STATUSES.forEach((status, i) => specs.push(gen.task("SUBSCRIBE", mainRegions[(i + 1) % 3] as string, status)));
  // Migration tasks live mostly in cn-beijing, the "few tasks there" region.
  MIGRATION_STATUSES.slice(0, 5).forEach((status, i) => specs.push(gen.task("MIGRATION", i < 3 ? "cn-beijing" : (mainRegions[i % 3] as string), status)));
  specs.push(gen.task("SYNC", "cn-beijing", "Synchronizing"));
  specs.push(gen.task("SUBSCRIBE", "cn-beijing", "Normal"));
  return specs;
}

function fillerTasks(gen: SeedGenerator, prng: Prng, count: number): TaskSpec[] {
  const specs: TaskSpec[] = [];
  for (let i = 0; i < count; i++) {
    const region = prng.pick(["cn-hangzhou", "cn-hangzhou", "cn-hangzhou", "cn-shanghai", "cn-shanghai", "ap-southeast-1"] as const);
    const jobType: JobType = prng.chance(0.7) ? "SYNC" : "SUBSCRIBE";
    const running = jobType === "SYNC" ? "Synchronizing" : "Normal";
    const status = prng.chance(0.6) ? running : prng.pick(jobType === "SYNC" ? SYNC_STATUSES : SUBSCRIBE_STATUSES);
    specs.push(gen.task(jobType, region, status, jobType === "SYNC" && prng.chance(0.25)));
  }
  return specs;
}

function jobIdsOf(specs: readonly TaskSpec[]): string[] {
  return specs.flatMap((spec) => (spec.reverse ? [spec.jobId, spec.reverse.jobId] : [spec.jobId]));
}

/** The PRNG seed for an account's data: the base seed itself when there is no account. */
function saltedSeed(seed: number, account: string | undefined): number {
  return account === undefined ? seed : (seed ^ accountSalt(account)) >>> 0;
}

/** The base seed's task descriptions (fixtures first). */
export function seedTaskSpecs(options: SeedOptions = {}): TaskSpec[] {
  const prng = createPrng(saltedSeed(BASE_SEED, options.account));
  const fixtures: TaskSpec[] = Object.values(accountFixtureSpecs(options.account));
  const gen = new SeedGenerator(prng, jobIdsOf(fixtures));
  const specs: TaskSpec[] = [...fixtures, ...coverageTasks(gen), ...fillerTasks(gen, prng, FILLER_COUNT)];
  const scale = Math.max(0, Math.floor(options.scale ?? 0));
  if (scale > 0) {
    // A separate generator keeps the base seed identical whatever the scale.
    const scalePrng = createPrng(saltedSeed(SCALE_SEED, options.account));
    const scaleGen = new SeedGenerator(scalePrng, jobIdsOf(specs));
    const region = options.scaleRegion ?? "cn-hangzhou";
    for (let i = 0; i < scale; i++) {
      const status = scalePrng.chance(0.85) ? "Synchronizing" : scalePrng.pick(SYNC_STATUSES);
      specs.push(scaleGen.task("SYNC", region, status, scalePrng.chance(0.1)));
    }
  }
  return specs;
}

/** Builds the seed's instance records. Every call returns fresh, equal objects. */
export function buildSeed(options: SeedOptions = {}): InstanceRecord[] {
  const records = seedTaskSpecs(options).map(buildInstance);
  return options.variants ? [...records, ...buildVariantInstances()] : records;
}
