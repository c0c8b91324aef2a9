import "server-only";
// Signing in with a username and a password: throttled per username and per client address, the
// same answer (and about the same time) whether or not the account exists, every attempt recorded.
// The throttling check and count are atomic per key across every process sharing the database
// (withThrottleLock: an in-process queue, plus advisory locks in one transaction on PostgreSQL).
import type { AuditStore } from "@/lib/db/store";
import { AccessRefusal, type AccessErrorCode } from "@/lib/domain/errors";
import type { AppMode } from "@/lib/config/env";
import type { Principal } from "./actors";
import { normalizeUsername, USERNAME_PATTERN } from "./credential-rules";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./passwords";
import { createSession, endSession, purgeEndedSessions, type SessionPolicy } from "./sessions";
import { recordAuthEvent } from "./store/auth-events";
import { inTransaction } from "@/lib/notify/store";
import { lockoutNotification, recordNotification } from "@/lib/notify/outbox";
import { clearThrottleState, readThrottleStates, withThrottleLock, writeThrottleState } from "./store/throttle-state";
import { findUserWithPasswordHash, updateUser } from "./store/users";
import {
  ADDRESS_RULE,
  addressThrottleKey,
  afterFailure,
  combineVerdicts,
  LockQueueFullError,
  throttleVerdict,
  USERNAME_RULE,
  usernameThrottleKey,
  type ThrottleRule,
} from "./throttle";

export interface SignInDeps {
  store: AuditStore;
  mode: AppMode;
  policy: SessionPolicy;
  now: () => Date;
  /** Overridable for tests; the same argon2id verification otherwise. */
  verify?: (hash: string, password: string) => Promise<boolean>;
  verifyDummy?: (password: string) => Promise<false>;
  /**
   * LOCAL_SIGN_IN: `enabled` (default), `admins` (only local admins: the break-glass way in when
   * people sign in through the OpenID Provider), `disabled` (no password sign-in at all).
   */
  localSignIn?: LocalSignIn;
}

export type LocalSignIn = "enabled" | "admins" | "disabled";

export interface SignInAttempt {
  username: string;
  password: string;
  clientAddress: string | null;
  userAgent: string | null;
  /** The session cookie the browser still holds, if any: replaced, never reused. */
  previousSessionToken: string | null;
}

export type SignInResult =
  | { outcome: "signed_in"; principal: Principal; sessionToken: string }
  | { outcome: "invalid_credentials" }
  /** LOCAL_SIGN_IN refuses this password sign-in: `disabled` everyone, `admins` a non-admin. */
  | { outcome: "local_refused"; policy: Exclude<LocalSignIn, "enabled"> }
  | { outcome: "throttled"; locked: boolean; retryAfterSeconds: number };

type FailureReason = "unknown_user" | "bad_password" | "disabled" | "simulator_only" | "oidc_account";

export type SignInRefusalCode = Extract<AccessErrorCode, "invalid_credentials" | "sign_in_throttled" | "sign_in_locked" | "local_sign_in_disabled">;

/**
 * A sign-in that did not succeed, in the words the person signing in reads: a domain error whose
 * code the API maps to 401 or 429 (lib/api/errors.ts), with `retryAfterSeconds` in its data when
 * throttled, which the edge turns into the Retry-After header.
 */
