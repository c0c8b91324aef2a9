// Shared fixtures of the audit store tests (not a test file itself), for both dialects: the store
// suites run once on SQLite and once on PostgreSQL (describeDialects). PostgreSQL needs PG_TEST_URL
// (scripts/pg-test-cluster.sh starts a throwaway cluster; .ci/run does it for CI); without it the
// PostgreSQL variants are skipped and counted as skipped, except under CI=true, where they fail.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe } from "vitest";
import { openDatabase, type OpenDatabaseOptions } from "@/lib/db/open";
import type { AuditStore } from "@/lib/db/store";
import type { NewResetAttempt } from "@/lib/audit/validation";
import { DIALECTS, type DialectName } from "@/lib/db/dialect";

/** The PostgreSQL server the PostgreSQL variants use: each test store gets a schema of its own in it. */
export const PG_TEST_URL = process.env.PG_TEST_URL || undefined;
if (!PG_TEST_URL && process.env.CI === "true") {
  throw new Error("CI=true but PG_TEST_URL is not set: the PostgreSQL variants of the store tests must run in CI (.ci/run starts a cluster with scripts/pg-test-cluster.sh)");
}

/** One describe block per dialect, named "<name> [sqlite]" and "<name> [postgres]". */
export function describeDialects(name: string, body: (dialect: DialectName) => void): void {
  for (const dialect of DIALECTS) describe.skipIf(dialect === "postgres" && !PG_TEST_URL)(`${name} [${dialect}]`, () => body(dialect));
}

const schemas: string[] = [];
/** Where a fresh, empty test database is: a SQLite file in a temp directory, or a new PostgreSQL schema. */
export function freshLocation(dialect: DialectName): OpenDatabaseOptions {
  if (dialect === "sqlite") return { path: tempDbPath() };
  if (!PG_TEST_URL) throw new Error("PG_TEST_URL is not set");
  const schema = `t_${randomBytes(6).toString("hex")}`;
  schemas.push(schema);
  return { url: PG_TEST_URL, schema };
}

/** An opener whose stores are closed after each test of the block (or file) that called this. */
export function storesClosedAfterEach(): (location: OpenDatabaseOptions) => Promise<AuditStore> {
  const opened: AuditStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  return async (location) => {
    const store = await openDatabase(location);
    opened.push(store);
    return store;
  };
}

/** A fresh, migrated store of the dialect. The caller closes it. */
export function openFreshStore(dialect: DialectName): Promise<AuditStore> {
  return openDatabase(freshLocation(dialect));
}

export interface RawConnection {
  /** Runs one statement with `?` placeholders, around the repository, as a stray script would. */
  run(statement: string, ...params: unknown[]): Promise<void>;
  rows<T>(statement: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A second connection to the same database, outside Kysely. */
export async function rawConnection(location: OpenDatabaseOptions): Promise<RawConnection> {
  if ("url" in location) {
    const client = new pg.Client({ connectionString: location.url, ...(location.schema ? { options: `-c search_path=${location.schema}` } : {}) });
    await client.connect();
    const numbered = (statement: string) => {
      let n = 0;
      return statement.replace(/\?/g, () => `$${++n}`);
    };
    return {
      run: async (statement, ...params) => void (await client.query(numbered(statement), params)),
      rows: async <T,>(statement: string, ...params: unknown[]) => (await client.query(numbered(statement), params)).rows as T[],
      close: () => client.end(),
    };
  }
  const raw = new Database(location.path);
  return {
    run: async (statement, ...params) => void raw.prepare(statement).run(...params),
    rows: async <T,>(statement: string, ...params: unknown[]) => raw.prepare(statement).all(...params) as T[],
    close: async () => void raw.close(),
  };
}

afterAll(async () => {
  if (!PG_TEST_URL || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    for (const schema of schemas.splice(0)) await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
});

const detailSample = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../fixtures/dts-samples/describe-dts-job-detail.success.json"), "utf8"),
) as Record<string, unknown>;

/** A fresh temp directory per call, removed once the test file is done. */
const tempDirs: string[] = [];
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-test-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A database path inside a fresh temp directory. */
export function tempDbPath(): string {
  return path.join(tempDir(), "audit.sqlite");
}

let counter = 0;
/** A distinct DTS-shaped ID per call, so tests never collide on the unresolved-attempt index. */
export function uniqueInstanceId(): string {
  counter += 1;
  return `dtsinst${String(counter).padStart(8, "0")}`;
}

export function attemptInput(overrides: Partial<NewResetAttempt> = {}): NewResetAttempt {
  const jobId = overrides.jobId ?? "l3m1213ye7l0001";
  const instanceId = overrides.instanceId ?? uniqueInstanceId();
  return {
    idempotencyKey: null,
    jobId,
    instanceId,
    region: "cn-hangzhou",
    jobType: "SYNC",
    taskName: "orders-sync",
    direction: "Forward",
    resetJobId: jobId,
    reason: "Reconfigure the synced tables",
    actor: { username: "operator", role: "operator", address: "127.0.0.1", userAgent: "vitest" },
    snapshotJob: {
      DtsJobId: jobId,
      DtsInstanceID: instanceId,
      DtsJobName: "orders-sync",
      Status: "Synchronizing",
      DtsJobDirection: "Forward",
      DbObject: '{"orders":{"all":true}}',
    },
    snapshotDetail: { ...detailSample, DtsJobId: jobId, DtsInstanceID: instanceId },
    ...overrides,
  };
}

export { parseCsv } from "../support-csv";

/**
 * A fresh store and a raw second connection to the same database before each test, closed after
 * it (the trigger suites: the raw connection writes what the store's functions never would).
 */
export function storeAndRawConnectionPerTest(dialect: DialectName, use: (store: AuditStore, raw: RawConnection) => void): void {
  let opened: { store: AuditStore; raw: RawConnection } | undefined;
  beforeEach(async () => {
    const location = freshLocation(dialect);
    opened = { store: await openDatabase(location), raw: await rawConnection(location) };
    use(opened.store, opened.raw);
  });
  afterEach(async () => {
    await opened?.raw.close();
    await opened?.store.close();
  });
}
