import { ApiRequestError } from "./api-error";
import type { ApiErrorBody } from "./types";

function isErrorBody(value: unknown): value is { error: ApiErrorBody } {
  if (!value || typeof value !== "object" || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return !!error && typeof error === "object" && typeof (error as ApiErrorBody).code === "string";
}

/**
 * Fetches JSON from the console's own API. Any non-2xx answer, or no answer, becomes an
 * ApiRequestError carrying the API's `{"error": {...}}` body.
 */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } });
  } catch (cause) {
    // The abort of a superseded query is not an error worth showing; let TanStack Query see it.
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiRequestError(0, {
      code: "network_error",
      message: "The console's server did not answer. Check your connection and that the server is running.",
    });
  }

  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }

  if (!response.ok) {
    throw new ApiRequestError(
      response.status,
      isErrorBody(body)
        ? body.error
        : { code: `http_${response.status}`, message: response.statusText || "The server answered with an error." },
    );
  }
  if (body === null) {
    throw new ApiRequestError(response.status, { code: "bad_response", message: "The server's answer was not JSON." });
  }
  return body as T;
}
