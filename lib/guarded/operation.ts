import "server-only";
// The guarded operation: the one protocol by which the console changes a DTS task, whatever the
// change (a reset, a reconfiguration, an approved reset). Each operation supplies its parts (how
// to find a replay, how to read and check the task, how to write the record ahead, how to send
// the one call and judge its answer); this module runs them in the one order that makes "at most
// one call per decision" hold under concurrency and across processes:
//
// 1. idempotent replay: a key seen before answers with its record and sends nothing;
// 2. claim the task and direction under a lease (task_claims; one claim whatever the operation,
//    so a reset and a reconfiguration of one task exclude each other);
// 3. under the claim: anything settled since the request was received (a replay that landed
//    meanwhile, a call in flight, a reset or reconfiguration since) refuses it;
// 4. the operation reads the task fresh from DTS and applies its checks;
// 5. the record is written ahead in one transaction that consumes the claim (fencing: a request
//    that outlived its lease writes nothing and sends nothing);
// 6. the claim is released on every path; then the one call is made and its outcome recorded. If
//    the store fails after DTS answered, the record stays open and reconciliation (reconciler.ts)
//    resolves it from the task: late, never lost.
import type { ConsoleContext } from "@/lib/context";
import { GuardRefusal, type ErrorData } from "@/lib/domain/errors";
import type { TaskRef } from "@/lib/domain/task-ref";
import { AuditStoreError, IdempotencyKeyConflictError } from "@/lib/audit/errors";
import { claimTask, releaseClaim, type Claim, type OperationName } from "./claims";
import { settledSince, type Settled } from "./settled";

/** What writing the record ahead came to. */
export type WriteAhead<R> =
  | { kind: "created"; record: R }
  /** The idempotency key was used meanwhile (by a request that took over our lapsed claim). */
  | { kind: "replay"; record: R }
  /** A call of this operation on the task is in flight, or began after the request (`data`: the API's view of it). */
  | { kind: "in_progress"; data: ErrorData }
  | { kind: "claim_lost" }
  /** A reset that may have changed the task happened after the request was received. */
  | { kind: "just_reset"; by: string; data: ErrorData };

export interface GuardedParts<Decision, R> {
  operation: OperationName;
  /** The task and direction the request acts on, as far as the request alone says. */
  ref: TaskRef;
  idempotencyKey: string | null;
  /** A reconfiguration's reset record: never "a reset since the request". */
  ownResetId?: string;
  /**
   * The request resumes one that died holding its claim under the same idempotency key (a bulk
   * worker taking an item over): that claim may be taken over (claims.ts).
   */
  resumes?: boolean;
  /** The record this key already names, if any. */
  findByKey(ctx: ConsoleContext, key: string): Promise<R | null>;
  /** Whether a record found by the key is this request's (else the key was reused: refused). */
  isReplayOf(record: R): boolean;
  /** Read the task fresh from DTS and check it; throws the operation's refusals. */
  decide(ctx: ConsoleContext): Promise<Decision>;
  /** Write the record ahead of the call, consuming the claim in the same transaction. */
  writeAhead(ctx: ConsoleContext, decision: Decision, claim: Claim, receivedAt: Date): Promise<WriteAhead<R>>;
  /** The one DTS call and its recorded outcome. Throws DtsCallFailed when DTS refused or went silent. */
  send(ctx: ConsoleContext, record: R, decision: Decision): Promise<R>;
}

export interface GuardedOutcome<R> {
  record: R;
  /** True when an earlier request with the same idempotency key already did the work. */
  replayed: boolean;
}

const WORDS: Record<OperationName, { noun: string }> = {
  reset: { noun: "reset" },
  reconfigure: { noun: "reconfiguration" },
};

export const KEY_REUSED = "This idempotency key was already used for another task, direction or record.";

/** The refusal vocabulary: one code per situation, the same for every operation. */
export const refusals = {
  keyReused: () => new GuardRefusal("idempotency_key_reused", KEY_REUSED),
  inProgress: (blocking: OperationName, data: ErrorData = {}) =>
    blocking === "reset"
      ? new GuardRefusal("reset_in_progress", "Another reset of this task and direction has not finished yet. Wait for its outcome.", data)
      : new GuardRefusal(
          "reconfigure_in_progress",
          "A reconfiguration of this task and direction is in flight (its ConfigureDtsJob or StartDtsJob has no outcome yet). Wait for it.",
          data,
        ),
  justReset: (by: string, data: ErrorData = {}) =>
    new GuardRefusal(
      "task_just_reset",
      `This task and direction were reset by ${by} after your request was sent, so nothing was sent: look at the task as it is now before deciding again.`,
      data,
    ),
  justReconfigured: (by: string, data: ErrorData = {}) =>
    new GuardRefusal(
      "task_just_reconfigured",
      `A reconfiguration of this task by ${by} began after your request was sent, so nothing was sent: look at the task as it is now before deciding again.`,
      data,
    ),
  taskChanged: (what: string, data: ErrorData = {}) => new GuardRefusal("task_changed", `${what} Nothing was sent to DTS.`, data),
  auditUnavailable: (operation: OperationName) =>
    new GuardRefusal("audit_unavailable", `The ${WORDS[operation].noun} was NOT sent: its record could not be written. Nothing changed in DTS.`),
};

