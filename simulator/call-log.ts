// Every request the simulator received on its DTS side, including rejected and faulted ones, so
// tests can count exactly what a client sent (retries, a reset never re-sent, ...).

import type { FaultKind } from "./faults";
import type { SignatureScheme } from "./signing/types";

export type CallVerdict =
  /** The action ran (it may still have answered a business error; see `code`). */
  | "ok"
  /** Refused before the action: signature, version, unknown action, rate limit. */
  | "rejected"
  /** An injected fault answered instead of the action. */
  | "fault";

export interface CallRecord {
  seq: number;
  /** When the request arrived, ISO-8601 with milliseconds. */
  at: string;
  action: string | null;
  /** The operation's own parameters, decoded (signing parameters removed). */
  params: Record<string, string>;
  scheme: SignatureScheme | null;
  accessKeyId: string | null;
  verdict: CallVerdict;
  /** The error code answered, null on success (and for faults that send no code). */
  code: string | null;
  /** null when no HTTP reply was sent (reset-connection, hang). */
  httpStatus: number | null;
  fault: FaultKind | null;
  /** ResetDtsJob faults: whether the reset took effect before the faulty reply. */
  faultEffect: "apply" | "skip" | null;
}

export type NewCallRecord = Omit<CallRecord, "seq">;

/** Keeps the most recent calls; old ones are dropped so a long-running demo does not grow forever. */
export class CallLog {
  private records: CallRecord[] = [];
  private nextSeq = 1;

  constructor(private readonly capacity = 10_000) {}

  add(record: NewCallRecord): CallRecord {
    const full: CallRecord = { seq: this.nextSeq++, ...record };
    this.records.push(full);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
    return full;
  }

  list(filter: { action?: string } = {}): CallRecord[] {
    const matching = filter.action ? this.records.filter((r) => r.action === filter.action) : this.records;
    return matching.map((r) => ({ ...r, params: { ...r.params } }));
  }

  /** Forgets every call; sequence numbers start again from 1. */
  clear(): number {
    const count = this.records.length;
    this.records = [];
    this.nextSeq = 1;
    return count;
  }
}
