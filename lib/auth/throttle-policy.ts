// Sign-in throttling rules: growing delays after a few failures, then a lockout. Pure functions of
// a key's failure count, its last failure and an injected "now". Not `server-only`: no secret.
//
// Two keys are throttled for every attempt: the username (guessing one account's password) and the
// client address (trying one password on many accounts). Unknown usernames are throttled exactly
// like real ones, so the answers never tell whether an account exists.

export interface ThrottleRule {
  /** Failures that cost nothing: typos happen. */
  freeFailures: number;
  /** The wait after the first failure beyond the free ones; it doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this many failures in a row the key is locked... */
  lockoutFailures: number;
  /** ...for this long, counted from the failure that locked it. */
  lockoutMs: number;
  /** Failures older than this (since the last one) are forgotten. */
  forgetAfterMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * One account: 1 free failure, then waits of 1 s, 2 s and 4 s, and the 5th failure in a row locks
 * sign-in to that username for 15 minutes. Five guesses per quarter hour cannot find a 12-character
 * password, and an account holder who mistypes twice barely notices.
 */
export const USERNAME_RULE: ThrottleRule = {
  freeFailures: 1,
  baseDelayMs: 1 * SECOND,
  maxDelayMs: 30 * SECOND,
  lockoutFailures: 5,
  lockoutMs: 15 * MINUTE,
  forgetAfterMs: 15 * MINUTE,
};

/**
 * One client address: several people may share it (an office NAT), so more room before delays,
 * and a lockout only after 25 failures in a row from it.
 */
export const ADDRESS_RULE: ThrottleRule = {
  freeFailures: 5,
  baseDelayMs: 1 * SECOND,
  maxDelayMs: 30 * SECOND,
  lockoutFailures: 25,
  lockoutMs: 15 * MINUTE,
  forgetAfterMs: 15 * MINUTE,
};

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
}

export type ThrottleVerdict =
  | { allowed: true }
  | { allowed: false; locked: boolean; retryAt: Date };

/** The count that still applies at `now` (0 once forgotten or once a lockout has run out). */
export function effectiveFailures(state: ThrottleState | null, rule: ThrottleRule, now: Date): number {
  if (!state) return 0;
  const since = now.getTime() - state.lastFailureAt.getTime();
  if (state.failures >= rule.lockoutFailures) return since >= rule.lockoutMs ? 0 : state.failures;
  return since >= rule.forgetAfterMs ? 0 : state.failures;
}

/** How long to wait after the n-th failure in a row before the next attempt (0 while free). */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures >= rule.lockoutFailures) return rule.lockoutMs;
  if (failures <= rule.freeFailures) return 0;
  return Math.min(rule.baseDelayMs * 2 ** (failures - rule.freeFailures - 1), rule.maxDelayMs);
}

/** May an attempt be made now? Refused attempts are not checked and not counted. */
export function throttleVerdict(state: ThrottleState | null, rule: ThrottleRule, now: Date): ThrottleVerdict {
  const failures = effectiveFailures(state, rule, now);
  if (!state || failures === 0) return { allowed: true };
  const retryAt = new Date(state.lastFailureAt.getTime() + delayAfter(failures, rule));
  if (retryAt.getTime() <= now.getTime()) return { allowed: true };
  return { allowed: false, locked: failures >= rule.lockoutFailures, retryAt };
}

/** The state after one more failure at `now`. */
export function afterFailure(state: ThrottleState | null, rule: ThrottleRule, now: Date): ThrottleState {
  return { failures: effectiveFailures(state, rule, now) + 1, lastFailureAt: now };
}

/** The stricter of several verdicts: the latest retry time, locked if any is locked. */
export function combineVerdicts(verdicts: ThrottleVerdict[]): ThrottleVerdict {
  let result: ThrottleVerdict = { allowed: true };
  for (const verdict of verdicts) {
    if (verdict.allowed) continue;
    if (result.allowed) {
      result = verdict;
      continue;
    }
    result = {
      allowed: false,
      locked: result.locked || verdict.locked,
      retryAt: verdict.retryAt > result.retryAt ? verdict.retryAt : result.retryAt,
    };
  }
  return result;
}