/** Fail closed: an operation whose claim or record cannot be written or read is not sent. */
export async function orRefuse<T>(ctx: ConsoleContext, operation: OperationName, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof IdempotencyKeyConflictError) throw refusals.keyReused();
    if (!(error instanceof AuditStoreError)) throw error;
    ctx.log.error("audit_write_failed", { operation, name: error.name, message: error.message });
    throw refusals.auditUnavailable(operation);
  }
}

/**
 * DTS has answered; the record must say so. If the store fails now, the record stays open and
 * reconciliation resolves it from the task's state. The caller still hears what DTS answered:
 * `fallback` is the record as it would have been written.
 */
export async function recordAnswer<R>(ctx: ConsoleContext, id: string, write: () => Promise<R | null>, fallback: () => R | Promise<R>): Promise<R> {
  try {
    return (await write()) ?? (await fallback());
  } catch (error) {
    ctx.log.error("audit_outcome_write_failed", { id, name: (error as Error).name, message: (error as Error).message });
    return fallback();
  }
}

/** Runs one guarded operation; see the header for the order and why. */
export async function runGuarded<Decision, R>(
  ctx: ConsoleContext,
  parts: GuardedParts<Decision, R>,
  receivedAt: Date = ctx.now(),
): Promise<GuardedOutcome<R>> {
  const { operation, ref, idempotencyKey } = parts;
  const replay = (record: R): GuardedOutcome<R> => {
    if (!parts.isReplayOf(record)) throw refusals.keyReused();
    return { record, replayed: true };
  };

  if (idempotencyKey) {
    const existing = await orRefuse(ctx, operation, () => parts.findByKey(ctx, idempotencyKey));
    if (existing) return replay(existing);
  }

  const claimed = await orRefuse(ctx, operation, () =>
    claimTask(ctx.store, ref, operation, ctx.now(), undefined, { key: idempotencyKey, resumes: parts.resumes === true }),
  );
  if (!claimed.claimed) {
    // Someone else is deciding about this task. With the same idempotency key, it may be ours.
    if (idempotencyKey) {
      const existing = await orRefuse(ctx, operation, () => parts.findByKey(ctx, idempotencyKey));
      if (existing) return replay(existing);
    }
    const settled = await orRefuse(ctx, operation, () => settledSince(ctx.store, ref, receivedAt, parts.ownResetId));
    throw refusalFor(settled) ?? refusals.inProgress(claimed.heldBy ?? operation);
  }

  let record: R;
  let decision: Decision;
  try {
    if (idempotencyKey) {
      const existing = await orRefuse(ctx, operation, () => parts.findByKey(ctx, idempotencyKey));
      if (existing) return replay(existing);
    }
    const settled = await orRefuse(ctx, operation, () => settledSince(ctx.store, ref, receivedAt, parts.ownResetId));
    const refusal = refusalFor(settled);
    if (refusal) throw refusal;

    decision = await parts.decide(ctx);
    const begun = await orRefuse(ctx, operation, () => parts.writeAhead(ctx, decision, claimed.claim, receivedAt));
    switch (begun.kind) {
      case "created":
        record = begun.record;
        break;
      case "replay":
        return replay(begun.record);
      case "in_progress":
        throw refusals.inProgress(operation, begun.data);
      case "claim_lost":
        throw refusals.inProgress(operation);
      case "just_reset":
        throw refusals.justReset(begun.by, begun.data);
    }
  } finally {
    await releaseClaim(ctx.store, claimed.claim).catch((error: unknown) => {
      // The lease ends it anyway; the answer the caller gets is the one that matters.
      ctx.log.warn("task_claim_release_failed", { operation, name: (error as Error).name, message: (error as Error).message });
    });
  }
  return { record: await parts.send(ctx, record, decision), replayed: false };
}

/** The refusal for what was settled since the request, or null when nothing was. */
function refusalFor(settled: Settled | null): GuardRefusal | null {
  if (!settled) return null;
  switch (settled.kind) {
    case "reset_in_flight":
      return refusals.inProgress("reset", { reset: settled.view });
    case "reconfiguration_in_flight":
      return refusals.inProgress("reconfigure", { reconfiguration: settled.view });
    case "reset_since":
      return refusals.justReset(settled.by, { reset: settled.view });
    case "reconfiguration_since":
      return refusals.justReconfigured(settled.by, { reconfiguration: settled.view });
  }
}
