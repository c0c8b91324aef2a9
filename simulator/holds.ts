// Holds: a test arms one for an action, the next matching call(s) reach DTS and then wait for the
// test to release them. A test waits on the event "the call reached DTS" (GET /__sim/holds lists
// held calls) instead of sleeping, and decides when DTS answers instead of racing a latency.
//
// When the action runs is the hold's `runAt`:
// - "release" (default): nothing happens to the state until the release, then the call goes on as
//   if it had just arrived (injected faults included): "DTS has not got to it yet".
// - "hold": the action runs as soon as the call arrives (a ResetDtsJob takes effect) and only the
//   answer waits: "DTS did it, the answer is late". Faults are not consulted for such a call.
//
// A reset of the simulator releases every held call before the state is restored (so nothing
// acts on the fresh seed); shutting the simulator down abandons them (their sockets are closed).

import { z } from "zod";
import { FAULT_ACTIONS } from "./faults";

export const HOLD_RUN_AT = ["release", "hold"] as const;
export type HoldRunAt = (typeof HOLD_RUN_AT)[number];

export const holdSpecSchema = z
  .object({
    action: z.enum(FAULT_ACTIONS),
    /** The next N matching calls are held (default 1). */
    count: z.number().int().positive().max(1_000).optional(),
    /** When the action runs: at the release (default) or as soon as the call is held. */
    runAt: z.enum(HOLD_RUN_AT).optional(),
  })
  .strict();

export type HoldSpec = z.infer<typeof holdSpecSchema>;

/** An armed hold. */
export interface ActiveHold {
  id: string;
  action: HoldSpec["action"];
  runAt: HoldRunAt;
  /** Calls it will still hold; 0 once used up (it stays listed while it holds calls). */
  remaining: number;
  /** Calls it has held so far. */
  triggered: number;
}

/** A call waiting for its release. */
export interface HeldCall {
  /** `<hold id>.<n>`, e.g. "h1.1". */
  id: string;
  holdId: string;
  action: string;
  /** The operation's own parameters, as in the call log. */
  params: Record<string, string>;
  /** When the call arrived (ISO-8601). */
  at: string;
  runAt: HoldRunAt;
  /** True once the action has run (at once for runAt "hold"). */
  applied: boolean;
  /** True when the client closed the connection while waiting (e.g. its read timeout). */
  clientClosed: boolean;
}

/** How the server is told what became of a held call. */
export interface HeldCallHandlers {
  /** Called synchronously at the release: continue the call (run it, answer it). */
  release(): void;
  /** The simulator is shutting down: answer nothing. */
  abandon(): void;
}

interface HoldEntry extends ActiveHold {
  nextCall: number;
}

interface HeldEntry {
  call: HeldCall;
  handlers: HeldCallHandlers;
}

export class HoldRegistry {
  private holds: HoldEntry[] = [];
  private held: HeldEntry[] = [];
  private nextId = 1;

  add(spec: HoldSpec): ActiveHold {
    const parsed = holdSpecSchema.parse(spec);
    const hold: HoldEntry = {
      id: `h${this.nextId++}`,
      action: parsed.action,
      runAt: parsed.runAt ?? "release",
      remaining: parsed.count ?? 1,
      triggered: 0,
      nextCall: 1,
    };
    this.holds.push(hold);
    return publicHold(hold);
  }

  list(): { holds: ActiveHold[]; held: HeldCall[] } {
    return { holds: this.holds.map(publicHold), held: this.held.map((h) => ({ ...h.call, params: { ...h.call.params } })) };
  }

  /**
   * The hold that takes this call, if any, using up one of its calls. The caller then parks the
   * call with `park`.
   */
  take(action: string): ActiveHold | undefined {
    const hold = this.holds.find((h) => h.remaining > 0 && (h.action === "*" || h.action === action));
    if (!hold) return undefined;
    hold.remaining -= 1;
    hold.triggered += 1;
    return publicHold(hold);
  }

  /** Registers a held call; returns its public record (which the server may update: applied, clientClosed). */
  park(holdId: string, call: Omit<HeldCall, "id" | "holdId">, handlers: HeldCallHandlers): HeldCall {
    const hold = this.holds.find((h) => h.id === holdId);
    const n = hold ? hold.nextCall++ : 1;
    const record: HeldCall = { ...call, id: `${holdId}.${n}`, holdId };
    this.held.push({ call: record, handlers });
    return record;
  }

  /**
   * Releases a held call (by its ID, "h1.2"), or every call a hold holds (by the hold's ID, "h1"),
   * which also disarms that hold. Returns how many calls were released, or undefined for an
   * unknown ID.
   */
  release(id: string): number | undefined {
    const hold = this.holds.find((h) => h.id === id);
    if (hold) {
      this.holds = this.holds.filter((h) => h !== hold);
      return this.releaseWhere((e) => e.call.holdId === id);
    }
    if (!this.held.some((e) => e.call.id === id)) return undefined;
    const released = this.releaseWhere((e) => e.call.id === id);
    this.dropUsedUpHolds();
    return released;
  }

  /** Releases every held call and disarms every hold. Returns how many calls were released. */
  releaseAll(): number {
    this.holds = [];
    const released = this.releaseWhere(() => true);
    this.nextId = 1;
    return released;
  }

  /** Shutdown: nothing will be answered; every waiting call is told so. */
  abandonAll(): void {
    const waiting = this.held;
    this.held = [];
    this.holds = [];
    for (const entry of waiting) entry.handlers.abandon();
  }

  private releaseWhere(match: (entry: HeldEntry) => boolean): number {
    const releasing = this.held.filter(match);
    this.held = this.held.filter((e) => !match(e));
    // In arrival order, synchronously: each call runs before the next is released.
    for (const entry of releasing) entry.handlers.release();
    return releasing.length;
  }

  /** A used-up hold stays listed while it still holds calls, so a test can see what it held. */
  private dropUsedUpHolds(): void {
    this.holds = this.holds.filter((h) => h.remaining > 0 || this.held.some((e) => e.call.holdId === h.id));
  }
}

function publicHold(hold: HoldEntry): ActiveHold {
  return { id: hold.id, action: hold.action, runAt: hold.runAt, remaining: hold.remaining, triggered: hold.triggered };
}
