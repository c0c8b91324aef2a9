import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open";
import type { AuditStore } from "@/lib/db/store";
import { AuditStoreError } from "@/lib/audit/errors";
import { MIGRATIONS } from "@/lib/db/migrations";
import { beginAttempt, finishAttempt, getReset, listResets } from "@/lib/audit/reset-attempts";
import { attemptInput, tempDbPath, tempDir } from "./audit-helpers";

const open: AuditStore[] = [];
async function openStore(file: string, busyTimeoutMs?: number): Promise<AuditStore> {
  const store = await openDatabase({ path: file, busyTimeoutMs });
  open.push(store);
  return store;
}
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});

/** Every migration, once each, in order (later issues append their own). */
const MIGRATION_ROWS = Object.keys(MIGRATIONS).map((name) => ({ name }));

/** Runs the call with the process umask set to mask, and puts the previous one back. */
async function withUmask<T>(mask: number, call: () => Promise<T>): Promise<T> {
  const previous = process.umask(mask);
  try {
    return await call();
  } finally {
    process.umask(previous);
  }
}

function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

describe("openDatabase: migrations", () => {
  it("migrates a fresh file and records each migration once", async () => {
    const file = tempDbPath();
    const store = await openStore(file);
    const migrations = await store.db
      .selectFrom("kysely_migration" as never)
      .select(["name" as never])
      .execute();
    expect(migrations).toEqual(MIGRATION_ROWS);
    const tables = await store.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toContain("reset_attempts");
  });

  it("re-opening a migrated file runs nothing again and keeps the data", async () => {
    const file = tempDbPath();
    const first = await openStore(file);
    const created = await beginAttempt(first, attemptInput());
    await first.close();

    const second = await openStore(file);
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.prepare("select name from kysely_migration").all()).toEqual(MIGRATION_ROWS);
      const triggers = raw.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'reset_attempts' order by name").all();
      // 0001's three, 0006's guard that the account is written once, 0007's that the bulk is, 0011's that the alert snapshot is.
      expect(triggers).toHaveLength(6);
    } finally {
      raw.close();
    }
    expect((await getReset(second, created.record.id))?.reason).toBe(created.record.reason);
  });

  it("opening the same file three times leaves one migration row", async () => {
    const file = tempDbPath();
    for (let i = 0; i < 3; i++) await (await openStore(file)).close();
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.prepare("select count(*) as n from kysely_migration").get()).toEqual({ n: MIGRATION_ROWS.length });
    } finally {
      raw.close();
    }
  });

  it("works in memory for tests", async () => {
    const store = await openStore(":memory:");
    const result = await beginAttempt(store, attemptInput());
    expect(result.kind).toBe("created");
    expect(store.path).toBe(":memory:");
  });
});

