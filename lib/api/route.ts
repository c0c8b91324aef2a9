import "server-only";
import { z } from "zod";
import { authenticate, type Authentication } from "@/lib/auth/authenticate";
import type { Principal } from "@/lib/auth/actors";
import { authDeps } from "@/lib/auth/auth-deps";
import { can, leastRoleFor, permissionDeniedMessage, type Permission } from "@/lib/domain/roles";
import { getConsoleContext, type ConsoleContext } from "@/lib/context";
import { crossOriginRefusal } from "@/lib/security/same-origin";
import { getConfig } from "@/lib/config/env";
import { clearSessionCookieHeader, isHttpsRequest } from "@/lib/auth/sessions";
import { AccessRefusal } from "@/lib/domain/errors";
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "@/lib/security/headers";
import { toErrorResponse } from "./errors";

export { parseJsonBody } from "./body";

export const NO_STORE = { "Cache-Control": "no-store" } as const;

/** The answer headers of every API response, computed once (proxy.ts sets the same on pages). */
const API_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ["Content-Security-Policy", API_CONTENT_SECURITY_POLICY],
  ...Object.entries(SECURITY_HEADERS),
  ["Cache-Control", "no-store"],
];

/**
 * API routes are left out of proxy.ts's matcher (running Next.js's proxy costs every API request
 * a second request object and a header rewrite), so the security headers are set here instead:
 * the same ones proxy.ts gives every answer, on successes and errors alike.
 */
function withApiHeaders(response: Response, request: Request): Response {
  for (const [name, value] of API_HEADERS) response.headers.set(name, value);
  // Browsers honour HSTS only over HTTPS, so a spoofed X-Forwarded-Proto on plain HTTP does nothing.
  if (isHttpsRequest(request.headers, request.url)) response.headers.set("Strict-Transport-Security", "max-age=31536000");
  return response;
}

type RouteContext<P> = { params: Promise<P> };

/** Who may call a route: whoever holds this action (lib/domain/roles.ts), or anyone (health, sign-in, sign-out). */
export type RouteAccess = { permission: Permission } | { public: true };

interface HandlerContext<P, Who> {
  params: P;
  principal: Who;
  /** When the request reached the console, before authentication and before its body was read. */
  receivedAt: Date;
  /** The console's context for the use case (store, DTS clients by account, clock, logger); null on public routes. */
  ctx: Who extends null ? null : ConsoleContext;
}

type Handler<P, Who> = (request: Request, context: HandlerContext<P, Who>) => Promise<Response>;

/**
 * Wraps a route handler: refuses cross-origin state changes (403 cross_origin), authenticates the
 * caller by session cookie or `Authorization: Bearer` API token (401), checks the action (403),
 * makes every response uncacheable, and sends every failure through the single error funnel.
 * The access rule is a required argument, so a route cannot be added without one.
 */
export function route<P = Record<string, string>>(handler: Handler<P, Principal>, access: { permission: Permission }): (request: Request, context: RouteContext<P>) => Promise<Response>;
export function route<P = Record<string, string>>(handler: Handler<P, null>, access: { public: true }): (request: Request, context: RouteContext<P>) => Promise<Response>;
export function route<P = Record<string, string>>(handler: Handler<P, Principal> | Handler<P, null>, access: RouteAccess) {
  // The overloads pair a public route with a null principal and a role with a Principal.
  const run = handler as Handler<P, Principal | null>;
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    const receivedAt = new Date();
    let authentication: Authentication | null = null;
    try {
      const refusal = crossOriginRefusal(request, getConfig().CONSOLE_PUBLIC_ORIGIN);
      if (refusal) throw new AccessRefusal("cross_origin", `Refused: ${refusal}. State-changing requests must come from the console's own pages.`);

      let principal: Principal | null = null;
      if ("permission" in access) {
        const deps = await authDeps();
        authentication = await authenticate(request.headers, deps, { allowBearer: true });
        principal = authorize(authentication, access.permission);
      }
      const ctx = principal ? await getConsoleContext() : null;
      return withApiHeaders(await run(request, { params: await context.params, principal, receivedAt, ctx: ctx as never }), request);
    } catch (error) {
      const response = toErrorResponse(error, NO_STORE);
      // RFC 6750: a refused or missing credential on a protected route says how to authenticate.
      if (authentication !== null && response.status === 401) response.headers.set("WWW-Authenticate", 'Bearer realm="DTS Reset Console"');
      if (authentication?.status === "rejected" && authentication.staleCookie) {
        response.headers.append("Set-Cookie", clearSessionCookieHeader(isHttpsRequest(request.headers, request.url)));
      }
      return withApiHeaders(response, request);
    }
  };
}

function authorize(authentication: Authentication, required: Permission): Principal {
  if (authentication.status === "anonymous") {
    throw new AccessRefusal("unauthenticated", "Sign in to use this console, or send an API token as Authorization: Bearer <token>.");
  }
  if (authentication.status === "rejected") {
    throw authentication.code === "invalid_token"
      ? new AccessRefusal("invalid_token", "The API token is not valid: it is unknown, revoked or malformed.")
      : new AccessRefusal("session_expired", "Your session has ended. Sign in again.");
  }
  const { principal } = authentication;
  if (!can(principal.role, required)) {
    throw new AccessRefusal("forbidden", permissionDeniedMessage(principal.role, required), { role: principal.role, requiredRole: leastRoleFor(required) });
  }
  return principal;
}

export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const params = Object.fromEntries(
    [...new URL(request.url).searchParams.entries()].filter(([, value]) => value !== ""),
  );
  return schema.parse(params);
}
