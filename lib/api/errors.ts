import "server-only";
import { z } from "zod";
import { DomainError, InvalidRequest, type DomainErrorCode, type DtsErrorCode, type NotFoundCode } from "@/lib/domain/errors";
import { DtsError, dtsErrorFields } from "@/lib/dts/errors";
import { logger } from "@/lib/log";

/**
 * The one table from error code to HTTP status. Typed as a Record over the closed code union, so a
 * new code without a status is a compile error. Everything else in the console speaks codes.
 */
export const ERROR_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  // the request itself
  invalid_request: 400,
  payload_too_large: 413,
  export_too_large: 413,
  // who may do what
  unauthenticated: 401,
  session_expired: 401,
  invalid_token: 401,
  invalid_credentials: 401,
  forbidden: 403,
  cross_origin: 403,
  sign_in_throttled: 429,
  sign_in_locked: 429,
  no_accounts: 503,
  auth_unavailable: 503,
  local_sign_in_disabled: 403,
  oidc_unavailable: 503,
  oidc_failed: 400,
  oidc_provider_error: 400,
  oidc_no_role: 403,
  oidc_username_taken: 409,
  oidc_account_disabled: 403,
  // lookups
  task_not_found: 404,
  reset_not_found: 404,
  reconfiguration_not_found: 404,
  reset_request_not_found: 404,
  account_not_found: 404,
  bulk_not_found: 404,
  channel_not_found: 404,
  delivery_not_found: 404,
  // reset refusals: nothing was sent
  task_mismatch: 409,
  not_resettable: 409,
  reverse_not_allowed: 409,
  reverse_task_item: 409,
  confirmation_mismatch: 409,
  // reconfiguration refusals: nothing was sent
  not_reconfigurable: 409,
  not_startable: 409,
  // the guarded operation's refusals (any operation): nothing was sent
  idempotency_key_reused: 409,
  reset_in_progress: 409,
  reconfigure_in_progress: 409,
  task_just_reset: 409,
  task_just_reconfigured: 409,
  task_changed: 409,
  audit_unavailable: 503,
  // DTS
  dts_error: 502,
  dts_unavailable: 503,
  dts_throttled: 503,
  outcome_unknown: 504,
  // STS, for an account reached through a RAM role
  sts_assume_role_failed: 502,
  // accounts
  user_exists: 409,
  user_not_found: 404,
  token_exists: 409,
  token_not_found: 404,
  last_admin: 409,
  own_account: 409,
  oidc_managed: 409,
  // two-person approval
  self_approval: 403,
  request_not_pending: 409,
  request_invalidated: 409,
  request_expired: 410,
  // bulk resets
  bulk_not_cancellable: 409,
  // notifications
  channel_url_refused: 422,
  notify_key_missing: 503,
  channel_managed: 409,
  delivery_not_failed: 409,
  internal_error: 500,
};

export function invalidRequest(message: string, issues: unknown[] = []): InvalidRequest {
  return new InvalidRequest("invalid_request", message, { issues });
}

/** zod's default text for an absent field ("expected string, received undefined") reads poorly. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) return "is required";
  return issue.message;
}

function zodIssues(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join("."), message: issueMessage(i), code: i.code }));
}

function describeZod(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${issueMessage(i)}` : issueMessage(i)))
    .join("; ");
}

/** A DtsError that reached the edge unwrapped (a lookup): which domain code it means. */
function dtsErrorCode(error: DtsError): DtsErrorCode | NotFoundCode {
  switch (error.kind) {
    case "unknown_outcome":
      return "outcome_unknown";
    case "not_found":
      return "task_not_found";
    case "timeout":
    case "network":
      return "dts_unavailable";
    case "throttled":
      return "dts_throttled";
    default:
      return "dts_error";
  }
}

/** Response headers a code needs beside its body: a throttled caller is told when to come back. */
function headersFor(error: DomainError): Record<string, string> {
  const wait = error.data.retryAfterSeconds;
  const status = ERROR_STATUS[error.code];
  return (status === 429 || status === 503) && typeof wait === "number" ? { "Retry-After": String(wait) } : {};
}

/** Anything thrown in a route handler, as a domain error (unexpected ones are logged by name). */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof z.ZodError) return new InvalidRequest("invalid_request", describeZod(error), { issues: zodIssues(error) });
  if (error instanceof DtsError) {
    logger.warn("dts_call_failed", { ...dtsErrorFields(error), message: error.message });
    const retryAfterMs = error.details.retryAfterMs;
    const wait = error.kind === "throttled" && retryAfterMs ? { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) } : {};
    return new DomainError(dtsErrorCode(error), error.message, { ...dtsErrorFields(error), ...wait });
  }
  // Unexpected: log the name only at the boundary (messages of library errors may carry URLs).
  logger.error("unhandled_route_error", { name: error instanceof Error ? error.name : typeof error, message: error instanceof Error ? error.message : undefined });
  return new DomainError("internal_error", "Unexpected server error. It has been logged.");
}

/** The one place where anything thrown in a route handler becomes a response. */
export function toErrorResponse(error: unknown, headers: HeadersInit = {}): Response {
  const domain = toDomainError(error);
  return Response.json(
    { error: { code: domain.code, message: domain.message, ...domain.data } },
    { status: ERROR_STATUS[domain.code], headers: { ...Object.fromEntries(new Headers(headers)), ...headersFor(domain) } },
  );
}
