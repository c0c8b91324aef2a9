import "server-only";
// Sign-in throttling: growing delays after a few failures, then a lockout. The rules are pure
// functions of a key's failure count, its last failure and an injected "now"; the keys are hashed;
// a per-key lock makes parallel attempts on one key wait for each other (in this process; across
// processes on PostgreSQL, see withThrottleLock in store/throttle-state.ts).
//
// Two keys are throttled for every attempt: the username (guessing one account's password) and the
// client address (trying one password on many accounts). Unknown usernames are throttled exactly
// like real ones, so the answers never tell whether an account exists.
import { createHash } from "node:crypto";

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

/**
 * The keys failures are counted under. Hashed, so the table never holds what was typed into the
 * username field (people type passwords there by mistake). Unknown usernames get keys too:
 * throttling must not reveal which names exist.
 */
export function usernameThrottleKey(normalizedUsername: string): string {
  return `user:${createHash("sha256").update(normalizedUsername, "utf8").digest("hex")}`;
}

export function addressThrottleKey(address: string | null): string {
  return `address:${address ?? "unknown"}`;
}

// Serialises async work per key inside this process. Sign-in uses it so that parallel guesses at
// one username (or from one address) are checked one after another against the failure count,
// instead of all passing the check before any failure is recorded.

export class LockQueueFullError extends Error {
  override readonly name = "LockQueueFullError";
}

interface Queue {
  tail: Promise<void>;
  waiting: number;
}

const queues = new Map<string, Queue>();

/** More waiters than this on one key is an attack, not a person: refuse at once rather than queue. */
export const MAX_WAITERS_PER_KEY = 20;

async function withKeyLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const queue = queues.get(key) ?? { tail: Promise.resolve(), waiting: 0 };
  if (queue.waiting >= MAX_WAITERS_PER_KEY) throw new LockQueueFullError(`Too many concurrent attempts on one key`);
  queues.set(key, queue);

  const previous = queue.tail;
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  queue.tail = previous.then(() => mine);
  queue.waiting += 1;
  try {
    await previous;
    return await work();
  } finally {
    queue.waiting -= 1;
    release();
    if (queue.waiting === 0) queues.delete(key);
  }
}

/** Runs `work` holding every key's lock, taken in sorted order so two callers cannot deadlock. */
export function withKeyLocks<T>(keys: string[], work: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  const run = sorted.reduceRight<() => Promise<T>>((inner, key) => () => withKeyLock(key, inner), work);
  return run();
}
