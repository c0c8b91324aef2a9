import "server-only";

/** What went wrong, in the terms an operator (and the retry policy) cares about. */
export type DtsErrorKind =
  | "throttled"
  | "auth"
  | "invalid"
  | "not_found"
  | "conflict"
  | "server"
  | "timeout"
  | "network"
  | "malformed_response"
  | "unknown_outcome";

export interface DtsErrorDetails {
  kind: DtsErrorKind;
  action: string;
  /** DTS's or the gateway's error code, when it sent one. */
  code: string | null;
  /** Human text, with `%s` already replaced by DynamicMessage. Never contains secrets. */
  message: string;
  requestId: string | null;
  httpStatus: number | null;
  /** True when DTS certainly did not execute the call, so sending it again is harmless. */
  retrySafe: boolean;
  /** Milliseconds DTS asked us to wait before retrying, when it said. */
  retryAfterMs: number | null;
  attempts: number;
  /** For `unknown_outcome`: what actually happened on the wire (timeout, network, ...). */
  underlyingKind: DtsErrorKind | null;
}

/** The one error type every DTS failure becomes. */
export class DtsError extends Error {
  readonly details: DtsErrorDetails;

  constructor(details: DtsErrorDetails) {
    super(details.message);
    this.name = "DtsError";
    this.details = details;
  }

  get kind() {
    return this.details.kind;
  }

  withAttempts(attempts: number): DtsError {
    return new DtsError({ ...this.details, attempts });
  }

  toJSON() {
    return { name: this.name, ...this.details };
  }
}

/** What the JSON API (and the reset's error) reports about a failed DTS call: facts, no secrets. */
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

/** DTS's `ErrMessage` is a template: "The Value of Input Parameter %s is not valid." */
export function substituteDynamicMessage(template: string, dynamic: string | null | undefined): string {
  if (!dynamic || !template.includes("%s")) return template;
  return template.split("%s").join(dynamic);
}

/**
 * Gateway messages can carry material we must not show: V1's SignatureDoesNotMatch appends the
 * server's string to sign (which includes a SecurityToken when STS is used), and transport errors
 * append the full request URL (which, under V1, holds the signature). Cut both.
 */
export function sanitizeMessage(message: string): string {
  return message
    .replace(/\s*server string to sign is:[\s\S]*$/i, "")
    .replace(/https?:\/\/\S+/g, "[url]")
    .replace(/(Signature|SecurityToken|AccessKeySecret)=[^&\s]+/gi, "$1=[redacted]")
    .trim();
}
