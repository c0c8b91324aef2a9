// Command-line options of `npm run simulator`, parsed into SimulatorOptions. Kept apart from cli.ts
// so it can be tested without starting a process.

import { parseArgs } from "node:util";
import type { SimulatorOptions } from "./config";
import { faultSpecSchema, type FaultSpec } from "./faults";
import { BUSINESS_ERROR_STYLES, type BusinessErrorStyle } from "./replies";

export const CLI_USAGE = `Usage: npm run simulator -- [options]

  --port N                     port to listen on (default 0: any free port)
  --host H                     interface (default 127.0.0.1)
  --new-job-id-on-reset        a reset task comes back under a new DtsJobId (default: keeps it)
  --uppercase-detail-status    DescribeDtsJobDetail says Synchronizing, not synchronizing
  --business-errors STYLE      gateway (default) | dts | dts200
  --scale N                    add N generated SYNC tasks (benchmarks)
  --scale-region R             region of the generated tasks (default cn-hangzhou)
  --fault SPEC                 repeatable; Action:kind[:N | :P%][:key=value...]
                               e.g. ResetDtsJob:throttle:2, DescribeDtsJobs:latency:5:latencyMs=2000,
                               *:unavailable:25%, ResetDtsJob:reset-connection:1:effect=apply
  --timestamp-window SECONDS   signature timestamp window (default 900)
  --rate-limit                 DescribeDtsJobs: 20 calls/s per AccessKeyId per region
  --log                        one line per call on stderr
  --help

Keys: SIMULATOR_ACCESS_KEY_ID / SIMULATOR_ACCESS_KEY_SECRET (defaults sim-access-key-id /
sim-access-key-secret-0123456789). Control API: http://HOST:PORT/__sim/ (loopback only).`;

export class CliUsageError extends Error {}

function integer(name: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new CliUsageError(`${name} must be an integer >= ${min}, got "${text}"`);
  return Number(text);
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
  if (values.log) options.log = true;
  return { help: values.help === true, options };
}