describe("openDatabase: file and connection settings", () => {
  it("creates missing directories 0700 and the file 0600 even with a permissive umask", async () => {
    const root = tempDir();
    const file = path.join(root, "data", "nested", "audit.sqlite");
    const rootModeBefore = mode(root);
    await withUmask(0o000, () => openStore(file));
    expect(mode(path.join(root, "data"))).toBe(0o700);
    expect(mode(path.join(root, "data", "nested"))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    // The write-ahead log and shared-memory files carry the same data: they must be private too.
    for (const sidecar of [`${file}-wal`, `${file}-shm`]) expect(mode(sidecar)).toBe(0o600);
    // The directory we were given, which already existed, is left alone.
    expect(mode(root)).toBe(rootModeBefore);
  });

  it("sets 0700/0600 even when the umask would leave the owner without access", async () => {
    const root = tempDir();
    const file = path.join(root, "data", "audit.sqlite");
    await withUmask(0o277, () => openStore(file));
    expect(mode(path.join(root, "data"))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });

  it("narrows an existing, too-open database file to 0600", async () => {
    const file = tempDbPath();
    await (await openStore(file)).close();
    fs.chmodSync(file, 0o644);
    await openStore(file);
    expect(mode(file)).toBe(0o600);
  });

  it("uses WAL, a busy timeout, FULL sync, foreign keys and recursive triggers", async () => {
    const file = tempDbPath();
    await openStore(file, 1234);
    const raw = new Database(file);
    try {
      // journal_mode is persistent in the file; the others are per connection, read through Kysely below.
      expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      raw.close();
    }
    const store = open[0]!;
    const pragma = async (name: string) => (await sql.raw(`pragma ${name}`).execute(store.db)).rows[0];
    expect(await pragma("busy_timeout")).toEqual({ timeout: 1234 });
    expect(await pragma("synchronous")).toEqual({ synchronous: 2 });
    expect(await pragma("foreign_keys")).toEqual({ foreign_keys: 1 });
    expect(await pragma("recursive_triggers")).toEqual({ recursive_triggers: 1 });
  });

  it("rejects a nonsensical busy timeout", async () => {
    await expect(openDatabase({ path: tempDbPath(), busyTimeoutMs: -1 })).rejects.toThrow(RangeError);
  });

  it("fails to open when the path cannot be a database", async () => {
    const dir = tempDir();
    await expect(openDatabase({ path: dir })).rejects.toThrow();
  });
});

describe("history survives a restart", () => {
  it("keeps every record and outcome across close and re-open", async () => {
    const file = tempDbPath();
    const first = await openStore(file);
    const a = await beginAttempt(first, attemptInput({ reason: "first reset" }));
    const b = await beginAttempt(first, attemptInput({ reason: "second reset" }));
    await finishAttempt(first, a.record.id, { status: "succeeded", finishedAt: new Date(), requestId: "REQ-1", httpStatus: 200 });
    await first.close();

    const second = await openStore(file);
    const page = await listResets(second, {}, 1, 10);
    expect(page.total).toBe(2);
    const byId = new Map(page.items.map((r) => [r.id, r]));
    expect(byId.get(a.record.id)).toMatchObject({ status: "succeeded", requestId: "REQ-1", httpStatus: 200, resolvedBy: "response" });
    expect(byId.get(b.record.id)).toMatchObject({ status: "pending", reason: "second reset" });
    expect(byId.get(a.record.id)?.snapshotDetail).toEqual(a.record.snapshotDetail);
  });
});

describe("a write failure surfaces as an error, with nothing recorded", () => {
  it("a read-only database refuses the pending record", async () => {
    const file = tempDbPath();
    const store = await openStore(file);
    // Tests run as root, for whom chmod 0400 does not stop writes; query_only is SQLite refusing writes.
    await sql`pragma query_only = ON`.execute(store.db);
    const error = await beginAttempt(store, attemptInput()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditStoreError);
    expect((error as AuditStoreError).message).toMatch(/could not record the reset attempt/);
    expect((error as AuditStoreError).cause).toMatchObject({ code: "SQLITE_READONLY" });
    await sql`pragma query_only = OFF`.execute(store.db);
    expect((await listResets(store, {}, 1, 10)).total).toBe(0);
  });

  it("a database opened read-only by the OS refuses the pending record", async () => {
    const file = tempDbPath();
    await (await openStore(file)).close();
    // Hand the store a connection that cannot write, as a read-only mount would.
    const readonly = new Database(file, { readonly: true });
    const store: AuditStore = {
      db: new Kysely({ dialect: new SqliteDialect({ database: readonly }) }),
      dialect: "sqlite",
      path: file,
      close: async () => {
        readonly.close();
      },
    };
    open.push(store);
    await expect(beginAttempt(store, attemptInput())).rejects.toBeInstanceOf(AuditStoreError);
  });

  it("a write lock held elsewhere past the busy timeout surfaces as an error", async () => {
    const file = tempDbPath();
    const store = await openStore(file, 50);
    const other = new Database(file);
    try {
      other.exec("BEGIN IMMEDIATE");
      const error = await beginAttempt(store, attemptInput()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuditStoreError);
      expect((error as AuditStoreError).cause).toMatchObject({ code: "SQLITE_BUSY" });
      other.exec("ROLLBACK");
    } finally {
      other.close();
    }
    expect((await listResets(store, {}, 1, 10)).total).toBe(0);
  });
});
