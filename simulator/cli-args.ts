// Command-line options of `npm run simulator`, parsed into SimulatorOptions. Kept apart from cli.ts
// so it can be tested without starting a process.

import { parseArgs } from "node:util";
import {
  DETAIL_DELAY_UNITS,
  PAGE_SIZE_SETS,
  TWO_WAY_RESET_EFFECTS,
  type DetailDelayUnit,
  type PageSizeSet,
  type SimulatorOptions,
  type TwoWayResetEffect,
} from "./config";
import { faultSpecSchema, type FaultSpec } from "./faults";
import { demoFleetOptions } from "./fleet";
import { BUSINESS_ERROR_STYLES, type BusinessErrorStyle } from "./replies";

export const CLI_USAGE = `Usage: npm run simulator -- [options]

  --port N                     port to listen on (default 0: any free port)
  --host H                     interface (default 127.0.0.1)
  --new-job-id-on-reset        a reset task comes back under a new DtsJobId (default: keeps it)
  --uppercase-detail-status    DescribeDtsJobDetail says Synchronizing, not synchronizing
  --business-errors STYLE      gateway (default) | dts | dts200
  --scale N                    add N generated SYNC tasks (benchmarks)
  --scale-region R             region of the generated tasks (default cn-hangzhou)
  --variants                   also seed the variant-shape tasks (cn-guangzhou): ReverseJob {} / null,
                               empty endpoints, TagList entries, PREPAY/POSTPAY, string scalars, and
                               one item without DtsInstanceID
  --fault SPEC                 repeatable; Action:kind[:N | :P%][:key=value...]
                               e.g. ResetDtsJob:throttle:2, DescribeDtsJobs:latency:5:latencyMs=2000,
                               *:unavailable:25%, ResetDtsJob:reset-connection:1:effect=apply
  --timestamp-window SECONDS   signature timestamp window (default 900)
  --no-rate-limit              do not enforce DTS's rate limits (on by default: DescribeDtsJobs 20
                               and DescribeDtsJobDetail 40 calls/s per account per region)
  --rate-limit                 enforce them (the default; kept for old scripts)
  --list-calls-per-second N    DescribeDtsJobs limit (default 20)
  --detail-calls-per-second N  DescribeDtsJobDetail limit (default 40)
  --reset-lag-reads N          after a reset, the next N reads of the task still show its old state
  --list-reverse-jobs          DescribeDtsJobs lists reverse tasks as items of their own
  --strict-job-direction       ResetDtsJob refuses a reverse job ID with SynchronizationDirection=Forward
  --reset-refusal CODE[:HTTP]  code (and status, default 403) refusing resets in blocked statuses,
                               e.g. InvalidJobStatus, DTS.Msg.OperationDenied.JobStatusModifying
  --reset-refusal-style STYLE  gateway | dts | dts200 for that refusal (default: --business-errors)
  --page-sizes SET             sdk (10/20/30) | legacy (30/50/100) | any (default: both sets)
  --detail-delay-unit UNIT     by-job-type (default) | seconds | milliseconds (DescribeDtsJobDetail Delay)
  --two-way-reset-effect E     none (default) | stop-other | reset-other
  --demo-fleet                 two accounts: main (the key's, today's seed) and prod (own tasks), reached
                               through STS AssumeRole on acs:ram::1234567890123456:role/dts-console-operator
                               with ExternalId dts-console-demo (simulator/fleet.ts DEMO_FLEET)
  --log                        one line per call on stderr
  --help

Keys: SIMULATOR_ACCESS_KEY_ID / SIMULATOR_ACCESS_KEY_SECRET (defaults sim-access-key-id /
sim-access-key-secret-0123456789). Control API: http://HOST:PORT/__sim/ (loopback only).`;

export class CliUsageError extends Error {}

function integer(name: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new CliUsageError(`${name} must be an integer >= ${min}, got "${text}"`);
  return Number(text);
}

function oneOf<T extends string>(name: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) throw new CliUsageError(`${name} must be one of ${allowed.join(", ")}, got "${text}"`);
  return text as T;
}

const NUMERIC_FAULT_KEYS = new Set(["times", "latencyMs", "holdMs", "retryAfterMs", "httpStatusCode", "probability"]);

