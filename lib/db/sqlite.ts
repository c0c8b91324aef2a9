// Opens the database on SQLite: the file (owner-only), its connection settings, its migrations.
// Not `server-only`: the users CLI (scripts/users.ts) opens the store under tsx, where that import
// throws. better-sqlite3 and node:fs keep this module out of any client bundle regardless.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, type SqliteDatabase } from "kysely";
import type { DatabaseTables } from "./store";
import { migrateToLatest } from "./migrate";
import type { AuditStore } from "./store";

/** Where the store lives unless the caller says otherwise (relative to the working directory). */
export const DEFAULT_AUDIT_DB_PATH = path.join("data", "audit.sqlite");

/** How long a write waits for another process's write lock before failing. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

const IN_MEMORY = ":memory:";
const OWNER_ONLY_DIR = 0o700;
const OWNER_ONLY_FILE = 0o600;

export interface OpenSqliteOptions {
  /** A file path (its directory is created if missing), or ":memory:" for tests. */
  path: string;
  busyTimeoutMs?: number;
  /** Skip the migrations (db:copy reads an older file as it is). Default: migrate. */
  migrate?: boolean;
}

/**
 * Open (creating if needed) and migrate the audit store. Throws when the file cannot be created,
 * opened or migrated: the console must then refuse resets, since it could not record them.
 *
 * Open one store per process and share it: the SQLite driver has a single connection, and several
 * handles in one process would wait on each other's locks synchronously.
 */
export async function openSqlite(options: OpenSqliteOptions): Promise<AuditStore> {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new RangeError(`busyTimeoutMs must be a non-negative integer, got ${busyTimeoutMs}`);
  }
  const inMemory = options.path === IN_MEMORY;
  const file = inMemory ? IN_MEMORY : path.resolve(options.path);
  if (!inMemory) createOwnerOnlyFile(file);

  const sqlite = new Database(file);
  try {
    configureConnection(sqlite, { busyTimeoutMs, requireWal: !inMemory });
    const db = new Kysely<DatabaseTables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    if (options.migrate !== false) await migrateToLatest(db);
    if (!inMemory) restrictSidecarFiles(file);
    return { db, dialect: "sqlite", path: file, close: closeOnce(db, sqlite) };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Kysely prepares every query anew; preparing was the largest single cost of a request's session
 * lookup in the profile (bench/results/latest.md, section 6). Statements are kept per SQL text and
 * reused: better-sqlite3 runs one at a time on its single connection, SQLite re-prepares a kept
 * statement itself after a schema change, and nothing here streams (a streamed statement cannot
 * be reused while it is being read). The cache is bounded, oldest dropped first.
 */
const STATEMENT_CACHE_SIZE = 256;

function withStatementCache(sqlite: Database.Database): SqliteDatabase {
  const statements = new Map<string, ReturnType<Database.Database["prepare"]>>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

// --- SQLite connection settings (dialect-specific by nature) ------------------------------------
function configureConnection(sqlite: Database.Database, settings: { busyTimeoutMs: number; requireWal: boolean }): void {
  // First, so that the journal-mode switch below also waits for a concurrent opener.
  sqlite.pragma(`busy_timeout = ${settings.busyTimeoutMs}`);
  const journalMode = String(sqlite.pragma("journal_mode = WAL", { simple: true })).toLowerCase();
  if (settings.requireWal && journalMode !== "wal") {
    // E.g. a network file system without shared memory: refuse rather than run with weaker locking.
    throw new Error(`The audit store needs WAL journaling, but SQLite reports journal_mode=${journalMode}`);
  }
  // A pending record must survive power loss, not only a crash: the reset it precedes cannot be undone.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  // Makes `INSERT OR REPLACE` fire the delete-refusing trigger instead of silently deleting a row.
  sqlite.pragma("recursive_triggers = ON");
}
// -------------------------------------------------------------------------------------------------

/**
 * Create the directory (0700) and the file (0600) before SQLite does, so neither exists for an
 * instant with the umask's permissions. Modes are set with chmod because mkdir/open apply the umask.
 * Directories that already existed are left as they are (the caller may point at a shared one);
 * the file itself is always narrowed to 0600.
 */
function createOwnerOnlyFile(file: string): void {
  const directory = path.dirname(file);
  const firstCreated = fs.mkdirSync(directory, { recursive: true, mode: OWNER_ONLY_DIR });
  if (firstCreated !== undefined) {
    for (let dir = directory; ; dir = path.dirname(dir)) {
      fs.chmodSync(dir, OWNER_ONLY_DIR);
      if (dir === firstCreated || path.dirname(dir) === dir) break;
    }
  }
  const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, OWNER_ONLY_FILE);
  try {
    fs.fchmodSync(fd, OWNER_ONLY_FILE);
  } finally {
    fs.closeSync(fd);
  }
}

/** SQLite gives -wal and -shm the main file's mode; narrowing them again costs nothing. */
function restrictSidecarFiles(file: string): void {
  for (const sidecar of [`${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(sidecar, OWNER_ONLY_FILE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

function closeOnce(db: Kysely<DatabaseTables>, sqlite: Database.Database): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= db.destroy().then(() => {
      if (sqlite.open) sqlite.close();
    });
    return closing;
  };
}
