// Account management (shared by the admin page and the CLI) and the start-up account checks.
import { describe, expect, it } from "vitest";
import type { AuditStore } from "@/lib/db/store";
import { UserError } from "@/lib/auth/user-errors";
import { cliActor } from "@/lib/auth/actors";
import { addUser, listUsers, resetPassword, setUserDisabled, setUserRole, unlockUser } from "@/lib/auth/users";
import { NO_ACCOUNTS_INSTRUCTIONS, prepareAccounts } from "@/lib/auth/bootstrap";
import { DEMO_USERS, DEMO_PASSWORD } from "@/lib/auth/demo-users";
import { verifyPassword } from "@/lib/auth/passwords";
import { checkSession } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { listAuthEvents } from "@/lib/auth/store/auth-events";
import { authDb } from "@/lib/auth/store/tables";
import { findUserWithPasswordHash } from "@/lib/auth/store/users";
import { accountContext, createUser, env, freshStore, manualClock, PASSWORD, POLICY, webAdmin } from "./auth-helpers";
import { describeDialects } from "./audit-helpers";

describeDialects("accounts", (dialect) => {
  async function refusal(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof UserError) return error.code;
      throw error;
    }
    throw new Error("expected a refusal");
  }

  /** alice (an operator) and her sign-in on a manual clock: the deps and attempt to sign in with. */
  async function aliceSignIn(store: AuditStore, password = PASSWORD) {
    await createUser(store, "alice", "operator");
    const clock = manualClock();
    const deps = { store, mode: "live" as const, policy: POLICY, now: clock.now };
    const attempt = { username: "alice", password, clientAddress: null, userAgent: null, previousSessionToken: null };
    return { clock, deps, attempt };
  }

  describe("adding users", () => {
    it("stores an argon2id hash, never the password, and records who did it", async () => {
      const store = await freshStore(dialect);
      const { user, generatedPassword } = await addUser(accountContext(store), { username: "Alice", role: "operator", password: PASSWORD });
      expect(user).toMatchObject({ username: "alice", role: "operator", simulatorOnly: false, disabledAt: null });
      expect(user).not.toHaveProperty("passwordHash");
      expect(generatedPassword).toBeNull();
      const stored = await findUserWithPasswordHash(store, "alice");
      expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
      expect(JSON.stringify(await authDb(store).selectFrom("users").selectAll().execute())).not.toContain(PASSWORD);
      const [event] = await listAuthEvents(store, { limit: 1 });
      expect(event).toMatchObject({ type: "user_created", actorUsername: cliActor().username, via: "cli", subjectUsername: "alice" });
    });

    it("generates a password when none is given, and refuses a taken name or a short password", async () => {
      const store = await freshStore(dialect);
      const { generatedPassword } = await addUser(accountContext(store), { username: "bob", role: "viewer" });
      expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(await verifyPassword((await findUserWithPasswordHash(store, "bob"))!.passwordHash, generatedPassword!)).toBe(true);
      expect(await refusal(addUser(accountContext(store), { username: "BOB", role: "admin", password: PASSWORD }))).toBe("user_exists");
      await expect(addUser(accountContext(store), { username: "carol", role: "viewer", password: "short" })).rejects.toThrow(/at least 12/);
    });

    it("marks accounts created through the console in simulator mode as simulator-only, not CLI ones", async () => {
      const store = await freshStore(dialect);
      expect((await createUser(store, "web-made", "viewer", { mode: "simulator", actor: webAdmin })).simulatorOnly).toBe(true);
      expect((await createUser(store, "cli-made", "viewer", { mode: "simulator" })).simulatorOnly).toBe(false);
      expect((await createUser(store, "live-made", "viewer", { mode: "live", actor: webAdmin })).simulatorOnly).toBe(false);
    });
  });

  describe("changing users", () => {
    it("changes a role and records from and to", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "alice", "viewer");
      expect((await setUserRole(accountContext(store), "alice", "operator")).role).toBe("operator");
      const [event] = await listAuthEvents(store, { limit: 1 });
      expect(event).toMatchObject({ type: "user_role_changed", detail: { from: "viewer", to: "operator" } });
    });

    it("never leaves the console without an enabled admin", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "root", "admin");
      await createUser(store, "alice", "operator");
      expect(await refusal(setUserRole(accountContext(store), "root", "operator"))).toBe("last_admin");
      expect(await refusal(setUserDisabled(accountContext(store), "root", true))).toBe("last_admin");
      await setUserRole(accountContext(store), "alice", "admin");
      expect((await setUserDisabled(accountContext(store), "root", true)).disabledAt).not.toBeNull();
    });

    it("does not let an admin demote or disable themself from the web console", async () => {
      const store = await freshStore(dialect);
      await createUser(store, "root-admin", "admin");
      await createUser(store, "other-admin", "admin");
      expect(await refusal(setUserDisabled(accountContext(store, "live", webAdmin), "root-admin", true))).toBe("own_account");
      expect(await refusal(setUserRole(accountContext(store, "live", webAdmin), "root-admin", "viewer"))).toBe("own_account");
    });

    it("refuses unknown users", async () => {
      const store = await freshStore(dialect);
      expect(await refusal(setUserRole(accountContext(store), "ghost", "admin"))).toBe("user_not_found");
      expect(await refusal(resetPassword(accountContext(store), "ghost"))).toBe("user_not_found");
    });

    it("disabling ends the sessions; re-enabling lets the account sign in again", async () => {
      const store = await freshStore(dialect);
      const { deps, attempt } = await aliceSignIn(store);
      await createUser(store, "root", "admin");
      const first = await signIn(deps, attempt);
      if (first.outcome !== "signed_in") throw new Error("expected a session");
      await setUserDisabled(accountContext(store), "alice", true);
      expect(await authDb(store).selectFrom("sessions").selectAll().execute()).toHaveLength(0);
      expect(await signIn(deps, attempt)).toEqual({ outcome: "invalid_credentials" });
      await setUserDisabled(accountContext(store), "alice", false);
      expect((await signIn(deps, attempt)).outcome).toBe("signed_in");
    });

    it("a password reset ends every session and lifts a lockout", async () => {
      const store = await freshStore(dialect);
      const { clock, deps, attempt } = await aliceSignIn(store);
      const session = await signIn(deps, attempt);
      if (session.outcome !== "signed_in") throw new Error("expected a session");
      for (let i = 0; i < 5; i++) {
        await signIn(deps, { ...attempt, password: "wrong-password-1" });
        clock.advance(5000);
      }
      expect(await signIn(deps, attempt)).toMatchObject({ outcome: "throttled", locked: true });

      const { generatedPassword } = await resetPassword(accountContext(store), "alice");
      expect(await checkSession(store, session.sessionToken, { policy: POLICY, mode: "live", now: clock.now() })).toEqual({ status: "invalid" });
      expect(await signIn(deps, attempt)).toEqual({ outcome: "invalid_credentials" });
      clock.advance(5000); // the address (null here) has its own, separate count
      expect((await signIn(deps, { ...attempt, password: generatedPassword! })).outcome).toBe("signed_in");
    });

    it("unlock lifts a lockout without touching the password", async () => {
      const store = await freshStore(dialect);
      const { clock, deps, attempt } = await aliceSignIn(store, "wrong-password-1");
      for (let i = 0; i < 5; i++) {
        await signIn(deps, attempt);
        clock.advance(5000);
      }
      expect(await unlockUser(accountContext(store), "alice")).toBe(true);
      expect((await signIn(deps, { ...attempt, password: PASSWORD })).outcome).toBe("signed_in");
      expect(await unlockUser(accountContext(store), "alice")).toBe(false);
    });
  });

  describe("accounts at start-up", () => {
    it("creates the demo accounts in simulator mode, once", async () => {
      const store = await freshStore(dialect);
      expect(await prepareAccounts(store, "simulator", env())).toMatchObject({ ready: true, notes: [expect.stringContaining("demo")] });
      expect(await prepareAccounts(store, "simulator", env())).toEqual({ ready: true, notes: [] });
      const users = await listUsers(store);
      expect(users.map((u) => [u.username, u.role, u.simulatorOnly])).toEqual(DEMO_USERS.map((a) => [a.username, a.role, true]).sort());
      expect(await verifyPassword((await findUserWithPasswordHash(store, "demo"))!.passwordHash, DEMO_PASSWORD)).toBe(true);
    });

    it("refuses live mode with no account and says how to create one; demo accounts do not count", async () => {
      const store = await freshStore(dialect);
      await prepareAccounts(store, "simulator", env());
      expect(await prepareAccounts(store, "live", env())).toEqual({ ready: false, problem: NO_ACCOUNTS_INSTRUCTIONS });
      expect(NO_ACCOUNTS_INSTRUCTIONS).toContain("npm run users -- add <name> --role admin");
      expect(NO_ACCOUNTS_INSTRUCTIONS).toContain("CONSOLE_ADMIN_USERNAME");
    });

    it("creates the first admin from CONSOLE_ADMIN_USERNAME / CONSOLE_ADMIN_PASSWORD, and only the first", async () => {
      const store = await freshStore(dialect);
      const vars = { CONSOLE_ADMIN_USERNAME: "Root", CONSOLE_ADMIN_PASSWORD: "a-long-admin-password" };
      const first = await prepareAccounts(store, "live", env(vars));
      expect(first).toMatchObject({ ready: true, notes: [expect.stringContaining('"root"')] });
      const root = await findUserWithPasswordHash(store, "root");
      expect(root!.user).toMatchObject({ role: "admin", simulatorOnly: false, createdBy: "system" });
      expect(await prepareAccounts(store, "live", env({ ...vars, CONSOLE_ADMIN_USERNAME: "other" }))).toMatchObject({ ready: true, notes: [expect.stringContaining("ignored")] });
      expect(await findUserWithPasswordHash(store, "other")).toBeNull();
    });

    it("explains a bad first-admin password without repeating it", async () => {
      const store = await freshStore(dialect);
      const result = await prepareAccounts(store, "live", env({ CONSOLE_ADMIN_USERNAME: "root", CONSOLE_ADMIN_PASSWORD: "hunter2" }));
      expect(result.ready).toBe(false);
      if (result.ready) return;
      expect(result.problem).toContain("at least 12 characters");
      expect(result.problem).not.toContain("hunter2");
    });
  });
});