/** `Action:kind[:N | :P%][:key=value...]` → FaultSpec. */
export function parseFaultArg(text: string): FaultSpec {
  const [action, kind, ...rest] = text.split(":");
  const spec: Record<string, unknown> = { action, kind };
  for (const part of rest) {
    if (/^\d+$/.test(part)) spec.times = Number(part);
    else if (/^\d+(\.\d+)?%$/.test(part)) spec.probability = Number(part.slice(0, -1)) / 100;
    else {
      const equals = part.indexOf("=");
      if (equals <= 0) throw new CliUsageError(`--fault ${text}: cannot read "${part}" (expected N, P% or key=value)`);
      const key = part.slice(0, equals);
      const value = part.slice(equals + 1);
      spec[key] = NUMERIC_FAULT_KEYS.has(key) ? Number(value) : value;
    }
  }
  const parsed = faultSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "spec"}: ${i.message}`).join("; ");
    throw new CliUsageError(`--fault ${text}: ${issues}`);
  }
  return parsed.data;
}

export interface CliCommand {
  help: boolean;
  options: SimulatorOptions;
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "new-job-id-on-reset": { type: "boolean" },
        "uppercase-detail-status": { type: "boolean" },
        "business-errors": { type: "string" },
        scale: { type: "string" },
        "scale-region": { type: "string" },
        fault: { type: "string", multiple: true },
        "timestamp-window": { type: "string" },
        "rate-limit": { type: "boolean" },
        "no-rate-limit": { type: "boolean" },
        "list-calls-per-second": { type: "string" },
        "detail-calls-per-second": { type: "string" },
        variants: { type: "boolean" },
        "reset-lag-reads": { type: "string" },
        "list-reverse-jobs": { type: "boolean" },
        "strict-job-direction": { type: "boolean" },
        "reset-refusal": { type: "string" },
        "reset-refusal-style": { type: "string" },
        "page-sizes": { type: "string" },
        "detail-delay-unit": { type: "string" },
        "two-way-reset-effect": { type: "string" },
        "demo-fleet": { type: "boolean" },
        log: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }

  const options: SimulatorOptions = {};
  if (values.port !== undefined) options.port = integer("--port", values.port, 0);
  if (values.port !== undefined && options.port !== undefined && options.port > 65_535) throw new CliUsageError("--port must be <= 65535");
  if (values.host !== undefined) options.host = values.host;
  if (values["new-job-id-on-reset"]) options.keepJobIdOnReset = false;
  if (values["uppercase-detail-status"]) options.lowercaseDetailStatus = false;
  const style = values["business-errors"];
  if (style !== undefined) {
    if (!(BUSINESS_ERROR_STYLES as readonly string[]).includes(style)) throw new CliUsageError(`--business-errors must be one of ${BUSINESS_ERROR_STYLES.join(", ")}`);
    options.businessErrorStyle = style as BusinessErrorStyle;
  }
  if (values.scale !== undefined || values["scale-region"] !== undefined) {
    options.seed = { scale: values.scale === undefined ? 0 : integer("--scale", values.scale, 0) };
    if (values["scale-region"] !== undefined) options.seed.scaleRegion = values["scale-region"];
  }
  if (values.fault) options.faults = values.fault.map(parseFaultArg);
  if (values["timestamp-window"] !== undefined) options.timestampWindowSeconds = integer("--timestamp-window", values["timestamp-window"], 1);
  if (values["rate-limit"]) options.rateLimit = true;
  if (values["list-calls-per-second"] !== undefined || values["detail-calls-per-second"] !== undefined) {
    const limits: { callsPerSecond?: number; detailCallsPerSecond?: number } = {};
    if (values["list-calls-per-second"] !== undefined) limits.callsPerSecond = integer("--list-calls-per-second", values["list-calls-per-second"], 1);
    if (values["detail-calls-per-second"] !== undefined) limits.detailCallsPerSecond = integer("--detail-calls-per-second", values["detail-calls-per-second"], 1);
    options.rateLimit = limits;
  }
  if (values["no-rate-limit"]) {
    if (values["rate-limit"] || typeof options.rateLimit === "object") throw new CliUsageError("--no-rate-limit cannot be combined with other rate-limit options");
    options.rateLimit = false;
  }
  if (values.variants) options.seed = { ...options.seed, variants: true };
  if (values["reset-lag-reads"] !== undefined) options.resetLag = { reads: integer("--reset-lag-reads", values["reset-lag-reads"], 0) };
  if (values["list-reverse-jobs"]) options.listReverseJobs = true;
  if (values["strict-job-direction"]) options.strictJobDirection = true;
  const refusal = values["reset-refusal"];
  if (refusal !== undefined) {
    const match = /^([^:]+)(?::(\d{3}))?$/.exec(refusal);
    if (!match?.[1]) throw new CliUsageError(`--reset-refusal must be CODE or CODE:HTTP, got "${refusal}"`);
    options.resetRefusal = { code: match[1], ...(match[2] ? { httpStatus: integer("--reset-refusal status", match[2], 200) } : {}) };
  }
  const refusalStyle = values["reset-refusal-style"];
  if (refusalStyle !== undefined) {
    options.resetRefusal = { ...options.resetRefusal, style: oneOf("--reset-refusal-style", refusalStyle, BUSINESS_ERROR_STYLES) };
  }
  if (values["page-sizes"] !== undefined) options.pageSizes = oneOf<PageSizeSet>("--page-sizes", values["page-sizes"], PAGE_SIZE_SETS);
  if (values["detail-delay-unit"] !== undefined) options.detailDelayUnit = oneOf<DetailDelayUnit>("--detail-delay-unit", values["detail-delay-unit"], DETAIL_DELAY_UNITS);
  if (values["two-way-reset-effect"] !== undefined) {
    options.twoWayResetEffect = oneOf<TwoWayResetEffect>("--two-way-reset-effect", values["two-way-reset-effect"], TWO_WAY_RESET_EFFECTS);
  }
  if (values["demo-fleet"]) Object.assign(options, demoFleetOptions());
  if (values.log) options.log = true;
  return { help: values.help === true, options };
}
