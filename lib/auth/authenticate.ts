import "server-only";
// Who is calling: a session cookie (browsers) or an `Authorization: Bearer` API token (scripts).
// Pure of Next.js: it reads headers and is given the store, the mode, the policy and the time.
import type { AuditStore } from "@/lib/db/store";
import type { AppMode } from "@/lib/config/env";
import type { Principal } from "./actors";
import { checkApiToken } from "./api-tokens";
import { checkSession, readSessionCookie, type SessionPolicy } from "./sessions";

export type Authentication =
  | { status: "authenticated"; principal: Principal }
  | { status: "anonymous" }
  | {
      status: "rejected";
      code: "session_expired" | "invalid_token";
      /** The request carried a session cookie that no longer works: tell the browser to drop it. */
      staleCookie: boolean;
    };

export interface AuthenticationContext {
  store: AuditStore;
  mode: AppMode;
  policy: SessionPolicy;
  now: Date;
}

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

export async function authenticate(
  headers: Pick<Headers, "get">,
  context: AuthenticationContext,
  options: { allowBearer: boolean },
): Promise<Authentication> {
  const authorization = headers.get("authorization");
  if (authorization !== null && options.allowBearer) {
    // An Authorization header decides alone: a bad token is refused even if a cookie would pass,
    // so a script never runs with credentials other than the ones it sent.
    const token = BEARER.exec(authorization)?.[1];
    const principal = token ? await checkApiToken(context.store, token, context) : null;
    return principal ? { status: "authenticated", principal } : { status: "rejected", code: "invalid_token", staleCookie: false };
  }

  const cookie = readSessionCookie(headers.get("cookie"));
  if (!cookie) return { status: "anonymous" };
  const session = await checkSession(context.store, cookie, context);
  if (session.status === "valid") return { status: "authenticated", principal: session.principal };
  // Expired and invalid (signed out elsewhere, account disabled) read the same to the caller: sign in again.
  return { status: "rejected", code: "session_expired", staleCookie: true };
}
