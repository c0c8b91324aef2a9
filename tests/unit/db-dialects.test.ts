// What lib/db adds to the store: migrations that run once however many processes open a fresh
// database together, a refusal of a schema newer than the code, a clear error for an unusable
// PostgreSQL, the reconciliation lease, sign-in throttling atomic across instances, and db:copy.
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open";
import type { AuditStore } from "@/lib/db/store";
import { withLease } from "@/lib/guarded/lease";
import { MIGRATIONS } from "@/lib/db/migrations";
import { beginAttempt, finishAttempt, listResets } from "@/lib/audit/reset-attempts";
import { signIn } from "@/lib/auth/sign-in";
import { listAuthEvents } from "@/lib/auth/store/auth-events";
import { usernameThrottleKey, USERNAME_RULE } from "@/lib/auth/throttle";
import { readThrottleStates } from "@/lib/auth/store/throttle-state";
import { copySqliteToPostgres, CopyRefusedError } from "@/lib/db/copy";
import { DatabaseUnavailableError, SchemaTooNewError } from "@/lib/db/errors";
import { migrateToLatest } from "@/lib/db/migrate";
import { attemptInput, describeDialects, freshLocation, PG_TEST_URL, rawConnection, storesClosedAfterEach } from "./audit-helpers";
import { createUser, manualClock, POLICY } from "./auth-helpers";

const open = storesClosedAfterEach();

const MIGRATION_NAMES = Object.keys(MIGRATIONS);

describeDialects("migrations", (dialect) => {
  // SQLite handles of one process wait on each other synchronously: there the race is between
  // processes (audit-multiprocess.test.ts), here the handles open one after another.
  it("run once when four handles open a fresh database (together, on PostgreSQL), and never again", async () => {
    const location = freshLocation(dialect);
    const stores: AuditStore[] = [];
    if (dialect === "postgres") stores.push(...(await Promise.all(Array.from({ length: 4 }, () => open(location)))));
    else for (let i = 0; i < 4; i++) stores.push(await open(location));
    const raw = await rawConnection(location);
    try {
      expect((await raw.rows<{ name: string }>("select name from kysely_migration order by name")).map((r) => r.name)).toEqual(MIGRATION_NAMES);
    } finally {
      await raw.close();
    }
    expect(await migrateToLatest(stores[0]!.db)).toEqual({ applied: [] });
    expect(stores.every((s) => s.dialect === dialect)).toBe(true);
  });

  it("refuse a database migrated by a newer console, naming the unknown migration", async () => {
    const location = freshLocation(dialect);
    await (await openDatabase(location)).close();
    const raw = await rawConnection(location);
    try {
      await raw.run("insert into kysely_migration (name, timestamp) values (?, ?)", "9999_from_the_future", new Date().toISOString());
    } finally {
      await raw.close();
    }
    const error = await openDatabase(location).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect((error as Error).message).toMatch(/newer than this console.*9999_from_the_future/);
  });
});

