// Typed failures of the audit store, so the reset service can map each to the right answer
// (refuse the reset, replay, ...) without parsing messages.
// Not `server-only`: the users CLI (scripts/users.ts) runs the auth repositories, which wrap their
// queries in storeOperation, under tsx, where that import throws. Error classes only.

import { DomainError } from "../domain/errors";

/**
 * The database refused or failed: disk full, read-only file, lock timeout, a trigger's refusal.
 * The driver's error is the `cause`. A reset whose `beginAttempt` throws must not be sent.
 */
export class AuditStoreError extends Error {
  override readonly name = "AuditStoreError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An idempotency key was reused for a different task or direction: a caller bug, never a replay. */
export class IdempotencyKeyConflictError extends Error {
  override readonly name = "IdempotencyKeyConflictError";
  constructor(
    readonly idempotencyKey: string,
    /** The id of the record that already owns the key. */
    readonly existingId: string,
  ) {
    super(`Idempotency key "${idempotencyKey}" already belongs to reset attempt ${existingId} for another task or direction`);
  }
}

/** No record has this id. */
export class ResetAttemptNotFoundError extends Error {
  override readonly name = "ResetAttemptNotFoundError";
  constructor(readonly id: string) {
    super(`No reset attempt with id ${id}`);
  }
}

/**
 * The record exists but is not in a status the requested change starts from (finishing a record
 * that is no longer pending, reconciling a resolved one, verifying one that did not succeed).
 * Expected when the reconciliation loop races the reset's own answer: the caller re-reads.
 */
export class ResetAttemptStateError extends Error {
  override readonly name = "ResetAttemptStateError";
  constructor(
    readonly id: string,
    readonly currentStatus: string,
    readonly attempted: string,
  ) {
    super(`Reset attempt ${id} is ${currentStatus}: cannot ${attempted}`);
  }
}

/** A stored snapshot no longer parses as JSON: the file was altered outside this code. */
export class AuditDataError extends Error {
  override readonly name = "AuditDataError";
}

/** `iterateResets` matched more records than an export may hold in memory (domain code export_too_large). */
export class ExportLimitExceededError extends DomainError<"export_too_large"> {
  override name = "ExportLimitExceededError";
  constructor(readonly limit: number) {
    super("export_too_large", `More than ${limit} reset records match: narrow the filters (e.g. a date range) and export in parts`);
  }
}

const OWN_ERRORS = [AuditStoreError, IdempotencyKeyConflictError, ResetAttemptNotFoundError, ResetAttemptStateError, AuditDataError, ExportLimitExceededError];

/** Run a store operation, turning driver errors into `AuditStoreError` ("could not <what>"). */
export async function storeOperation<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (OWN_ERRORS.some((type) => error instanceof type)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new AuditStoreError(`The audit store could not ${what}: ${detail}`, { cause: error });
  }
}
