// Every request the simulator received on its DTS side (STS AssumeRole included), including
// rejected and faulted ones, so tests can count exactly what a client sent (retries, a reset never
// re-sent, ...) and with which identity.

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
  /** The account of that key (an STS key's: its role's account); null when the key is unknown or absent. */
  account: string | null;
  /** Whether the request carried a security token (V1 `SecurityToken`, V3 `x-acs-security-token`), valid or not. */
  securityToken: boolean;
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

/** Parameters whose values are secrets: SourceEndpointPassword, DestinationEndpointPassword, SSL key passwords. */
const SECRET_PARAM = /Password$/i;
export const SECRET_SENT = "(sent; value not logged)";

/**
 * An operation's parameters as the call log and the held-call list show them: a password shows
 * that one was sent, never its value (the action itself still receives the real parameters).
 */
export function loggableParams(params: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, SECRET_PARAM.test(name) && value !== "" ? SECRET_SENT : value]));
}

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

  list(filter: { action?: string; account?: string } = {}): CallRecord[] {
    const matching = this.records.filter((r) => (!filter.action || r.action === filter.action) && (!filter.account || r.account === filter.account));
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
