// What can go wrong, in the domain's words: every error code the console answers with, grouped by
// area, and the error types use cases throw. No HTTP here: `lib/api/errors.ts` maps each code to a
// status in one table (a code without a status does not compile). Safe for the browser, so the UI
// can render an error from its `code`, and for the CLI, which prints the message.

/** Refusals of a reset: nothing was sent to DTS. */
export const RESET_ERROR_CODES = [
  "task_mismatch",
  "not_resettable",
  "reverse_not_allowed",
  /** The job ID names a reverse task listed on its own: it is reset only through its forward task. */
  "reverse_task_item",
  "confirmation_mismatch",
] as const;

/**
 * Refusals of the guarded operation (lib/guarded), the same words for every operation on a task
 * (reset, reconfigure, an approved reset): nothing was sent to DTS. A code names what stands in
 * the way, not which operation asked: a reconfiguration blocked by a reset in flight is
 * `reset_in_progress`, a reset blocked by a reconfiguration in flight `reconfigure_in_progress`.
 */
export const GUARD_ERROR_CODES = [
  /** The idempotency key was used before for another task, direction or record. */
  "idempotency_key_reused",
  "reset_in_progress",
  /** Another ConfigureDtsJob (or its start) of the same task and direction is in flight. */
  "reconfigure_in_progress",
  /** A reset of the same task and direction finished after this request was received. */
  "task_just_reset",
  /** A reconfiguration of the same task and direction began after this request was received. */
  "task_just_reconfigured",
  /** The task is not the one the decision was made on (an approved request's snapshot no longer matches). */
  "task_changed",
  /** The write-ahead record could not be written, so nothing was sent. */
  "audit_unavailable",
] as const;

/** Refusals of a reconfiguration (ConfigureDtsJob from a reset's snapshot): nothing was sent to DTS. */
export const RECONFIGURE_ERROR_CODES = [
  /** The task is not Not Configured, is a change tracking task, is a reverse task whose forward task is not running, ... */
  "not_reconfigurable",
  /** "Start again": the configuration was not accepted, the task already runs, or DTS shows it in a status a start cannot follow. */
  "not_startable",
] as const;

/** A DTS call failed; the data carries DTS's own facts (code, RequestId, ...). */
export const DTS_ERROR_CODES = [
  "dts_error",
  "dts_unavailable",
  /** DTS's request quota for the account and region is spent and nothing cached could stand in. */
  "dts_throttled",
  "outcome_unknown",
] as const;

/** STS refused (or did not answer) the AssumeRole that reaches an account's role; data holds STS's own facts. */
export const STS_ERROR_CODES = ["sts_assume_role_failed"] as const;

export const NOT_FOUND_CODES = ["task_not_found", "reset_not_found", "reconfiguration_not_found", "reset_request_not_found", "account_not_found", "bulk_not_found", "channel_not_found", "delivery_not_found"] as const;

/** Refusals of notification channel management (issue 24). */
export const NOTIFY_ERROR_CODES = [
  /** The channel's URL is not one the console posts to: http, or a private, loopback or link-local address. */
  "channel_url_refused",
  /** NOTIFY_SECRET_KEY is not set (or no longer opens a channel): channels cannot be sealed or read. */
  "notify_key_missing",
  /** The APPROVAL_WEBHOOK_URL channel: changed in the configuration, not here. */
  "channel_managed",
  /** Only a failed delivery can be retried by hand. */
  "delivery_not_failed",
] as const;

/** Refusals of a bulk reset as a whole (issue 22); an item's own refusals are the single reset's. */
export const BULK_ERROR_CODES = [
  /** The bulk has finished (or was never started): there is nothing left to cancel. */
  "bulk_not_cancellable",
] as const;

/** Refusals of account and API-token management (admin API and users CLI). */
export const USER_ERROR_CODES = [
  "user_exists",
  "user_not_found",
  "token_exists",
  "token_not_found",
  "last_admin",
  "own_account",
  /** An account from the OpenID Provider: its role comes from its groups and it has no password here. */
  "oidc_managed",
] as const;

/** Who may do what: sign-in, sessions, tokens, roles, request origin. */
export const ACCESS_ERROR_CODES = [
  "unauthenticated",
  "session_expired",
  "invalid_token",
  "forbidden",
  "cross_origin",
  "invalid_credentials",
  "sign_in_throttled",
  "sign_in_locked",
  "no_accounts",
  /** The store that recognises callers cannot be opened. */
  "auth_unavailable",
  /** LOCAL_SIGN_IN refuses this password sign-in (disabled, or admins only). */
  "local_sign_in_disabled",
  /** Sign-in through the OpenID Provider is not configured, or the provider cannot be reached. */
  "oidc_unavailable",
  /** The provider's answer did not complete a round trip this browser started (state, nonce, replay, token checks). */
  "oidc_failed",
  /** The provider answered the sign-in with an error of its own (e.g. access_denied). */
  "oidc_provider_error",
  /** None of the person's groups maps to a role, and there is no default role. */
  "oidc_no_role",
  /** The username the provider gives belongs to another console account. */
  "oidc_username_taken",
  /** The person's console account has been disabled by an admin. */
  "oidc_account_disabled",
] as const;

