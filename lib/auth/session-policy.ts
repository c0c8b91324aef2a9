// How long a session lives. Pure functions of the session's timestamps and an injected "now", so
// the rules are tested without waiting. Not `server-only`: no secret here.
import { getConfig, parseConfig } from "@/lib/config/env";

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
