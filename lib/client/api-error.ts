import type { ApiErrorBody } from "./types";

/**
 * An error answered by the console's API (or the lack of an answer). It carries the API's error
 * body so the UI can show DTS's code, message and RequestId rather than a generic failure.
 */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = "ApiRequestError";
    this.status = status;
    this.body = body;
  }

  get code(): string {
    return this.body.code;
  }

  /** No HTTP answer at all: the request may or may not have reached the server. */
  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export function toApiRequestError(error: unknown): ApiRequestError {
  if (error instanceof ApiRequestError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiRequestError(0, { code: "network_error", message });
}
