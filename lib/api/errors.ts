import "server-only";
import { z } from "zod";
import { AccountError } from "@/lib/auth/account-errors";
import { DtsError } from "@/lib/dts/errors";
import { logger } from "@/lib/log";

/** A failure the caller can act on, with the JSON API's error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** Response headers the answer needs, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function invalidRequest(message: string, issues: unknown[] = []): ApiError {
  return new ApiError(400, "invalid_request", message, { issues });
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

function dtsErrorStatus(error: DtsError): { status: number; code: string } {
  switch (error.kind) {
    case "unknown_outcome":
      return { status: 504, code: "outcome_unknown" };
    case "not_found":
      return { status: 404, code: "task_not_found" };
    case "timeout":
    case "network":
      return { status: 503, code: "dts_unavailable" };
    default:
      return { status: 502, code: "dts_error" };
  }
}

export function dtsErrorFields(error: DtsError) {
  const d = error.details;
  return {
    dtsCode: d.code,
    requestId: d.requestId,
    httpStatus: d.httpStatus,
    retrySafe: d.retrySafe,
    kind: d.kind,
    action: d.action,
    attempts: d.attempts,
  };
}

/** The one place where anything thrown in a route handler becomes a response. */
export function toErrorResponse(error: unknown, headers: HeadersInit = {}): Response {
  const body = (status: number, code: string, message: string, extra: Record<string, unknown> = {}, extraHeaders: Record<string, string> = {}) =>
    Response.json({ error: { code, message, ...extra } }, { status, headers: { ...Object.fromEntries(new Headers(headers)), ...extraHeaders } });

  if (error instanceof ApiError) return body(error.status, error.code, error.message, error.extra, error.headers);
  if (error instanceof AccountError) return body(error.status, error.code, error.message);
  if (error instanceof z.ZodError) return body(400, "invalid_request", describeZod(error), { issues: zodIssues(error) });
  if (error instanceof DtsError) {
    const { status, code } = dtsErrorStatus(error);
    logger.warn("dts_call_failed", { ...dtsErrorFields(error), message: error.message });
    return body(status, code, error.message, dtsErrorFields(error));
  }
  // Unexpected: log the name only at the boundary (messages of library errors may carry URLs).
  logger.error("unhandled_route_error", { name: error instanceof Error ? error.name : typeof error, message: error instanceof Error ? error.message : undefined });
  return body(500, "internal_error", "Unexpected server error. It has been logged.");
}
