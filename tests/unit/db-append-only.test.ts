// lib/db/append-only.ts renders one declaration of append-only rules to SQLite and PostgreSQL
// triggers: each rule is run here against both engines (PostgreSQL needs PG_TEST_URL, see
// tests/unit/audit-helpers.ts; without it the PostgreSQL variant is skipped, except under CI=true).
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendOnlyDdl, createAppendOnlyTriggers, type AppendOnlyRules } from "@/lib/db/append-only";
import { DIALECTS, dialectOf, type DialectName } from "@/lib/db/dialect";

const PG_TEST_URL = process.env.PG_TEST_URL || undefined;

const RULES: AppendOnlyRules = {
  table: "items",
  name: "rules",
  immutable: ["owner", "origin"],
  transitions: { column: "status", allowed: { pending: ["done", "failed"], failed: ["pending"] } },
  refuseDelete: true,
};

interface Opened {
  db: Kysely<unknown>;
  close(): Promise<void>;
}

async function openEmpty(dialect: DialectName): Promise<Opened> {
  if (dialect === "sqlite") {
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(":memory:") }) });
    return { db, close: () => db.destroy() };
  }
  if (!PG_TEST_URL) throw new Error("PG_TEST_URL is not set");
  // A schema of its own per test, dropped afterwards, like the store tests.
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_TEST_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const pool = new pg.Pool({ connectionString: PG_TEST_URL, max: 2, options: `-c search_path=${schema}` });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    close: async () => {
      await db.destroy();
      try {
        await admin.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await admin.end();
      }
    },
  };
}

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === "postgres" && !PG_TEST_URL && process.env.CI !== "true")(`createAppendOnlyTriggers [${dialect}]`, () => {
    let opened: Opened;
    let db: Kysely<unknown>;

    beforeEach(async () => {
      opened = await openEmpty(dialect);
      db = opened.db;
      await db.schema
        .createTable("items")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("owner", "text", (c) => c.notNull())
        .addColumn("origin", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("note", "text")
        .execute();
      await createAppendOnlyTriggers(db, RULES);
      await sql`INSERT INTO items (id, owner, origin, status, note) VALUES ('a', 'alice', NULL, 'pending', 'first')`.execute(db);
    });
    afterEach(async () => {
      await opened.close();
    });

    async function row(): Promise<Record<string, unknown>> {
      const { rows } = await sql<Record<string, unknown>>`SELECT owner, origin, status, note FROM items WHERE id = 'a'`.execute(db);
      return rows[0]!;
    }

    it("runs on the dialect under test", () => {
      expect(dialectOf(db)).toBe(dialect);
    });

    it("lets allowed transitions through", async () => {
      await sql`UPDATE items SET status = 'failed' WHERE id = 'a'`.execute(db);
      await sql`UPDATE items SET status = 'pending' WHERE id = 'a'`.execute(db);
      await sql`UPDATE items SET status = 'done' WHERE id = 'a'`.execute(db);
      expect(await row()).toMatchObject({ status: "done" });
    });

    it("refuses a transition that is not declared", async () => {
      await sql`UPDATE items SET status = 'done' WHERE id = 'a'`.execute(db);
      await expect(sql`UPDATE items SET status = 'pending' WHERE id = 'a'`.execute(db)).rejects.toThrow(/items: illegal status transition/);
      await expect(sql`UPDATE items SET status = 'failed' WHERE id = 'a'`.execute(db)).rejects.toThrow(/illegal status transition/);
      expect(await row()).toMatchObject({ status: "done" });
    });

    it("refuses a move to an undeclared state", async () => {
      await expect(sql`UPDATE items SET status = 'archived' WHERE id = 'a'`.execute(db)).rejects.toThrow(/illegal status transition/);
      expect(await row()).toMatchObject({ status: "pending" });
    });

    it("refuses changing a column written at insert, NULL included", async () => {
      await expect(sql`UPDATE items SET owner = 'mallory' WHERE id = 'a'`.execute(db)).rejects.toThrow(/items: columns written at insert cannot change/);
      await expect(sql`UPDATE items SET origin = 'import' WHERE id = 'a'`.execute(db)).rejects.toThrow(/columns written at insert cannot change/);
      // Allowed transition, but in the same statement as an immutable change: refused as a whole.
      await expect(sql`UPDATE items SET status = 'done', owner = 'mallory' WHERE id = 'a'`.execute(db)).rejects.toThrow(/cannot change/);
      expect(await row()).toEqual({ owner: "alice", origin: null, status: "pending", note: "first" });
    });

    it("refuses DELETE", async () => {
      await expect(sql`DELETE FROM items WHERE id = 'a'`.execute(db)).rejects.toThrow(/items is append-only: rows cannot be deleted/);
      await expect(sql`DELETE FROM items`.execute(db)).rejects.toThrow(/append-only/);
      expect(await row()).toMatchObject({ owner: "alice" });
    });

    it("lets an undeclared column change, and an unchanged status and immutable column be rewritten", async () => {
      await sql`UPDATE items SET note = 'second' WHERE id = 'a'`.execute(db);
      await sql`UPDATE items SET note = NULL, status = 'pending', owner = 'alice', origin = NULL WHERE id = 'a'`.execute(db);
      expect(await row()).toEqual({ owner: "alice", origin: null, status: "pending", note: null });
    });
  });
}

describe("appendOnlyDdl", () => {
  it("renders only the rules declared", () => {
    expect(appendOnlyDdl({ table: "items", name: "owner", immutable: ["owner"] }, "sqlite")).toHaveLength(1);
    expect(appendOnlyDdl({ table: "items", name: "owner", immutable: ["owner"] }, "postgres")).toHaveLength(2);
    expect(appendOnlyDdl(RULES, "sqlite")).toHaveLength(2);
    expect(appendOnlyDdl(RULES, "postgres")).toHaveLength(4);
  });

  it("refuses anything but plain identifiers", () => {
    expect(() => appendOnlyDdl({ table: "items; drop table x", name: "r", refuseDelete: true }, "sqlite")).toThrow(RangeError);
    expect(() => appendOnlyDdl({ table: "items", name: "r", immutable: ["owner\""] }, "postgres")).toThrow(RangeError);
  });
});
