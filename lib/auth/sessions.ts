import "server-only";
// Browser sessions: how long one lives (the policy, pure functions of its timestamps and an
// injected "now", so the rules are tested without waiting), the cookie that carries it, and the
// session itself: issued at sign-in, checked at every request, ended at sign-out or expiry.
import type { AuditStore } from "@/lib/db/store";
import { getConfig, parseConfig, type AppMode } from "@/lib/config/env";
import type { Principal } from "./actors";
import { issueToken, parseToken, secretMatches } from "./secret-token";
import { deleteSession, deleteStaleSessions, findSession, findSessionSignInMethod, insertSession, touchSession } from "./store/sessions";
import type { User } from "./store/users";

export interface SessionPolicy {
  /** A session unused for this long ends (SESSION_IDLE_TIMEOUT_MINUTES, default 30). */
  idleTimeoutMs: number;
  /** A session ends this long after sign-in however busy (SESSION_ABSOLUTE_TIMEOUT_HOURS, default 12). */
  absoluteTimeoutMs: number;
  /**
   * last_seen_at is rewritten at most this often, so that reading pages is not one write per
   * request; the idle timeout is therefore exact to within this interval (erring on the short side).
   */
  touchIntervalMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleTimeoutMs: 30 * MINUTE,
  absoluteTimeoutMs: 12 * HOUR,
  touchIntervalMs: MINUTE,
};

/** The policy from the configuration (lib/config/env.ts validates the timeouts); `env` for tests. */
export function sessionPolicyFromEnv(env?: NodeJS.ProcessEnv): SessionPolicy {
  const config = env ? parseConfig(env) : getConfig();
  const idleTimeoutMs = config.SESSION_IDLE_TIMEOUT_MINUTES * MINUTE;
  const absoluteTimeoutMs = config.SESSION_ABSOLUTE_TIMEOUT_HOURS * HOUR;
  return { idleTimeoutMs, absoluteTimeoutMs, touchIntervalMs: Math.min(MINUTE, idleTimeoutMs / 10) };
}

export type SessionState = "active" | "idle_expired" | "absolute_expired";

export function sessionState(session: { createdAt: Date; lastSeenAt: Date }, policy: SessionPolicy, now: Date): SessionState {
  const t = now.getTime();
  if (t - session.createdAt.getTime() >= policy.absoluteTimeoutMs) return "absolute_expired";
  if (t - session.lastSeenAt.getTime() >= policy.idleTimeoutMs) return "idle_expired";
  return "active";
}

export function shouldTouch(lastSeenAt: Date, policy: SessionPolicy, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= policy.touchIntervalMs;
}

/** Sessions whose last use is older than this are certainly over (for the clean-up query). */
export function staleBefore(policy: SessionPolicy, now: Date): Date {
  return new Date(now.getTime() - Math.min(policy.idleTimeoutMs, policy.absoluteTimeoutMs));
}

/** Seconds the cookie may live: never longer than the session itself. */
export function cookieMaxAgeSeconds(policy: SessionPolicy): number {
  return Math.floor(policy.absoluteTimeoutMs / 1000);
}

// The session cookie: HttpOnly, SameSite=Strict, Path=/, and Secure with the __Host- prefix
// whenever the console is reached over HTTPS (a browser then refuses the cookie from any other
// origin, a sub-domain included). Plain HTTP (a laptop, the e2e run) cannot carry Secure cookies.

export const SESSION_COOKIE = "dts_session";
export const SECURE_SESSION_COOKIE = "__Host-dts_session";

/** HTTPS as the browser sees it: the request URL's scheme, or X-Forwarded-Proto from a TLS-terminating proxy. */
export function isHttpsRequest(headers: Pick<Headers, "get">, url?: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https" || (url !== undefined && url.startsWith("https:"));
}

function cookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