describe.skipIf(!PG_TEST_URL)("an unusable PostgreSQL stops the open with the reason [postgres]", () => {
  const url = new URL(PG_TEST_URL ?? "postgres://x@127.0.0.1/x");

  it("unreachable", async () => {
    const closed = new URL(url);
    closed.port = "1"; // nothing listens on port 1
    const error = await openDatabase({ url: closed.toString() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "DatabaseUnavailableError", reason: "unreachable" });
    expect((error as Error).message).toMatch(/cannot be reached/);
    expect((error as Error).message).not.toContain(url.password);
  });

  it("wrong credentials", async () => {
    const wrong = new URL(url);
    wrong.password = "not-the-password";
    const error = await openDatabase({ url: wrong.toString() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error).toMatchObject({ reason: "credentials" });
    expect((error as Error).message).toMatch(/refused the credentials/);
    expect((error as Error).message).not.toContain("not-the-password");
  });

  it("a database that does not exist", async () => {
    const missing = new URL(url);
    missing.pathname = "/no_such_database";
    expect(await openDatabase({ url: missing.toString() }).catch((e: unknown) => e)).toMatchObject({ reason: "no_database" });
  });
});

describe.skipIf(!PG_TEST_URL)("across instances on one PostgreSQL [postgres]", () => {
  it("one instance at a time works on an attempt in reconciliation (a lease); the other skips it", async () => {
    const location = freshLocation("postgres");
    const [a, b] = [await open(location), await open(location)];
    const record = (await beginAttempt(a, attemptInput())).record;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = withLease(a, "reset", record.id, async () => {
      entered();
      await held;
      return "a";
    });
    await inside;
    let ranOnB = false;
    expect(await withLease(b, "reset", record.id, async () => (ranOnB = true))).toEqual({ leased: false });
    expect(ranOnB).toBe(false);
    release();
    expect(await first).toEqual({ leased: true, value: "a" });
    expect(await withLease(b, "reset", record.id, async () => "b")).toEqual({ leased: true, value: "b" });
  });

  it("counts concurrent failed sign-ins spread over two instances without losing one, and locks the account on both", async () => {
    const location = freshLocation("postgres");
    const [a, b] = [await open(location), await open(location)];
    await createUser(a, "alice", "operator");
    const clock = manualClock();
    const deps = (store: AuditStore) => ({ store, mode: "live" as const, policy: POLICY, now: clock.now, verify: async () => false });
    // Distinct addresses, so only the username key is contended. Each attempt is checked against
    // the count the previous one left: without the cross-instance lock, parallel reads see the same
    // count and failures are lost.
    const attempts = Array.from({ length: 8 }, (_, i) =>
      signIn(deps(i % 2 === 0 ? a : b), { username: "alice", password: "wrong-password", clientAddress: `203.0.113.${i}`, userAgent: null, previousSessionToken: null }),
    );
    const results = await Promise.all(attempts);
    const failed = results.filter((r) => r.outcome === "invalid_credentials").length;
    const counts = (await listAuthEvents(a, { limit: 100, subjectUsername: "alice" }))
      .filter((e) => e.type === "sign_in_failed")
      .map((e) => e.detail.usernameFailures as number)
      .sort((x, y) => x - y);
    expect(counts).toEqual(Array.from({ length: failed }, (_, i) => i + 1));
    expect(failed).toBe(1 + (results.length > 1 ? 1 : 0)); // one free failure, then a wait: the rest are throttled
    const state = (await readThrottleStates(b, [usernameThrottleKey("alice")])).get(usernameThrottleKey("alice"));
    expect(state?.failures).toBe(failed);

    // Failures spread over both, one at a time past each wait, lock the account on both.
    for (let i = failed; i < USERNAME_RULE.lockoutFailures; i++) {
      clock.advance(60_000);
      expect((await signIn(deps(i % 2 === 0 ? b : a), { username: "alice", password: "wrong", clientAddress: "198.51.100.1", userAgent: null, previousSessionToken: null })).outcome).toBe("invalid_credentials");
    }
    clock.advance(60_000);
    for (const store of [a, b]) {
      const result = await signIn({ ...deps(store), verify: async () => true }, { username: "alice", password: "right", clientAddress: "198.51.100.2", userAgent: null, previousSessionToken: null });
      expect(result).toMatchObject({ outcome: "throttled", locked: true });
    }
  });
});

describe.skipIf(!PG_TEST_URL)("db:copy [postgres]", () => {
  it("copies every table with its history, verifies the counts, and refuses a target that holds records", async () => {
    const source = await open(freshLocation("sqlite"));
    await createUser(source, "bob", "admin");
    const done = (await beginAttempt(source, attemptInput({ idempotencyKey: "copy-key-000001" }))).record;
    await finishAttempt(source, done.id, { status: "succeeded", finishedAt: new Date(), requestId: "REQ", httpStatus: 200, retrySafe: false });
    await beginAttempt(source, attemptInput());

    const target = await open(freshLocation("postgres"));
    const report = await copySqliteToPostgres(source, target);
    const order = report.tables.map((t) => t.table);
    expect(order.indexOf("users")).toBeLessThan(order.indexOf("sessions")); // before the tables that reference it
    expect(Object.fromEntries(report.tables.map((t) => [t.table, t.rows]))).toMatchObject({ users: 1, reset_attempts: 2, auth_events: 1 });
    expect(await listResets(target, {}, 1, 10)).toEqual(await listResets(source, {}, 1, 10));
    // The append-only triggers are back on after the copy.
    await expect(target.db.deleteFrom("reset_attempts").execute()).rejects.toThrow(/append-only/);

    await expect(copySqliteToPostgres(source, target)).rejects.toBeInstanceOf(CopyRefusedError);
  });
});
