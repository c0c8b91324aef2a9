// Simulator options, their defaults, and the part of the configuration that can change while the
// simulator runs (through the control API or RunningSimulator.control).

import { z } from "zod";
import type { FaultSpec } from "./faults";
import { BUSINESS_ERROR_STYLES, type BusinessErrorStyle } from "./replies";
import type { SeedOptions } from "./seed";
import type { AccessKeyRecord } from "./signing/types";

export const DEFAULT_SIMULATOR_ACCESS_KEY_ID = "sim-access-key-id";
export const DEFAULT_SIMULATOR_ACCESS_KEY_SECRET = "sim-access-key-secret-0123456789";

export const DEFAULT_HOST = "127.0.0.1";
/** Alibaba's window for Timestamp / x-acs-date: 15 minutes either way. */
export const DEFAULT_TIMESTAMP_WINDOW_SECONDS = 900;
/** DescribeDtsJobs: 20 calls per second per account per region (dts-api.md section 2). */
export const DEFAULT_DESCRIBE_JOBS_CALLS_PER_SECOND = 20;

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
  /** Off by default. true = 20 DescribeDtsJobs calls/s per AccessKeyId per region. */
  rateLimit?: boolean | { callsPerSecond?: number };
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
  rateLimit: { enabled: boolean; callsPerSecond: number };
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
  const rateLimit = options.rateLimit ?? false;
  return {
    keepJobIdOnReset: options.keepJobIdOnReset ?? true,
    lowercaseDetailStatus: options.lowercaseDetailStatus ?? true,
    businessErrorStyle: options.businessErrorStyle ?? "gateway",
    timestampWindowSeconds: options.timestampWindowSeconds ?? DEFAULT_TIMESTAMP_WINDOW_SECONDS,
    rateLimit: {
      enabled: rateLimit !== false,
      callsPerSecond: (typeof rateLimit === "object" ? rateLimit.callsPerSecond : undefined) ?? DEFAULT_DESCRIBE_JOBS_CALLS_PER_SECOND,
    },
    log: options.log !== undefined && options.log !== false,
  };
}

export const configPatchSchema = z
  .object({
    keepJobIdOnReset: z.boolean(),
    lowercaseDetailStatus: z.boolean(),
    businessErrorStyle: z.enum(BUSINESS_ERROR_STYLES as [BusinessErrorStyle, ...BusinessErrorStyle[]]),
    timestampWindowSeconds: z.number().int().positive(),
    rateLimit: z.union([z.boolean(), z.object({ enabled: z.boolean().optional(), callsPerSecond: z.number().int().positive().optional() }).strict()]),
    log: z.boolean(),
  })
  .partial()
  .strict();

export type ConfigPatch = z.infer<typeof configPatchSchema>;

/** A control reset's optional body: configuration overrides, and optionally a different seed. */
export const resetOverridesSchema = configPatchSchema.extend({
  seed: z.object({ scale: z.number().int().nonnegative().optional(), scaleRegion: z.string().min(1).optional() }).strict().optional(),
});

export type ResetOverrides = z.infer<typeof resetOverridesSchema>;

export function applyConfigPatch(config: RuntimeConfig, patch: ConfigPatch): RuntimeConfig {
  const next: RuntimeConfig = { ...config, rateLimit: { ...config.rateLimit } };
  if (patch.keepJobIdOnReset !== undefined) next.keepJobIdOnReset = patch.keepJobIdOnReset;
  if (patch.lowercaseDetailStatus !== undefined) next.lowercaseDetailStatus = patch.lowercaseDetailStatus;
  if (patch.businessErrorStyle !== undefined) next.businessErrorStyle = patch.businessErrorStyle;
  if (patch.timestampWindowSeconds !== undefined) next.timestampWindowSeconds = patch.timestampWindowSeconds;
  if (patch.log !== undefined) next.log = patch.log;
  if (typeof patch.rateLimit === "boolean") next.rateLimit.enabled = patch.rateLimit;
  else if (patch.rateLimit) {
    // Giving the object form means "rate limiting with these settings" unless it says otherwise.
    next.rateLimit.enabled = patch.rateLimit.enabled ?? true;
    if (patch.rateLimit.callsPerSecond !== undefined) next.rateLimit.callsPerSecond = patch.rateLimit.callsPerSecond;
  }
  return next;
}
