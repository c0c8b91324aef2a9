import "server-only";
// Browser sessions: issued at sign-in, checked at every request, ended at sign-out or expiry.
import type { AuditStore } from "@/lib/audit/db";
import type { AppMode } from "@/lib/config/mode";
import type { Principal } from "./principal";
import { issueToken, parseToken, secretMatches } from "./secret-token";
import { sessionState, shouldTouch, staleBefore, type SessionPolicy } from "./session-policy";
import { deleteSession, deleteStaleSessions, findSession, insertSession, touchSession } from "./store/sessions";
import type { User } from "./store/users";

export interface SessionClock {
  now: () => Date;
}

/** Creates a session for a user who just proved who they are; returns the cookie's value. */
export async function createSession(
  store: AuditStore,
  user: User,
  origin: { clientAddress: string | null; userAgent: string | null },
  now: Date,
): Promise<{ token: string; principal: Principal }> {
  const issued = issueToken("dtss");
  await insertSession(store, { id: issued.id, secretHash: issued.secretHash, userId: user.id, at: now, ...origin });
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