function attributes(secure: boolean, maxAgeSeconds: number): string {
  return `Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}

export function sessionCookieHeader(token: string, secure: boolean, maxAgeSeconds: number): string {
  return `${cookieName(secure)}=${token}; ${attributes(secure, maxAgeSeconds)}`;
}

export function clearSessionCookieHeader(secure: boolean): string {
  return `${cookieName(secure)}=; ${attributes(secure, 0)}`;
}

/** The session token from a Cookie header; the __Host- cookie wins when both are present. */
export function readSessionCookie(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const values = new Map<string, string>();
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (!values.has(name)) values.set(name, part.slice(index + 1).trim());
  }
  return values.get(SECURE_SESSION_COOKIE) || values.get(SESSION_COOKIE) || null;
}

export interface SessionClock {
  now: () => Date;
}

/** Creates a session for a user who just proved who they are; returns the cookie's value. */
export async function createSession(
  store: AuditStore,
  user: User,
  origin: { clientAddress: string | null; userAgent: string | null },
  now: Date,
  /** A sign-in through the OpenID Provider: its ID token is kept with the session for the logout hint. */
  via: { authMethod: "oidc"; idToken: string } | { authMethod: "password" } = { authMethod: "password" },
): Promise<{ token: string; principal: Principal }> {
  const issued = issueToken("dtss");
  await insertSession(store, {
    id: issued.id,
    secretHash: issued.secretHash,
    userId: user.id,
    at: now,
    ...origin,
    authMethod: via.authMethod,
    idToken: via.authMethod === "oidc" ? via.idToken : null,
  });
  return { token: issued.presented, principal: { kind: "session", id: issued.id, username: user.username, role: user.role } };
}

export type SessionCheck =
  | { status: "valid"; principal: Principal }
  /** Unknown, forged, signed out, or its account disabled. */
  | { status: "invalid" }
  | { status: "expired"; why: "idle" | "absolute" };

export async function checkSession(
  store: AuditStore,
  token: string,
  context: { policy: SessionPolicy; mode: AppMode; now: Date },
): Promise<SessionCheck> {
  const parsed = parseToken("dtss", token);
  if (!parsed) return { status: "invalid" };
  const session = await findSession(store, parsed.id);
  if (!session || !secretMatches(parsed.secret, session.secretHash)) return { status: "invalid" };
  if (session.userDisabled || (context.mode === "live" && session.userSimulatorOnly)) return { status: "invalid" };

  const state = sessionState(session, context.policy, context.now);
  if (state !== "active") {
    await deleteSession(store, session.id);
    return { status: "expired", why: state === "idle_expired" ? "idle" : "absolute" };
  }
  if (shouldTouch(session.lastSeenAt, context.policy, context.now)) await touchSession(store, session.id, context.now);
  return { status: "valid", principal: { kind: "session", id: session.id, username: session.username, role: session.role } };
}

/** How the token's session began, and its ID token when through the OpenID Provider; null for an unknown or forged token. */
export async function sessionSignInMethod(store: AuditStore, token: string): Promise<{ authMethod: "password" | "oidc"; idToken: string | null } | null> {
  const parsed = parseToken("dtss", token);
  if (!parsed) return null;
  const session = await findSessionSignInMethod(store, parsed.id);
  if (!session || !secretMatches(parsed.secret, session.secretHash)) return null;
  return { authMethod: session.authMethod, idToken: session.idToken };
}

/** Ends the session the token names, if it exists and the token is genuine. Returns its id. */
export async function endSession(store: AuditStore, token: string): Promise<string | null> {
  const parsed = parseToken("dtss", token);
  if (!parsed) return null;
  const session = await findSession(store, parsed.id);
  if (!session || !secretMatches(parsed.secret, session.secretHash)) return null;
  await deleteSession(store, session.id);
  return session.id;
}

/** Deletes sessions that can no longer be valid, so the table does not grow forever. */
export function purgeEndedSessions(store: AuditStore, policy: SessionPolicy, now: Date): Promise<number> {
  return deleteStaleSessions(store, staleBefore(policy, now), new Date(now.getTime() - policy.absoluteTimeoutMs));
}