/** Refusals of the two-person approval of a reset (issue 13): nothing was sent to DTS. */
export const APPROVAL_ERROR_CODES = [
  /** Nobody approves their own request (an API token counts as its creator's). */
  "self_approval",
  "request_not_pending",
  /** The task changed since the request (status, configuration, task ID): a new request is needed. */
  "request_invalidated",
  "request_expired",
] as const;

/** The request itself is unacceptable, whatever it asks for. */
export const REQUEST_ERROR_CODES = ["invalid_request", "payload_too_large", "export_too_large"] as const;

export const INTERNAL_ERROR_CODE = "internal_error";

export type ResetErrorCode = (typeof RESET_ERROR_CODES)[number];
export type ReconfigureErrorCode = (typeof RECONFIGURE_ERROR_CODES)[number];
export type GuardErrorCode = (typeof GUARD_ERROR_CODES)[number];
export type DtsErrorCode = (typeof DTS_ERROR_CODES)[number];
export type StsErrorCode = (typeof STS_ERROR_CODES)[number];
export type NotFoundCode = (typeof NOT_FOUND_CODES)[number];
export type UserErrorCode = (typeof USER_ERROR_CODES)[number];
export type AccessErrorCode = (typeof ACCESS_ERROR_CODES)[number];
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];
export type ApprovalErrorCode = (typeof APPROVAL_ERROR_CODES)[number];
export type BulkErrorCode = (typeof BULK_ERROR_CODES)[number];
export type NotifyErrorCode = (typeof NOTIFY_ERROR_CODES)[number];

/** Every code the console answers with: a closed set. */
export type DomainErrorCode =
  | ResetErrorCode
  | ReconfigureErrorCode
  | GuardErrorCode
  | DtsErrorCode
  | StsErrorCode
  | NotFoundCode
  | UserErrorCode
  | AccessErrorCode
  | RequestErrorCode
  | ApprovalErrorCode
  | BulkErrorCode
  | NotifyErrorCode
  | typeof INTERNAL_ERROR_CODE;

export const DOMAIN_ERROR_CODES: readonly DomainErrorCode[] = [
  ...RESET_ERROR_CODES,
  ...RECONFIGURE_ERROR_CODES,
  ...GUARD_ERROR_CODES,
  ...DTS_ERROR_CODES,
  ...STS_ERROR_CODES,
  ...NOT_FOUND_CODES,
  ...USER_ERROR_CODES,
  ...ACCESS_ERROR_CODES,
  ...REQUEST_ERROR_CODES,
  ...APPROVAL_ERROR_CODES,
  ...BULK_ERROR_CODES,
  ...NOTIFY_ERROR_CODES,
  INTERNAL_ERROR_CODE,
];

/** Facts an error carries beside its code and message (the JSON API puts them in the error body). */
export type ErrorData = Record<string, unknown>;

/**
 * A failure a caller can act on: a closed `code`, a human `message`, and `data` (plain JSON facts
 * such as the blocking reset record, or `retryAfterSeconds`). Never an HTTP status: the edge
 * decides that from the code.
 */
export class DomainError<C extends DomainErrorCode = DomainErrorCode> extends Error {
  override name = "DomainError";
  constructor(
    readonly code: C,
    message: string,
    readonly data: ErrorData = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The reset was refused before anything was sent to DTS. */
export class ResetRefusal extends DomainError<ResetErrorCode> {
  override name = "ResetRefusal";
}

/** The reconfiguration was refused before anything was sent to DTS. */
export class ReconfigureRefusal extends DomainError<ReconfigureErrorCode> {
  override name = "ReconfigureRefusal";
}

/** The guarded operation refused before anything was sent to DTS (lib/guarded). */
export class GuardRefusal extends DomainError<GuardErrorCode> {
  override name = "GuardRefusal";
}

/** A DTS call failed (the reset's own call, or a lookup); data holds what DTS said. */
export class DtsCallFailed extends DomainError<DtsErrorCode> {
  override name = "DtsCallFailed";
}

/** The account's role could not be assumed: only that account's requests fail. */
export class StsRefusal extends DomainError<StsErrorCode> {
  override name = "StsRefusal";
}

export class NotFoundError extends DomainError<NotFoundCode> {
  override name = "NotFoundError";
}

export class AccessRefusal extends DomainError<AccessErrorCode> {
  override name = "AccessRefusal";
}

export class InvalidRequest extends DomainError<RequestErrorCode> {
  override name = "InvalidRequest";
}

/** A reset request cannot move as asked (issue 13). */
export class ApprovalRefusal extends DomainError<ApprovalErrorCode> {
  override name = "ApprovalRefusal";
}

export class BulkRefusal extends DomainError<BulkErrorCode> {
  override name = "BulkRefusal";
}

export class NotifyRefusal extends DomainError<NotifyErrorCode> {
  override name = "NotifyRefusal";
}
