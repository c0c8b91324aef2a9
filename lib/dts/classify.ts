import "server-only";
import { DtsError, type DtsErrorKind, sanitizeMessage, substituteDynamicMessage } from "./errors";

/** Network failures where the request certainly never reached DTS. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
/** Network failures after which the request may or may not have been processed. */
const MAYBE_SENT_CODES = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE"]);

const AUTH_CODE = /^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|InvalidTimeStamp|IllegalTimestamp|SignatureNonceUsed|InvalidSecurityToken|MissingSecurityToken|Forbidden\.RAM|Forbidden\.RiskControl|Forbidden$|NoPermission|InvalidAccessKeySecret)/;
const NOT_FOUND_CODE = /(InstanceNotFound|JobNotFound|TaskNotFound|\.NotFound$)/;
const CONFLICT_CODE = /(OperationDenied|InvalidJobStatus|InvalidTaskStatus|JobStatus|ModifyDenied)/;
const SERVER_CODE = /^(InternalError|ServiceUnavailable|UnknownError|ServiceTimeout)/;
const INVALID_CODE = /^(InvalidParameter|MissingParameter|InvalidVersion|InvalidAction|DTS\.Msg\.InvalidParameter)/;

export function kindForCode(code: string | null, httpStatus: number | null): DtsErrorKind {
  if (code && /Throttling/.test(code)) return "throttled";
  if (code === "InvalidAction.NotFound") return "invalid";
  if (code && AUTH_CODE.test(code)) return "auth";
  if (code && NOT_FOUND_CODE.test(code)) return "not_found";
  if (code && CONFLICT_CODE.test(code)) return "conflict";
  if (code && SERVER_CODE.test(code)) return "server";
  if (code && INVALID_CODE.test(code)) return "invalid";
  if (httpStatus === 429) return "throttled";
  if (httpStatus !== null && httpStatus >= 500) return "server";
  if (httpStatus === 401 || httpStatus === 403) return code ? "conflict" : "auth";
  if (httpStatus === 404) return "not_found";
  return "invalid";
}

/** Whether DTS certainly did not execute the call, for each kind of answered failure. */
function answeredRetrySafe(kind: DtsErrorKind): boolean {
  return kind !== "server";
}

interface BodyFields {
  code: string | null;
  message: string | null;
  requestId: string | null;
}

function str(value: unknown): string | null {
  if (typeof value === "string" && value.trim() !== "" && value !== "undefined") return value;
  if (typeof value === "number") return String(value);
  return null;
}

/**
 * Reads either error body DTS may send: the POP gateway's `Code`/`Message`, or DTS's own
 * `ErrCode`/`ErrMessage` + `DynamicMessage`.
 */
export function readErrorBody(body: unknown): BodyFields {
  const record = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const template = str(record.ErrMessage) ?? str(record.Message) ?? str(record.message);
  return {
    code: str(record.ErrCode) ?? str(record.Code) ?? str(record.code),
    message: template === null ? null : substituteDynamicMessage(template, str(record.DynamicMessage)),
    requestId: str(record.RequestId) ?? str(record.requestId),
  };
}

export interface TimeoutSettings {
  connectTimeoutMs: number;
  readTimeoutMs: number;
}

/** An answered failure: HTTP 4xx/5xx, or HTTP 200 with `Success: false`. */
export function errorFromAnswer(action: string, httpStatus: number, body: unknown, retryAfterMs: number | null = null): DtsError {
  const fields = readErrorBody(body);
  const bodyStatus = Number((body as Record<string, unknown> | null)?.HttpStatusCode);
  const effectiveStatus = httpStatus === 200 && Number.isInteger(bodyStatus) && bodyStatus >= 400 ? bodyStatus : httpStatus;
  const kind = kindForCode(fields.code, effectiveStatus);
  return new DtsError({
    kind,
    action,
    code: fields.code,
    message: sanitizeMessage(fields.message ?? `DTS answered HTTP ${httpStatus} without an error message.`),
    requestId: fields.requestId,
    httpStatus,
    retrySafe: answeredRetrySafe(kind),
    retryAfterMs,
    attempts: 1,
    underlyingKind: null,
  });
}

