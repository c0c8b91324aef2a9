import "server-only";
import type { DtsError } from "./errors";

export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Whether this failure may be retried for this kind of call. */
  shouldRetry(error: DtsError): boolean;
  /** Awaited before every attempt (pacing that must cover retries too). */
  beforeAttempt?: () => Promise<void>;
}

export interface RetrySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

const RETRY_AFTER_CAP_MS = 10_000;

export const DEFAULT_RETRY: RetrySettings = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 3_000 };

/**
 * Reads are harmless to repeat: retry whatever may be transient, except throttling. The quota is
 * the whole account's; retrying into it only spends more of it (lib/dts/quota.ts backs off and
 * serves the last answer instead).
 */
export function readPolicy(settings: RetrySettings): RetryPolicy {
  return {
    ...settings,
    shouldRetry: (error) => ["server", "timeout", "network", "malformed_response"].includes(error.kind),
  };
}

/**
 * A reset must never reach DTS twice. Retry only when DTS certainly did not execute it: it was
 * throttled, or the connection was refused before anything was sent.
 */
export function resetPolicy(settings: RetrySettings): RetryPolicy {
  return {
    ...settings,
    shouldRetry: (error) =>
      error.details.retrySafe && (error.kind === "throttled" || error.kind === "network"),
  };
}

/** Exponential backoff with full jitter, never shorter than DTS's own retry-after hint. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, error: DtsError, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(exponential / 2 + (random() * exponential) / 2);
  // Honour DTS's hint, but an operator is waiting: never sleep longer than the cap.
  const hint = error.details.retryAfterMs ?? 0;
  return Math.min(Math.max(jittered, hint), RETRY_AFTER_CAP_MS);
}

export async function withRetries<T>(
  policy: RetryPolicy,
  attemptOnce: (attempt: number) => Promise<T>,
  sleep: (ms: number) => Promise<void>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      await policy.beforeAttempt?.();
      return await attemptOnce(attempt);
    } catch (thrown) {
      const error = thrown as DtsError;
      if (typeof error?.withAttempts !== "function") throw thrown;
      if (attempt >= policy.maxAttempts || !policy.shouldRetry(error)) throw error.withAttempts(attempt);
      await sleep(backoffDelayMs(policy, attempt, error));
    }
  }
}