export class SignInRefusal extends AccessRefusal {
  override name = "SignInRefusal";
  constructor(
    override readonly code: SignInRefusalCode,
    message: string,
    /** When throttled: how long until the next attempt is checked at all. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(code, message, retryAfterSeconds === null ? {} : { retryAfterSeconds });
  }
}

export function signInRefusal(result: Exclude<SignInResult, { outcome: "signed_in" }>): SignInRefusal {
  if (result.outcome === "invalid_credentials") {
    // One message for every cause (unknown name, wrong password, disabled account), so the answer
    // does not tell which usernames exist.
    return new SignInRefusal("invalid_credentials", "The username or password is incorrect.", null);
  }
  if (result.outcome === "local_refused") {
    return new SignInRefusal(
      "local_sign_in_disabled",
      result.policy === "admins"
        ? "Sign in through the identity provider: local accounts sign in here only as admins (break-glass)."
        : "Sign in through the identity provider: signing in with a local password is turned off.",
      null,
    );
  }
  const seconds = result.retryAfterSeconds;
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return result.locked
    ? new SignInRefusal(
        "sign_in_locked",
        `Too many failed sign-ins: signing in is locked for ${wait}. An admin can lift the lock by resetting the password.`,
        seconds,
      )
    : new SignInRefusal("sign_in_throttled", `Too many failed sign-ins: wait ${wait} before trying again.`, seconds);
}

export async function signIn(deps: SignInDeps, attempt: SignInAttempt): Promise<SignInResult> {
  const username = normalizeUsername(attempt.username);
  const wellFormed = USERNAME_PATTERN.test(username);
  const userKey = usernameThrottleKey(username);
  const addressKey = addressThrottleKey(attempt.clientAddress);
  const origin = {
    via: "web" as const,
    clientAddress: attempt.clientAddress,
    userAgent: attempt.userAgent,
    // Only a well-formed name is recorded: a password typed into the username field must not be.
    subjectUsername: wellFormed ? username : null,
  };

  if (deps.localSignIn === "disabled") {
    await recordAuthEvent(deps.store, { type: "sign_in_failed", at: deps.now(), actor: null, ...origin, detail: { reason: "local_sign_in_disabled" } });
    return { outcome: "local_refused", policy: "disabled" };
  }

  try {
    return await withThrottleLock(deps.store, [userKey, addressKey], async (store) => {
      const now = deps.now();
      const rules: Array<[string, ThrottleRule]> = [
        [userKey, USERNAME_RULE],
        [addressKey, ADDRESS_RULE],
      ];
      const states = await readThrottleStates(store, [userKey, addressKey]);
      const verdict = combineVerdicts(rules.map(([key, rule]) => throttleVerdict(states.get(key) ?? null, rule, now)));
      if (!verdict.allowed) {
        const retryAfterSeconds = Math.max(1, Math.ceil((verdict.retryAt.getTime() - now.getTime()) / 1000));
        await recordAuthEvent(store, { type: "sign_in_throttled", at: now, actor: null, ...origin, detail: { locked: verdict.locked, retryAfterSeconds } });
        return { outcome: "throttled", locked: verdict.locked, retryAfterSeconds };
      }

      const found = wellFormed ? await findUserWithPasswordHash(store, username) : null;
      // Verify even for a disabled account, and against a dummy hash for an unknown one, so every
      // path costs one argon2id verification.
      const passwordOk = found
        ? await (deps.verify ?? verifyPassword)(found.passwordHash, attempt.password)
        : await (deps.verifyDummy ?? verifyAgainstDummy)(attempt.password);
      const failure: FailureReason | null = !found
        ? "unknown_user"
        : !passwordOk
          ? "bad_password"
          : found.user.source === "oidc"
            ? "oidc_account"
          : found.user.disabledAt !== null
            ? "disabled"
            : deps.mode === "live" && found.user.simulatorOnly
              ? "simulator_only"
              : null;

      if (failure !== null || !found) {
        const failures: Record<string, number> = {};
        let lockedNow: ThrottleRule | null = null;
        for (const [key, rule] of rules) {
          const next = afterFailure(states.get(key) ?? null, rule, now);
          await writeThrottleState(store, key, next);
          failures[key === userKey ? "usernameFailures" : "addressFailures"] = next.failures;
          // This failure is the one that locks the key: the team hears of it once.
          if (next.failures === rule.lockoutFailures) lockedNow = rule;
        }
        const lockedOut = (failures.usernameFailures ?? 0) >= USERNAME_RULE.lockoutFailures || (failures.addressFailures ?? 0) >= ADDRESS_RULE.lockoutFailures;
        await inTransaction(store.db, async (tx) => {
          await recordAuthEvent({ ...store, db: tx }, {
            type: "sign_in_failed",
            at: now,
            actor: null,
            ...origin,
            detail: { reason: failure ?? "unknown_user", ...failures, lockedOut },
          });
          if (lockedNow) await recordNotification(tx, lockoutNotification(origin.subjectUsername, attempt.clientAddress, now, Math.round(lockedNow.lockoutMs / 60_000)));
        });
        return { outcome: "invalid_credentials" };
      }

      const { user, passwordHash } = found;
      if (deps.localSignIn === "admins" && user.role !== "admin") {
        // The password was right (so no failure is counted), but local sign-in is the break-glass
        // way in for admins only: everyone else signs in through the provider.
        await recordAuthEvent(store, { type: "sign_in_failed", at: now, actor: null, ...origin, detail: { reason: "local_sign_in_admins_only" } });
        return { outcome: "local_refused", policy: "admins" };
      }
      await clearThrottleState(store, userKey);
      if (attempt.previousSessionToken) await endSession(store, attempt.previousSessionToken);
      const session = await createSession(store, user, { clientAddress: attempt.clientAddress, userAgent: attempt.userAgent }, now);
      await updateUser(store, user.username, { lastSignInAt: now }, now);
      if (needsRehash(passwordHash)) {
        // The hashing parameters were raised since this password was set: upgrade it while we know it.
        await updateUser(store, user.username, { passwordHash: await hashPassword(attempt.password) }, now);
      }
      await purgeEndedSessions(store, deps.policy, now);
      await recordAuthEvent(store, {
        type: "sign_in_succeeded",
        at: now,
        actor: { username: user.username, role: user.role },
        ...origin,
        detail: { method: "password" },
      });
      return { outcome: "signed_in", principal: session.principal, sessionToken: session.token };
    });
  } catch (error) {
    if (!(error instanceof LockQueueFullError)) throw error;
    // Dozens of parallel attempts on one name or from one address: refuse without queueing.
    return { outcome: "throttled", locked: false, retryAfterSeconds: 1 };
  }
}

/** Ends the session of a sign-out and records it. Returns whether there was a session to end. */
export async function signOut(
  deps: Pick<SignInDeps, "store" | "now">,
  input: { sessionToken: string | null; principal: Principal | null; clientAddress: string | null; userAgent: string | null },
): Promise<boolean> {
  if (!input.sessionToken) return false;
  const ended = await endSession(deps.store, input.sessionToken);
  if (ended) {
    await recordAuthEvent(deps.store, {
      type: "signed_out",
      at: deps.now(),
      actor: input.principal ? { username: input.principal.username, role: input.principal.role } : null,
      via: "web",
      subjectUsername: input.principal?.username ?? null,
      clientAddress: input.clientAddress,
      userAgent: input.userAgent,
      detail: {},
    });
  }
  return ended !== null;
}
