// Simulator options, their defaults, and the part of the configuration that can change while the
// simulator runs (through the control API or RunningSimulator.control).

import { z } from "zod";
import type { FaultSpec } from "./faults";
import { BUSINESS_ERROR_STYLES, type BusinessErrorStyle } from "./replies";
import type { SeedOptions } from "./seed";
import type { AccessKeyRecord } from "./signing/types";
import type { RoleSpec } from "./sts/roles";

export const DEFAULT_SIMULATOR_ACCESS_KEY_ID = "sim-access-key-id";
export const DEFAULT_SIMULATOR_ACCESS_KEY_SECRET = "sim-access-key-secret-0123456789";

export const DEFAULT_HOST = "127.0.0.1";
/** Alibaba's window for Timestamp / x-acs-date: 15 minutes either way. */
export const DEFAULT_TIMESTAMP_WINDOW_SECONDS = 900;
/**
 * DescribeDtsJobs: 20 calls per second per account per region
 * (https://www.alibabacloud.com/help/en/dts/developer-reference/api-describedtsjobs).
 */
export const DEFAULT_DESCRIBE_JOBS_CALLS_PER_SECOND = 20;
/**
 * DescribeDtsJobDetail: 40 calls per second per account per region
 * (https://alibabacloud.com/help/en/dts/developer-reference/api-describedtsjobdetail).
 */
export const DEFAULT_DESCRIBE_DETAIL_CALLS_PER_SECOND = 40;
/** The account every key belongs to unless `accounts` (or `defaultAccount`) says otherwise. */
export const DEFAULT_ACCOUNT_ID = "sim-account";

/**
 * Page sizes DescribeDtsJobs accepts. The current SDK models document 10/20/30 (default 20); older
 * pages 30/50/100 (default 30); which one the live service enforces is not documented
 * (https://www.alibabacloud.com/help/en/dts/developer-reference/api-describedtsjobs).
 * "any" accepts the union, with the SDK's default.
 */
export const PAGE_SIZE_SETS = ["sdk", "legacy", "any"] as const;
export type PageSizeSet = (typeof PAGE_SIZE_SETS)[number];

/**
 * The unit of DescribeDtsJobDetail's `Delay`: the API page says milliseconds, the SDK's method
 * comment says milliseconds for migration and seconds for synchronization
 * (https://alibabacloud.com/help/en/dts/developer-reference/api-describedtsjobdetail).
 * "by-job-type" (default) plays the SDK comment.
 */
export const DETAIL_DELAY_UNITS = ["by-job-type", "seconds", "milliseconds"] as const;
export type DetailDelayUnit = (typeof DETAIL_DELAY_UNITS)[number];

/**
 * What resetting one direction of a two-way instance does to the other: undocumented
 * (https://alibabacloud.com/help/en/dts/developer-reference/api-resetdtsjob says only that
 * Reverse resets the reverse task). "none" (default) leaves it alone; "stop-other" pauses it
 * (Suspending); "reset-other" resets it too.
 */
export const TWO_WAY_RESET_EFFECTS = ["none", "stop-other", "reset-other"] as const;
export type TwoWayResetEffect = (typeof TWO_WAY_RESET_EFFECTS)[number];

/**
 * How ResetDtsJob refuses a task in a status DTS does not reset (Prechecking, Locked, Starting,
 * NotConfigured). The exact code is not documented; codes seen for DTS include `InvalidJobStatus`,
 * `DTS.Msg.OperationDenied.JobStatusModifying` and `UpdateJob.OperationDenied.InitStatus` (403).
 * `style` overrides businessErrorStyle for this refusal only.
 */
export interface ResetRefusalConfig {
  code: string;
  httpStatus: number;
  /** May hold one `%s`, replaced by the task's status. */
  message: string;
  style: BusinessErrorStyle | null;
}

export const DEFAULT_RESET_REFUSAL: ResetRefusalConfig = {
  code: "OperationDenied.JobStatus",
  httpStatus: 403,
  message: "The operation is not permitted due to Dts job status is %s.",
  style: null,
};

