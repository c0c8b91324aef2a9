// Sign-in, sessions and API tokens against a real (temporary) store, with a hand-moved clock.
import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { checkApiToken, createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { authenticate } from "@/lib/auth/authenticate";
import { setUserDisabled } from "@/lib/auth/users";
import { hashSecret } from "@/lib/auth/secret-token";
import { checkSession, endSession } from "@/lib/auth/sessions";
import { signIn, signInRefusal, signOut, type SignInAttempt, type SignInDeps } from "@/lib/auth/sign-in";
import { listAuthEvents } from "@/lib/auth/store/auth-events";
import { authDb } from "@/lib/auth/store/tables";
import { findUserWithPasswordHash } from "@/lib/auth/store/users";
import type { AuditStore } from "@/lib/db/store";
import { accountContext, createUser, freshStore, manualClock, PASSWORD, POLICY, webAdmin } from "./auth-helpers";
import { describeDialects } from "./audit-helpers";

describeDialects("sign-in", (dialect) => {
  const MINUTE = 60_000;

  function attempt(overrides: Partial<SignInAttempt> = {}): SignInAttempt {
    return { username: "alice", password: PASSWORD, clientAddress: "192.0.2.10", userAgent: "vitest", previousSessionToken: null, ...overrides };
  }

  function deps(store: AuditStore, clock = manualClock(), extra: Partial<SignInDeps> = {}): SignInDeps {
    return { store, mode: "live", policy: POLICY, now: clock.now, ...extra };
  }

  async function signedIn(store: AuditStore, clock = manualClock()) {
    const result = await signIn(deps(store, clock), attempt());
    if (result.outcome !== "signed_in") throw new Error(`expected a session, got ${result.outcome}`);
    return result;
  }

  describe("signing in", () => {
    it("gives a session to the right password, records it, and stores only the secret's hash", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "operator");
      const result = await signedIn(store);
      expect(result.principal).toMatchObject({ kind: "session", username: "alice", role: "operator" });
      expect(result.sessionToken).toMatch(/^dtss_/);

      const rows = await authDb(store).selectFrom("sessions").selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(result.sessionToken.split("_").slice(2).join("_"));
      expect(rows[0]!.secret_hash).toBe(hashSecret(result.sessionToken.split("_").slice(2).join("_")));

      const [event] = await listAuthEvents(store, { limit: 1 });
      expect(event).toMatchObject({ type: "sign_in_succeeded", actorUsername: "alice", subjectUsername: "alice", clientAddress: "192.0.2.10", via: "web" });
      expect((await findUserWithPasswordHash(store, "alice"))!.user.lastSignInAt).not.toBeNull();
    });

    it("accepts the username in any case", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "viewer");
      expect((await signIn(deps(store), attempt({ username: " ALICE " }))).outcome).toBe("signed_in");
    });

    it("answers a wrong password, an unknown user, a disabled and a simulator-only account alike", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "operator");
      await createUser(store, "carol", "operator");
      await setUserDisabled(accountContext(store), "carol", true);
      await createUser(store, "demo-x", "operator", { mode: "simulator", actor: webAdmin });
      const clock = manualClock();
      const verifyDummy = vi.fn(async () => false as const);
      const results = [];
      for (const [username, password, address] of [
        ["alice", "wrong-password-1", "192.0.2.1"],
        ["nobody", PASSWORD, "192.0.2.2"],
        ["carol", PASSWORD, "192.0.2.3"],
        ["demo-x", PASSWORD, "192.0.2.4"],
      ] as const) {
        results.push(await signIn(deps(store, clock, { verifyDummy }), attempt({ username, password, clientAddress: address })));
      }
      expect(results).toEqual(Array(4).fill({ outcome: "invalid_credentials" }));
      // The unknown user cost a (dummy) verification too, so timing does not tell it apart.
      expect(verifyDummy).toHaveBeenCalledTimes(1);
      const reasons = (await listAuthEvents(store, { limit: 10 })).filter((e) => e.type === "sign_in_failed").map((e) => e.detail.reason);
      expect(reasons.sort()).toEqual(["bad_password", "disabled", "simulator_only", "unknown_user"]);
    });

    it("never records what was typed into the username field unless it could be a username", async () => {
      const store = await freshStore(dialect);
      await signIn(deps(store), attempt({ username: "My Secret Passw0rd!" }));
      const [event] = await listAuthEvents(store, { limit: 1 });
      expect(event!.subjectUsername).toBeNull();
      const everything = JSON.stringify(await authDb(store).selectFrom("sign_in_throttle").selectAll().execute());
      expect(everything.toLowerCase()).not.toContain("my secret");
    });

    it("replaces the session the browser still held", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "operator");
      const clock = manualClock();
      const first = await signedIn(store, clock);
      const second = await signIn(deps(store, clock), attempt({ previousSessionToken: first.sessionToken }));
      expect(second.outcome).toBe("signed_in");
      expect(await checkSession(store, first.sessionToken, { policy: POLICY, mode: "live", now: clock.now() })).toEqual({ status: "invalid" });
    });

    it("upgrades a hash made with weaker parameters at the next sign-in", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "operator");
      const { hash } = await import("@node-rs/argon2");
      const weak = await hash(PASSWORD, { memoryCost: 8192, timeCost: 1, parallelism: 1, algorithm: 2 as never });
      await authDb(store).updateTable("users").set({ password_hash: weak }).where("username", "=", "alice").execute();
      await signedIn(store);
      expect((await findUserWithPasswordHash(store, "alice"))!.passwordHash).toMatch(/m=19456,t=2,p=1/);
    });
  });

  describe("sign-in throttling", () => {
    it("delays after repeated failures, then locks the username for 15 minutes, even for the right password", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "operator");
      const clock = manualClock();
      const wrong = (address = "192.0.2.10") => signIn(deps(store, clock), attempt({ password: "wrong-password-1", clientAddress: address }));

      expect(await wrong()).toEqual({ outcome: "invalid_credentials" }); // 1: free
      expect(await wrong()).toEqual({ outcome: "invalid_credentials" }); // 2: now wait 1 s
      expect(await wrong()).toEqual({ outcome: "throttled", locked: false, retryAfterSeconds: 1 });
      clock.advance(1000);
      expect(await wrong()).toEqual({ outcome: "invalid_credentials" }); // 3: wait 2 s
      clock.advance(1999);
      expect((await wrong()).outcome).toBe("throttled");
      clock.advance(1);
      expect(await wrong()).toEqual({ outcome: "invalid_credentials" }); // 4: wait 4 s
      clock.advance(4000);
      expect(await wrong("198.51.100.7")).toEqual({ outcome: "invalid_credentials" }); // 5: locked, from any address

      expect(await signIn(deps(store, clock), attempt({ clientAddress: "203.0.113.9" }))).toEqual({ outcome: "throttled", locked: true, retryAfterSeconds: 900 });
      clock.advance(15 * MINUTE);
      expect((await signIn(deps(store, clock), attempt())).outcome).toBe("signed_in");

      const types = (await listAuthEvents(store, { limit: 20 })).map((e) => e.type);
      expect(types.filter((t) => t === "sign_in_failed")).toHaveLength(5);
      expect(types.filter((t) => t === "sign_in_throttled")).toHaveLength(3);
    });

    it("throttles an unknown username exactly like a real one", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "operator");
      const clock = manualClock();
      const run = async (username: string, address: string) => {
        const outcomes: string[] = [];
        for (let i = 0; i < 4; i++) {
          const result = await signIn(deps(store, clock), attempt({ username, password: "wrong-password-1", clientAddress: address }));
          outcomes.push(result.outcome === "throttled" ? `throttled:${result.retryAfterSeconds}` : result.outcome);
        }
        return outcomes;
      };
      expect(await run("alice", "192.0.2.1")).toEqual(await run("nobody-here", "192.0.2.2"));
    });

    it("throttles one address trying many usernames", async () => {
      const store = await freshStore(dialect);
      const clock = manualClock();
      const outcomes: string[] = [];
      for (let i = 0; i < 7; i++) {
        const result = await signIn(deps(store, clock), attempt({ username: `user${i}`, password: "wrong-password-1" }));
        outcomes.push(result.outcome);
      }
      expect(outcomes).toEqual([...Array(6).fill("invalid_credentials"), "throttled"]);
    });

    it("checks parallel guesses one after another, so they cannot all slip past the count", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "operator");
      const verify = vi.fn(async () => false);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => signIn(deps(store, manualClock(), { verify }), attempt({ password: "wrong-password-1" }))),
      );
      expect(verify).toHaveBeenCalledTimes(2); // the free failure, then the one that starts the 1 s wait
      expect(results.filter((r) => r.outcome === "throttled")).toHaveLength(8);
    });
  });

  describe("sign-in refusals", () => {
    it("say the same for every invalid credential, and how long to wait when throttled or locked", () => {
      expect(signInRefusal({ outcome: "invalid_credentials" })).toMatchObject({
        code: "invalid_credentials",
        message: "The username or password is incorrect.",
        retryAfterSeconds: null,
      });
      expect(signInRefusal({ outcome: "throttled", locked: false, retryAfterSeconds: 4 })).toMatchObject({
        code: "sign_in_throttled",
        message: "Too many failed sign-ins: wait 4 seconds before trying again.",
        retryAfterSeconds: 4,
      });
      expect(signInRefusal({ outcome: "throttled", locked: true, retryAfterSeconds: 900 })).toMatchObject({
        code: "sign_in_locked",
        message: "Too many failed sign-ins: signing in is locked for 15 minutes. An admin can lift the lock by resetting the password.",
        retryAfterSeconds: 900,
      });
      expect(signInRefusal({ outcome: "throttled", locked: false, retryAfterSeconds: 119 }).message).toBe("Too many failed sign-ins: wait 119 seconds before trying again.");
      expect(signInRefusal({ outcome: "throttled", locked: false, retryAfterSeconds: 121 }).message).toBe("Too many failed sign-ins: wait 3 minutes before trying again.");
    });
  });

  describe("sessions", () => {
    it("end after 30 idle minutes, and are deleted then", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "operator");
      const clock = manualClock();
      const { sessionToken } = await signedIn(store, clock);
      const check = () => checkSession(store, sessionToken, { policy: POLICY, mode: "live", now: clock.now() });

      clock.advance(29 * MINUTE);
      expect((await check()).status).toBe("valid"); // and records the use
      clock.advance(29 * MINUTE);
      expect((await check()).status).toBe("valid");
      clock.advance(30 * MINUTE);
      expect(await check()).toEqual({ status: "expired", why: "idle" });
      expect(await check()).toEqual({ status: "invalid" });
    });

    it("end 12 hours after sign-in however busy", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "operator");
      const clock = manualClock();
      const { sessionToken } = await signedIn(store, clock);
      for (let i = 0; i < 12 * 4 - 1; i++) {
        clock.advance(15 * MINUTE);
        expect((await checkSession(store, sessionToken, { policy: POLICY, mode: "live", now: clock.now() })).status).toBe("valid");
      }
      clock.advance(15 * MINUTE);
      expect(await checkSession(store, sessionToken, { policy: POLICY, mode: "live", now: clock.now() })).toEqual({ status: "expired", why: "absolute" });
    });

    it("see role changes at once and end when the account is disabled", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "operator");
      await createUser(store, "root", "admin");
      const clock = manualClock();
      const { sessionToken } = await signedIn(store, clock);
      const context = { policy: POLICY, mode: "live" as const, now: clock.now() };
      await authDb(store).updateTable("users").set({ role: "viewer" }).where("username", "=", "alice").execute();
      expect(await checkSession(store, sessionToken, context)).toMatchObject({ status: "valid", principal: { role: "viewer" } });
      await setUserDisabled(accountContext(store), "alice", true);
      expect(await checkSession(store, sessionToken, context)).toEqual({ status: "invalid" });
    });

    it("refuse a forged secret and end at sign-out", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "operator");
      const clock = manualClock();
      const { sessionToken, principal } = await signedIn(store, clock);
      const forged = sessionToken.slice(0, -1) + (sessionToken.endsWith("A") ? "B" : "A");
      const context = { policy: POLICY, mode: "live" as const, now: clock.now() };
      expect(await checkSession(store, forged, context)).toEqual({ status: "invalid" });
      expect(await endSession(store, forged)).toBeNull();
      clock.advance(1000);
      expect(await signOut({ store, now: clock.now }, { sessionToken, principal, clientAddress: null, userAgent: null })).toBe(true);
      expect(await checkSession(store, sessionToken, context)).toEqual({ status: "invalid" });
      expect((await listAuthEvents(store, { limit: 1 }))[0]).toMatchObject({ type: "signed_out", subjectUsername: "alice" });
    });

    it("of simulator-only accounts do not work in live mode", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "demo", "operator", { mode: "simulator", actor: webAdmin });
      const clock = manualClock();
      const result = await signIn({ ...deps(store, clock), mode: "simulator" }, attempt({ username: "demo" }));
      if (result.outcome !== "signed_in") throw new Error("expected a session");
      expect((await checkSession(store, result.sessionToken, { policy: POLICY, mode: "simulator", now: clock.now() })).status).toBe("valid");
      expect((await checkSession(store, result.sessionToken, { policy: POLICY, mode: "live", now: clock.now() })).status).toBe("invalid");
    });
  });

  describe("API tokens", () => {
    it("authenticate with their role until revoked, and are stored hashed", async () => {
      const store = await freshStore(dialect);
      const clock = manualClock();
      const context = accountContext(store, "live", webAdmin, clock.now);
      const { token, presented } = await createApiToken(context, { name: "nightly report", role: "viewer" });
      expect(JSON.stringify(await authDb(store).selectFrom("api_tokens").selectAll().execute())).not.toContain(presented.split("_").slice(2).join("_"));

      expect(await checkApiToken(store, presented, { mode: "live", now: clock.now() })).toEqual({ kind: "api_token", id: token.id, username: "token:nightly report", role: "viewer" });
      await revokeApiToken(context, token.id);
      expect(await checkApiToken(store, presented, { mode: "live", now: clock.now() })).toBeNull();
      const types = (await listAuthEvents(store, { limit: 5 })).map((e) => e.type);
      expect(types).toEqual(["api_token_revoked", "api_token_created"]);
    });

    it("made through the console in simulator mode do not work in live mode", async () => {
      const store = await freshStore(dialect);
      const { presented } = await createApiToken(accountContext(store, "simulator", webAdmin), { name: "sim", role: "operator" });
      expect(await checkApiToken(store, presented, { mode: "simulator", now: new Date() })).not.toBeNull();
      expect(await checkApiToken(store, presented, { mode: "live", now: new Date() })).toBeNull();
    });

    it("decide alone when sent: a bad token is refused even next to a good cookie", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "operator");
      const clock = manualClock();
      const { sessionToken } = await signedIn(store, clock);
      const context = { store, mode: "live" as const, policy: POLICY, now: clock.now() };
      const headers = (entries: Record<string, string>) => new Headers(entries);

      expect(await authenticate(headers({ cookie: `dts_session=${sessionToken}` }), context, { allowBearer: true })).toMatchObject({ status: "authenticated" });
      expect(await authenticate(headers({ cookie: `dts_session=${sessionToken}`, authorization: "Bearer dtsc_nope" }), context, { allowBearer: true })).toEqual({
        status: "rejected",
        code: "invalid_token",
        staleCookie: false,
      });
      expect(await authenticate(headers({ authorization: "Basic YTpi" }), context, { allowBearer: true })).toMatchObject({ status: "rejected", code: "invalid_token" });
      // Pages ignore Authorization altogether.
      expect(await authenticate(headers({ authorization: "Bearer x" }), context, { allowBearer: false })).toEqual({ status: "anonymous" });
      expect(await authenticate(headers({ cookie: "dts_session=dtss_0000000000000000_" + "A".repeat(43) }), context, { allowBearer: true })).toEqual({
        status: "rejected",
        code: "session_expired",
        staleCookie: true,
      });
    });
  });

  describe("the accounts tables", () => {
    it("keep auth_events append-only and users undeletable", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "operator");
      await expect(sql`UPDATE auth_events SET type = 'x'`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM auth_events`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM users`.execute(store.db)).rejects.toThrow(/disable the account/);
      await expect(sql`UPDATE users SET username = 'mallory'`.execute(store.db)).rejects.toThrow(/cannot change/);
      await expect(sql`UPDATE users SET password_hash = 'plain-text'`.execute(store.db)).rejects.toThrow(/check constraint/i);
    });
  });
});
