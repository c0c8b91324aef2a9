import "server-only";
// The audit store's public surface.
export { openAuditStore, DEFAULT_AUDIT_DB_PATH, DEFAULT_BUSY_TIMEOUT_MS, type AuditStore, type OpenAuditStoreOptions } from "./db";
export {
  beginAttempt,
  finishAttempt,
  resolveByReconciliation,
  markVerified,
  getReset,
  findByIdempotencyKey,
  listUnresolved,
  listResets,
  listResetsForInstance,
  iterateResets,
  EXPORT_MAX_RECORDS,
  INSTANCE_HISTORY_MAX,
  type BeginAttemptResult,
} from "./reset-attempts";
export { resetsToCsv, resetsToJson, resetToCsvFields, RESET_CSV_COLUMNS } from "./export";
export {
  AuditStoreError,
  AuditDataError,
  ExportLimitExceededError,
  IdempotencyKeyConflictError,
  ResetAttemptNotFoundError,
  ResetAttemptStateError,
} from "./errors";
export {
  MAX_PAGE_SIZE,
  newResetAttemptSchema,
  type AttemptOutcome,
  type NewResetAttempt,
  type Reconciliation,
  type Verification,
} from "./validation";
export { type ResetActor, type ResetRecord, type ResolvedBy } from "./schema";
