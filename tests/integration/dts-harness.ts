// Starts the real simulator on a free port and builds the real signed client against it.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSimulator } from "@/simulator/index";
import type { SimulatorOptions } from "@/simulator/config";
import { buildDtsClient, type DtsClient } from "@/lib/dts";
import { createContext, type ConsoleContext, type ConsoleSettings } from "@/lib/context";
import type { DtsClientConfig, StaticCredentials } from "@/lib/dts/config";
import { openDatabase } from "@/lib/db/open";
import type { AuditStore } from "@/lib/db/store";
import type { ResetRequest } from "@/lib/domain/reset";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";

export const SIM_KEY: StaticCredentials = {
  accessKeyId: "it-access-key-id",
  accessKeySecret: "it-access-key-secret-abcdefghijkl",
};
export const STS_KEY: StaticCredentials = {
  accessKeyId: "STS.it-temporary-key",
  accessKeySecret: "it-sts-secret-0123456789abcdef",
  securityToken: "it-security-token-CAISzAJ1q6Ft5B2yfSjIr5",
};

export interface Harness {
  url: string;
  close(): Promise<void>;
  client(overrides?: Partial<DtsClientConfig>): ReturnType<typeof buildDtsClient>;
  /** The backoff sleeps the client asked for (kept short so tests stay fast). */
  sleeps: number[];
  calls(action?: string): Promise<CallEntry[]>;
  fault(spec: Record<string, unknown>): Promise<void>;
  control(path: string, init?: RequestInit): Promise<Response>;
}

export interface CallEntry {
  seq: number;
  action: string | null;
  params: Record<string, string>;
  scheme: "V1" | "V3" | null;
  accessKeyId: string | null;
  /** The account the key belongs to (an STS key: its role's), null for an unknown key. */
  account: string | null;
  securityToken: boolean;
  at: string;
  verdict: "ok" | "rejected" | "fault";
  code: string | null;
  httpStatus: number | null;
  fault: string | null;
}

export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const simulator = await startSimulator({
    accessKeys: [
      { accessKeyId: SIM_KEY.accessKeyId, accessKeySecret: SIM_KEY.accessKeySecret },
      { ...STS_KEY, securityToken: STS_KEY.securityToken, expiresAt: Date.now() + 3_600_000 },
    ],
    ...options,
  });
  const sleeps: number[] = [];
  const control = (path: string, init?: RequestInit) => fetch(`${simulator.url}/__sim/${path}`, init);
  return {
    url: simulator.url,
    close: () => simulator.close(),
    sleeps,
    control,
    client: (overrides = {}) =>
      buildDtsClient(
        {
          endpointOverride: simulator.url,
          signatureVersion: "v3",
          credentials: SIM_KEY,
          connectTimeoutMs: 2_000,
          readTimeoutMs: 2_000,
          retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
          ...overrides,
        },
        { sleep: async (ms) => void sleeps.push(ms) },
      ),
    async calls(action) {
      const response = await control(`calls${action ? `?action=${action}` : ""}`);
      return ((await response.json()) as { calls: CallEntry[] }).calls;
    },
    async fault(spec) {
      const response = await control("faults", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(spec),
      });
      if (!response.ok) throw new Error(`fault rejected: ${response.status} ${await response.text()}`);
    },
  };
}

/**
 * One harness for the whole suite, its simulator reset before each test. The returned object stands
 * for the harness started in beforeAll (it forwards to it), so a suite writes `const h = harnessPerSuite()`.
 */
export function harnessPerSuite(options: SimulatorOptions = {}, eachTest: (h: Harness) => void = () => {}): Harness {
  let started: Harness | undefined;
  const current = (): Harness => {
    if (!started) throw new Error("the harness starts in beforeAll");
    return started;
  };
  beforeAll(async () => {
    started = await startHarness(options);
  });
  afterAll(() => started?.close());
  beforeEach(async () => {
    await current().control("reset", { method: "POST" });
    eachTest(current());
  });
  return new Proxy({} as Harness, { get: (_, key) => Reflect.get(current(), key) });
}

/** Who the service-level suites act as. */
export const TEST_ACTOR = { username: "alice", role: "operator", address: "127.0.0.1", userAgent: "vitest" };

/** A forward reset of the one-way seed task, as the reset dialog sends it; overrides change it. */
export function oneWayResetRequest(overrides: Partial<ResetRequest> = {}): ResetRequest {
  const { oneWayRunning } = SEED_FIXTURES;
  return {
    region: oneWayRunning.region,
    instanceId: oneWayRunning.instanceId,
    direction: "Forward",
    confirmation: oneWayRunning.jobId,
    reason: "Stuck after DDL on orders.order_item",
    ...overrides,
  };
}

export interface TempAuditStore {
  dir: string;
  dbFile: string;
  store: AuditStore;
}

/** A fresh SQLite audit store in its own temporary folder; give it back with closeTempAuditStore. */
export async function openTempAuditStore(prefix: string): Promise<TempAuditStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dbFile = path.join(dir, "audit.sqlite");
  return { dir, dbFile, store: await openDatabase({ path: dbFile }) };
}

export async function closeTempAuditStore({ dir, store }: Pick<TempAuditStore, "dir" | "store">): Promise<void> {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A fresh audit store for each test: opened() hands it to the suite's variables; after the test the
 * suite's current store (it may have reopened one) is closed and the folder removed.
 */
export function auditStorePerTest(prefix: string, opened: (temp: TempAuditStore) => void, current: () => AuditStore): void {
  let dir = "";
  beforeEach(async () => {
    const temp = await openTempAuditStore(prefix);
    dir = temp.dir;
    opened(temp);
  });
  afterEach(() => closeTempAuditStore({ dir, store: current() }));
}

/** Awaits a promise that must fail with an error of the given class, and returns that error. */
export async function failureOf<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected a ${type.name}`);
}

/**
 * The console's context over a test's client and store (the `default` account is `client`).
 * `settleMs` defaults to the production default, 5 minutes, as the reconcilers' callers had it.
 */
export function ctxOf(parts: { client: DtsClient; store: AuditStore; now?: () => Date; settleMs?: number; settings?: Partial<ConsoleSettings> }): ConsoleContext {
  return createContext({
    client: parts.client,
    store: parts.store,
    now: parts.now,
    settings: { ...parts.settings, ...(parts.settleMs === undefined ? {} : { settleMs: parts.settleMs }) },
  });
}
