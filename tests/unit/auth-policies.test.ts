// Session lifetimes and sign-in throttling as pure rules, with an injected "now".
import { describe, expect, it } from "vitest";
import { DEFAULT_SESSION_POLICY, sessionPolicyFromEnv, sessionState, shouldTouch } from "@/lib/auth/sessions";
import {
  ADDRESS_RULE,
  afterFailure,
  combineVerdicts,
  delayAfter,
  throttleVerdict,
  USERNAME_RULE,
  type ThrottleState,
} from "@/lib/auth/throttle";
import { env } from "./auth-helpers";

const MINUTE = 60_000;
const t0 = new Date("2030-01-01T00:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("session lifetime", () => {
  const policy = DEFAULT_SESSION_POLICY;

  it("defaults to 30 minutes idle and 12 hours absolute", () => {
    expect(policy.idleTimeoutMs).toBe(30 * MINUTE);
    expect(policy.absoluteTimeoutMs).toBe(12 * 60 * MINUTE);
  });

  it("ends after 30 minutes without use", () => {
    const session = { createdAt: t0, lastSeenAt: t0 };
    expect(sessionState(session, policy, at(30 * MINUTE - 1))).toBe("active");
    expect(sessionState(session, policy, at(30 * MINUTE))).toBe("idle_expired");
  });

  it("ends 12 hours after sign-in however busy", () => {
    const busy = { createdAt: t0, lastSeenAt: at(12 * 60 * MINUTE - 1000) };
    expect(sessionState(busy, policy, at(12 * 60 * MINUTE - 1))).toBe("active");
    expect(sessionState(busy, policy, at(12 * 60 * MINUTE))).toBe("absolute_expired");
  });

  it("records use at most once a minute", () => {
    expect(shouldTouch(t0, policy, at(59_999))).toBe(false);
    expect(shouldTouch(t0, policy, at(60_000))).toBe(true);
  });

  it("reads both timeouts from the environment and refuses nonsense", () => {
    const custom = sessionPolicyFromEnv(env({ SESSION_IDLE_TIMEOUT_MINUTES: "5", SESSION_ABSOLUTE_TIMEOUT_HOURS: "1" }));
    expect(custom.idleTimeoutMs).toBe(5 * MINUTE);
    expect(custom.absoluteTimeoutMs).toBe(60 * MINUTE);
    expect(custom.touchIntervalMs).toBeLessThanOrEqual(30_000);
    expect(() => sessionPolicyFromEnv(env({ SESSION_IDLE_TIMEOUT_MINUTES: "0" }))).toThrow(/positive/);
    expect(() => sessionPolicyFromEnv(env({ SESSION_ABSOLUTE_TIMEOUT_HOURS: "soon" }))).toThrow(/positive/);
    expect(() => sessionPolicyFromEnv(env({ SESSION_IDLE_TIMEOUT_MINUTES: "120", SESSION_ABSOLUTE_TIMEOUT_HOURS: "1" }))).toThrow(/longer/);
  });
});

describe("sign-in throttling per username", () => {
  function failTimes(n: number, spacingMs: number): ThrottleState {
    let state: ThrottleState | null = null;
    for (let i = 0; i < n; i++) state = afterFailure(state, USERNAME_RULE, at(i * spacingMs));
    return state!;
  }

  it("grows the wait 0 s, 1 s, 2 s, 4 s, then locks for 15 minutes at the 5th failure", () => {
    expect([1, 2, 3, 4, 5].map((n) => delayAfter(n, USERNAME_RULE))).toEqual([0, 1000, 2000, 4000, 15 * MINUTE]);
  });

  it("refuses attempts until the wait is over, and says when", () => {
    const state = afterFailure(afterFailure(null, USERNAME_RULE, t0), USERNAME_RULE, t0); // two failures at t0
    expect(throttleVerdict(state, USERNAME_RULE, at(999))).toEqual({ allowed: false, locked: false, retryAt: at(1000) });
    expect(throttleVerdict(state, USERNAME_RULE, at(1000))).toEqual({ allowed: true });
  });

  it("locks after five failures in a row, and the lock runs out after 15 minutes", () => {
    const state = failTimes(5, 10_000);
    const lockedAt = state.lastFailureAt.getTime() - t0.getTime();
    expect(throttleVerdict(state, USERNAME_RULE, at(lockedAt + 14 * MINUTE))).toMatchObject({ allowed: false, locked: true });
    expect(throttleVerdict(state, USERNAME_RULE, at(lockedAt + 15 * MINUTE))).toEqual({ allowed: true });
    // After the lock the count starts again.
    expect(afterFailure(state, USERNAME_RULE, at(lockedAt + 15 * MINUTE)).failures).toBe(1);
  });

  it("forgets failures 15 minutes after the last one", () => {
    const state = failTimes(3, 10_000);
    expect(afterFailure(state, USERNAME_RULE, at(20_000 + 15 * MINUTE)).failures).toBe(1);
    expect(afterFailure(state, USERNAME_RULE, at(20_000 + 14 * MINUTE)).failures).toBe(4);
  });
});

describe("sign-in throttling per address", () => {
  it("leaves more room (shared NATs) but still locks after 25 failures", () => {
    expect(delayAfter(5, ADDRESS_RULE)).toBe(0);
    expect(delayAfter(6, ADDRESS_RULE)).toBe(1000);
    expect(delayAfter(20, ADDRESS_RULE)).toBe(30_000);
    expect(delayAfter(25, ADDRESS_RULE)).toBe(15 * MINUTE);
  });

  it("combines verdicts: the latest retry wins, a lock wins", () => {
    const wait = { allowed: false as const, locked: false, retryAt: at(5000) };
    const lock = { allowed: false as const, locked: true, retryAt: at(1000) };
    expect(combineVerdicts([{ allowed: true }, { allowed: true }])).toEqual({ allowed: true });
    expect(combineVerdicts([{ allowed: true }, wait])).toEqual(wait);
    expect(combineVerdicts([wait, lock])).toEqual({ allowed: false, locked: true, retryAt: at(5000) });
  });
});