export interface SimulatorOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; default 0 (any free port). */
  port?: number;
  /** Accepted keys (STS records allowed); default: the one pair from the environment or the defaults. */
  accessKeys?: AccessKeyRecord[];
  timestampWindowSeconds?: number;
  /** true (default): a reset keeps the DtsJobId; false: the job comes back under a new ID, same instance. */
  keepJobIdOnReset?: boolean;
  /** true (default): DescribeDtsJobDetail reports `synchronizing`, the documented quirk. */
  lowercaseDetailStatus?: boolean;
  /** How business errors are answered; default "gateway". */
  businessErrorStyle?: BusinessErrorStyle;
  seed?: SeedOptions;
  /** Faults active from start-up. A control reset clears them like any other fault. */
  faults?: FaultSpec[];
  /**
   * On by default: 20 DescribeDtsJobs and 40 DescribeDtsJobDetail calls/s per account per region,
   * as documented. `false` switches it off (tests that burst on purpose).
   */
  rateLimit?: boolean | { callsPerSecond?: number; detailCallsPerSecond?: number };
  /**
   * Which account each AccessKeyId belongs to; default: all `defaultAccount`. Each account has its
   * own tasks (see `accountSeeds`) and its own rate-limit budget.
   */
  accounts?: Record<string, string>;
  /** The account of keys not listed in `accounts`, and the one the control API means by default; default "sim-account". */
  defaultAccount?: string;
  /**
   * Seeds of accounts that do not hold a copy of the default seed, by account ID, e.g.
   * `{ prod: { account: "prod" } }` (SeedOptions.account gives other job IDs). An account named only
   * in `accounts` or a role gets a copy of `seed`.
   */
  accountSeeds?: Record<string, SeedOptions>;
  /** RAM roles STS AssumeRole can hand out sessions for; any other ARN is EntityNotExist.Role. */
  roles?: RoleSpec[];
  /** Every STS session lasts this many seconds, whatever DurationSeconds said (null/absent: as asked). */
  stsSessionSecondsOverride?: number | null;
  /** The next N reads of a reset task still show its old state (0, the default: a reset shows at once). */
  resetLag?: { reads: number };
  /** DescribeDtsJobs also lists each reverse task as an item of its own (`DtsJobDirection: "Reverse"`). */
  listReverseJobs?: boolean;
  /** ResetDtsJob refuses a job ID that does not match the direction (reverse ID with Forward). */
  strictJobDirection?: boolean;
  resetRefusal?: Partial<ResetRefusalConfig>;
  pageSizes?: PageSizeSet;
  detailDelayUnit?: DetailDelayUnit;
  twoWayResetEffect?: TwoWayResetEffect;
  /** Print one line per call to stderr (or to the given function). */
  log?: boolean | ((line: string) => void);
  /** The simulator's clock in ms since the epoch (signature freshness, rate limit); default Date.now. */
  now?: () => number;
}

/** Settings that can change at run time. */
export interface RuntimeConfig {
  keepJobIdOnReset: boolean;
  lowercaseDetailStatus: boolean;
  businessErrorStyle: BusinessErrorStyle;
  timestampWindowSeconds: number;
  rateLimit: { enabled: boolean; callsPerSecond: number; detailCallsPerSecond: number };
  resetLag: { reads: number };
  listReverseJobs: boolean;
  strictJobDirection: boolean;
  resetRefusal: ResetRefusalConfig;
  pageSizes: PageSizeSet;
  detailDelayUnit: DetailDelayUnit;
  twoWayResetEffect: TwoWayResetEffect;
  /** STS sessions issued from now on last this many seconds regardless of DurationSeconds; null: as asked. */
  stsSessionSecondsOverride: number | null;
  log: boolean;
}

/** The pair accepted when no `accessKeys` option is given. */
export function defaultAccessKeys(env: NodeJS.ProcessEnv = process.env): AccessKeyRecord[] {
  return [
    {
      accessKeyId: env.SIMULATOR_ACCESS_KEY_ID || DEFAULT_SIMULATOR_ACCESS_KEY_ID,
      accessKeySecret: env.SIMULATOR_ACCESS_KEY_SECRET || DEFAULT_SIMULATOR_ACCESS_KEY_SECRET,
    },
  ];
}

export function initialRuntimeConfig(options: SimulatorOptions): RuntimeConfig {
  const rateLimit = options.rateLimit ?? true;
  const limits = typeof rateLimit === "object" ? rateLimit : {};
  return {
    keepJobIdOnReset: options.keepJobIdOnReset ?? true,
    lowercaseDetailStatus: options.lowercaseDetailStatus ?? true,
    businessErrorStyle: options.businessErrorStyle ?? "gateway",
    timestampWindowSeconds: options.timestampWindowSeconds ?? DEFAULT_TIMESTAMP_WINDOW_SECONDS,
    rateLimit: {
      enabled: rateLimit !== false,
      callsPerSecond: limits.callsPerSecond ?? DEFAULT_DESCRIBE_JOBS_CALLS_PER_SECOND,
      detailCallsPerSecond: limits.detailCallsPerSecond ?? DEFAULT_DESCRIBE_DETAIL_CALLS_PER_SECOND,
    },
    resetLag: { reads: options.resetLag?.reads ?? 0 },
    listReverseJobs: options.listReverseJobs ?? false,
    strictJobDirection: options.strictJobDirection ?? false,
    resetRefusal: { ...DEFAULT_RESET_REFUSAL, ...options.resetRefusal },
    pageSizes: options.pageSizes ?? "any",
    detailDelayUnit: options.detailDelayUnit ?? "by-job-type",
    twoWayResetEffect: options.twoWayResetEffect ?? "none",
    stsSessionSecondsOverride: options.stsSessionSecondsOverride ?? null,
    log: options.log !== undefined && options.log !== false,
  };
}

