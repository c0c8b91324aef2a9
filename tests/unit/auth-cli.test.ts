// The users CLI: its commands against a temporary database, and the real entry point under tsx
// exactly as `npm run users` starts it (with the react-server condition, which makes
// `import "server-only"` a no-op outside Next.js).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/open";
import { verifyPassword } from "@/lib/auth/passwords";
import { listAuthEvents } from "@/lib/auth/store/auth-events";
import { findUserWithPasswordHash } from "@/lib/auth/store/users";
import { runUsersCommand, type CliIo } from "@/scripts/users-command";
import { tempDbPath } from "./audit-helpers";

const run = promisify(execFile);
const ROOT = path.join(__dirname, "../..");

/** `npm run users` as package.json defines it: "tsx <flags…> scripts/users.ts". */
function usersCommand(): { bin: string; args: string[] } {
  const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const [bin, ...args] = scripts.users!.split(/\s+/);
  return { bin: path.join(ROOT, "node_modules", ".bin", bin!), args };
}

function fakeIo(dbPath: string, typed: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readPassword: async () => typed.shift() ?? "",
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { NODE_ENV: "test", AUDIT_DB_PATH: dbPath, DTS_MODE: "live" },
  };
  return { io, out, err };
}

async function withStore<T>(dbPath: string, work: (store: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const store = await openDatabase({ path: dbPath });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe("npm run users", () => {
  it("adds a user with the password from standard input", async () => {
    const db = tempDbPath();
    const { io, out } = fakeIo(db, ["a-typed-password-1"]);
    expect(await runUsersCommand(["add", "Alice", "--role", "admin"], io)).toBe(0);
    expect(out).toEqual(["Created alice (admin)."]);
    await withStore(db, async (store) => {
      const stored = await findUserWithPasswordHash(store, "alice");
      expect(await verifyPassword(stored!.passwordHash, "a-typed-password-1")).toBe(true);
      expect((await listAuthEvents(store, { limit: 1 }))[0]).toMatchObject({ type: "user_created", via: "cli" });
    });
  });

  it("generates and shows a password once when none is typed, or with --generate", async () => {
    const db = tempDbPath();
    const a = fakeIo(db, [""]);
    expect(await runUsersCommand(["add", "bob", "--role=viewer"], a.io)).toBe(0);
    const shown = /shown once, not stored\): (\S+)$/.exec(a.out[1] ?? "")?.[1];
    expect(shown).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const b = fakeIo(db, ["never-read-password"]);
    expect(await runUsersCommand(["add", "carol", "--role", "operator", "--generate"], b.io)).toBe(0);
    expect(b.out[1]).toMatch(/Generated password for carol/);
    await withStore(db, async (store) => expect(await verifyPassword((await findUserWithPasswordHash(store, "bob"))!.passwordHash, shown!)).toBe(true));
  });

  it("lists, changes roles, disables, enables, resets passwords and unlocks", async () => {
    const db = tempDbPath();
    const { io, out, err } = fakeIo(db, ["root-password-123", "alice-password-1", "", ""]);
    expect(await runUsersCommand(["add", "root", "--role", "admin"], io)).toBe(0);
    expect(await runUsersCommand(["add", "alice", "--role", "viewer"], io)).toBe(0);
    expect(await runUsersCommand(["set-role", "alice", "operator"], io)).toBe(0);
    expect(await runUsersCommand(["disable", "alice"], io)).toBe(0);
    expect(await runUsersCommand(["list"], io)).toBe(0);
    expect(out.find((l) => /^alice\s{2,}/.test(l))).toMatch(/^alice\s+operator\s+disabled\s+all\s+never$/);
    expect(await runUsersCommand(["enable", "alice"], io)).toBe(0);
    expect(await runUsersCommand(["reset-password", "alice"], io)).toBe(0);
    expect(out.at(-1)).toMatch(/Generated password for alice/);
    expect(await runUsersCommand(["unlock", "alice"], io)).toBe(0);
    expect(out.at(-1)).toBe("alice was not locked.");
    expect(err).toEqual([]);
    await withStore(db, async (store) => {
      const types = (await listAuthEvents(store, { limit: 20 })).map((e) => e.type).reverse();
      expect(types).toEqual(["user_created", "user_created", "user_role_changed", "user_disabled", "user_enabled", "user_password_reset", "user_unlocked"]);
    });
  });

  it("refuses bad input with a message and a non-zero exit code", async () => {
    const db = tempDbPath();
    const { io, err } = fakeIo(db, ["short"]);
    expect(await runUsersCommand(["add", "alice", "--role", "boss"], io)).toBe(2);
    expect(err.at(-1)).toMatch(/role must be one of viewer, operator, admin/);
    expect(await runUsersCommand(["add", "alice", "--role", "admin"], io)).toBe(1);
    expect(err.at(-1)).toMatch(/at least 12 characters/);
    expect(err.join("\n")).not.toContain("short\n");
    expect(await runUsersCommand(["disable", "ghost"], io)).toBe(1);
    expect(await runUsersCommand(["frobnicate"], io)).toBe(2);
  });

  it("runs as a real process under tsx, password piped on standard input", async () => {
    const db = tempDbPath();
    const env = { ...process.env, AUDIT_DB_PATH: db, DTS_MODE: "live" };
    const users = usersCommand();
    const add = run(users.bin, [...users.args, "add", "piped", "--role", "operator"], { cwd: ROOT, env });
    add.child.stdin?.end("a-piped-password-1\n");
    expect((await add).stdout).toBe("Created piped (operator).\n");
    const { stdout } = await run(users.bin, [...users.args, "list"], { cwd: ROOT, env });
    expect(stdout).toMatch(/piped\s+operator\s+active/);
    await withStore(db, async (store) => expect(await verifyPassword((await findUserWithPasswordHash(store, "piped"))!.passwordHash, "a-piped-password-1")).toBe(true));
  });
});
