// Fault injection: which faults exist, how they are described, and which one (if any) answers a
// given call. How each fault is acted out on the wire lives in fault-responses.ts.

import { z } from "zod";
import { SIMULATED_ACTIONS } from "./model";
import { createPrng, type Prng } from "./prng";

export const FAULT_KINDS = [
  "latency", // wait latencyMs, then answer normally
  "throttle", // 400 Throttling.User
  "unavailable", // 503 ServiceUnavailable
  "internal", // 500 InternalError
  "dts-failure", // HTTP 200 with Success:false and DTS error fields
  "html-502", // 502 with an HTML gateway page
  "malformed-json", // 200 application/json with a truncated body
  "reset-connection", // destroy the socket without replying
  "hang", // reply nothing for holdMs, then destroy the socket
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FAULT_ACTIONS = [...SIMULATED_ACTIONS, "*"] as const;
export type FaultAction = (typeof FAULT_ACTIONS)[number];

export const DEFAULT_LATENCY_MS = 1_000;
export const DEFAULT_HOLD_MS = 120_000;

export const faultSpecSchema = z
  .object({
    action: z.enum(FAULT_ACTIONS),
    kind: z.enum(FAULT_KINDS),
    /** The next N matching calls. Default 1 unless `probability` is given (then unlimited). */
    times: z.number().int().positive().optional(),
    /** Fraction of matching calls (0-1] that get the fault; combined with `times`, at most that many. */
    probability: z.number().gt(0).lte(1).optional(),
    latencyMs: z.number().int().nonnegative().optional(),
    holdMs: z.number().int().nonnegative().optional(),
    /** throttle: sends x-ratelimit-user-api (TimeLeft) and x-acs-retry-after with this many ms. */
    retryAfterMs: z.number().int().nonnegative().optional(),
    /** dts-failure body fields. */
    errCode: z.string().optional(),
    errMessage: z.string().optional(),
    dynamicMessage: z.string().optional(),
    /** dts-failure: the body's HttpStatusCode (the HTTP status stays 200). */
    httpStatusCode: z.number().int().optional(),
    /**
     * ResetDtsJob, ConfigureDtsJob and StartDtsJob only: "apply" makes the call take effect before the faulty reply ("DTS did it
     * but the answer was lost"); "skip" (default) leaves the state alone.
     */
    effect: z.enum(["apply", "skip"]).optional(),
  })
  .strict();

export type FaultSpec = z.infer<typeof faultSpecSchema>;

export interface ActiveFault extends FaultSpec {
  id: string;
  /** Uses left; null = unlimited (probability faults without `times`). */
  remaining: number | null;
  /** How many calls this fault has answered so far. */
  triggered: number;
}

/** Seed for probability rolls: a fixed seed makes "30% of calls" reproducible across runs. */
const ROLL_SEED = 7_331;

export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private nextId = 1;
  private rolls: Prng = createPrng(ROLL_SEED);

  add(spec: FaultSpec): ActiveFault {
    const parsed = faultSpecSchema.parse(spec);
    const remaining = parsed.times ?? (parsed.probability === undefined ? 1 : null);
    const fault: ActiveFault = { ...parsed, id: `f${this.nextId++}`, remaining, triggered: 0 };
    this.faults.push(fault);
    return { ...fault };
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
    this.nextId = 1;
    this.rolls = createPrng(ROLL_SEED);
  }

  /**
   * The fault that answers this call, if any, consuming one use of it. Faults are tried in the
   * order they were added; a probability fault whose roll misses lets the next one try.
   */
  take(action: string): ActiveFault | undefined {
    for (const fault of this.faults) {
      if (fault.action !== "*" && fault.action !== action) continue;
      if (fault.probability !== undefined && this.rolls.next() >= fault.probability) continue;
      fault.triggered += 1;
      if (fault.remaining !== null) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
      }
      return { ...fault };
    }
    return undefined;
  }
}