export const configPatchSchema = z
  .object({
    keepJobIdOnReset: z.boolean(),
    lowercaseDetailStatus: z.boolean(),
    businessErrorStyle: z.enum(BUSINESS_ERROR_STYLES as [BusinessErrorStyle, ...BusinessErrorStyle[]]),
    timestampWindowSeconds: z.number().int().positive(),
    rateLimit: z.union([
      z.boolean(),
      z
        .object({
          enabled: z.boolean().optional(),
          callsPerSecond: z.number().int().positive().optional(),
          detailCallsPerSecond: z.number().int().positive().optional(),
        })
        .strict(),
    ]),
    resetLag: z.object({ reads: z.number().int().nonnegative() }).strict(),
    listReverseJobs: z.boolean(),
    strictJobDirection: z.boolean(),
    resetRefusal: z
      .object({
        code: z.string().min(1).max(200),
        httpStatus: z.number().int().min(200).max(599),
        message: z.string().max(1000),
        style: z.enum(BUSINESS_ERROR_STYLES as [BusinessErrorStyle, ...BusinessErrorStyle[]]).nullable(),
      })
      .partial()
      .strict(),
    pageSizes: z.enum(PAGE_SIZE_SETS),
    detailDelayUnit: z.enum(DETAIL_DELAY_UNITS),
    twoWayResetEffect: z.enum(TWO_WAY_RESET_EFFECTS),
    // Small values (2 s) let a test see a session end; the ceiling is STS's 12 hours.
    stsSessionSecondsOverride: z.number().int().positive().max(43_200).nullable(),
    log: z.boolean(),
  })
  .partial()
  .strict();

export type ConfigPatch = z.infer<typeof configPatchSchema>;

/**
 * A control reset's optional body: configuration overrides, and optionally a different seed (for
 * the accounts that hold a copy of the default seed; accounts with their own keep theirs).
 */
export const resetOverridesSchema = configPatchSchema.extend({
  seed: z
    .object({
      scale: z.number().int().nonnegative().optional(),
      scaleRegion: z.string().min(1).optional(),
      variants: z.boolean().optional(),
      account: z.string().min(1).optional(),
    })
    .strict()
    .optional(),
});

export type ResetOverrides = z.infer<typeof resetOverridesSchema>;

export function applyConfigPatch(config: RuntimeConfig, patch: ConfigPatch): RuntimeConfig {
  const next: RuntimeConfig = { ...config, rateLimit: { ...config.rateLimit }, resetRefusal: { ...config.resetRefusal } };
  if (patch.keepJobIdOnReset !== undefined) next.keepJobIdOnReset = patch.keepJobIdOnReset;
  if (patch.lowercaseDetailStatus !== undefined) next.lowercaseDetailStatus = patch.lowercaseDetailStatus;
  if (patch.businessErrorStyle !== undefined) next.businessErrorStyle = patch.businessErrorStyle;
  if (patch.timestampWindowSeconds !== undefined) next.timestampWindowSeconds = patch.timestampWindowSeconds;
  if (patch.log !== undefined) next.log = patch.log;
  if (patch.resetLag !== undefined) next.resetLag = { ...patch.resetLag };
  if (patch.listReverseJobs !== undefined) next.listReverseJobs = patch.listReverseJobs;
  if (patch.strictJobDirection !== undefined) next.strictJobDirection = patch.strictJobDirection;
  if (patch.resetRefusal !== undefined) next.resetRefusal = { ...next.resetRefusal, ...patch.resetRefusal };
  if (patch.pageSizes !== undefined) next.pageSizes = patch.pageSizes;
  if (patch.detailDelayUnit !== undefined) next.detailDelayUnit = patch.detailDelayUnit;
  if (patch.twoWayResetEffect !== undefined) next.twoWayResetEffect = patch.twoWayResetEffect;
  if (patch.stsSessionSecondsOverride !== undefined) next.stsSessionSecondsOverride = patch.stsSessionSecondsOverride;
  if (typeof patch.rateLimit === "boolean") next.rateLimit.enabled = patch.rateLimit;
  else if (patch.rateLimit) {
    // Giving the object form means "rate limiting with these settings" unless it says otherwise.
    next.rateLimit.enabled = patch.rateLimit.enabled ?? true;
    if (patch.rateLimit.callsPerSecond !== undefined) next.rateLimit.callsPerSecond = patch.rateLimit.callsPerSecond;
    if (patch.rateLimit.detailCallsPerSecond !== undefined) next.rateLimit.detailCallsPerSecond = patch.rateLimit.detailCallsPerSecond;
  }
  return next;
}