interface ThrownShape {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  data?: unknown;
  requestId?: unknown;
  retryAfter?: unknown;
  message?: unknown;
}

/** Maps whatever `@alicloud/openapi-core` (or the socket under it) threw. */
export function errorFromThrown(action: string, thrown: unknown, timeouts: TimeoutSettings): DtsError {
  if (thrown instanceof DtsError) return thrown;
  const error = (thrown && typeof thrown === "object" ? thrown : {}) as ThrownShape;
  const base = { action, requestId: null, httpStatus: null, retryAfterMs: null, attempts: 1, underlyingKind: null };

  if (typeof error.statusCode === "number" && error.statusCode >= 400) {
    // The SDK's `code` is the string "undefined" for DTS-style bodies; the real fields are in `data`.
    const data = error.data && typeof error.data === "object" ? error.data : { Code: error.code, RequestId: error.requestId };
    const retryAfter = typeof error.retryAfter === "number" && error.retryAfter > 0 ? error.retryAfter : null;
    return errorFromAnswer(action, error.statusCode, data, retryAfter);
  }
  if (error.name === "RequestTimeoutError") {
    // httpx also applies the connect timeout as a socket idle timeout, so even a "ConnectTimeout"
    // may come after the request was written: a timeout never proves DTS did not get the call.
    const which = String(error.message ?? "").includes("ReadTimeout") ? "read" : "connect/idle";
    const limit = which === "read" ? timeouts.readTimeoutMs : timeouts.connectTimeoutMs;
    return new DtsError({
      ...base,
      kind: "timeout",
      code: null,
      message: `DTS did not answer in time (${which} timeout of ${limit / 1000} s).`,
      retrySafe: false,
    });
  }
  const networkCode = typeof error.code === "string" ? error.code : null;
  if (networkCode && NOT_SENT_CODES.has(networkCode)) {
    return new DtsError({
      ...base,
      kind: "network",
      code: networkCode,
      message: `Could not reach the DTS endpoint (${networkCode}); the request was not sent.`,
      retrySafe: true,
    });
  }
  if ((networkCode && MAYBE_SENT_CODES.has(networkCode)) || /socket hang up/i.test(String(error.message ?? ""))) {
    return new DtsError({
      ...base,
      kind: "network",
      code: networkCode ?? "ECONNRESET",
      message: "The connection to DTS was dropped before an answer arrived.",
      retrySafe: false,
    });
  }
  if (thrown instanceof SyntaxError || error.name === "SyntaxError") {
    return new DtsError({
      ...base,
      kind: "malformed_response",
      code: null,
      message: "DTS answered with something that is not valid JSON (for example a gateway error page).",
      retrySafe: false,
    });
  }
  return new DtsError({
    ...base,
    kind: "network",
    code: networkCode,
    message: "Unexpected failure while calling DTS.",
    retrySafe: false,
  });
}

/**
 * Kinds of failure that do not prove DTS refused the call before running it. A 4xx (or a
 * `Success:false` business error) is a refusal; a server error (HTTP 5xx, or HTTP 200 carrying
 * `HttpStatusCode` >= 500), a gateway page, a dropped connection or a timeout may all come after
 * DTS did the work: DTS's ResetDtsJob page lists 500 InternalError/ServiceUnavailable without
 * saying the task was left alone.
 */
const MAYBE_EXECUTED_KINDS = new Set(["timeout", "network", "malformed_response", "server"]);

/**
 * For a non-idempotent call, a failure that may have happened after DTS received the request
 * means nobody knows whether it took effect: the outcome is resolved later from the task's state.
 */
export function asUnknownOutcome(error: DtsError): DtsError {
  if (error.details.retrySafe || !MAYBE_EXECUTED_KINDS.has(error.kind)) return error;
  return new DtsError({
    ...error.details,
    kind: "unknown_outcome",
    underlyingKind: error.kind,
    message: `${error.message} DTS may or may not have carried out the request: check the task before trying again.`,
  });
}
