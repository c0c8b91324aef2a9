// The concurrency guard is the database's: separate OS processes, each with its own connection,
// race to migrate a fresh file and to begin an attempt on the same task.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "@/lib/db/migrations";
import { tempDbPath } from "./audit-helpers";

const run = promisify(execFile);
const CHILD = path.join(__dirname, "audit-race-child.ts");
const PROCESSES = 4;

describe("across processes", () => {
  // Generous limits: on a loaded 2-core machine four tsx start-ups can take seconds, and the
  // test is about who wins, not how fast.
  it("migrates once and lets exactly one process begin the attempt", { timeout: 90_000 }, async () => {
    const file = tempDbPath();
    const startAt = Date.now() + 8_000;
    const outputs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, i) =>
        run(
          process.execPath,
          // react-server resolves `server-only` to its empty module, as Next.js does on the server.
          ["--conditions=react-server", "--import", "tsx", CHILD, file, "dtsraceinstance1", `process-${i}`, String(startAt)],
          { cwd: path.join(__dirname, "../.."), timeout: 80_000 },
        ),
      ),
    );
    const results = outputs.map((o) => JSON.parse(o.stdout) as { kind: string; id: string });
    expect(results.filter((r) => r.kind === "created")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "in_progress")).toHaveLength(PROCESSES - 1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);

    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.prepare("select name from kysely_migration").all()).toEqual(Object.keys(MIGRATIONS).map((name) => ({ name })));
      expect(raw.prepare("select count(*) as n from reset_attempts").get()).toEqual({ n: 1 });
    } finally {
      raw.close();
    }
  });
});
