import "server-only";
// The answer of a refused start or callback of sign-in through the provider. A browser (Accept:
// text/html) gets the code's 4xx status with a small page that moves it on to /sign-in/refused,
// where the refusal is said in the reader's language; an API client gets the usual JSON error.
import { ERROR_STATUS, toDomainError, toErrorResponse } from "@/lib/api/errors";
import { refusedPagePath } from "@/lib/auth/oidc";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function refusalResponse(request: Request, thrown: unknown): Response {
  if (!(request.headers.get("accept") ?? "").includes("text/html")) return toErrorResponse(thrown);
  const error = toDomainError(thrown);
  const target = escapeHtml(refusedPagePath(error));
  const body = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}"><title>Sign-in refused</title></head><body><p>${escapeHtml(error.message)}</p><p><a href="${target}">Continue</a></p></body></html>`;
  const retry = error.data.retryAfterSeconds;
  return new Response(body, {
    status: ERROR_STATUS[error.code],
    headers: { "content-type": "text/html; charset=utf-8", ...(typeof retry === "number" ? { "Retry-After": String(retry) } : {}) },
  });
}
