// Hooks of the route suites (Vitest only: reset-route-client.ts is also loaded by child processes
// that run outside Vitest, so it must not import it).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach } from "vitest";
import { SIM_KEY } from "./dts-harness";

/**
 * The lifecycle both route suites share: the simulator back to its seed before each test; after
 * the suite, the simulator stopped, the environment restored and the temporary data removed.
 * `suite` is read when the hooks run (the harness is started in the suite's own beforeAll).
 */
export function routeSuiteLifecycle(suite: () => { harness: { close(): Promise<void>; control(path: string, init: RequestInit): Promise<unknown> }; env: NodeJS.ProcessEnv; dir: string }): void {
  afterAll(async () => {
    const { harness, env, dir } = suite();
    await harness.close();
    process.env = env;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await suite().harness.control("reset", { method: "POST" });
  });
}

/**
 * The environment of a console in simulator mode against this harness's simulator, with its audit
 * store a SQLite file in `dir`, quiet logs, and `extra` on top: what the route suites set before
 * loading the route modules.
 */
export function simulatorConsoleEnv(harness: { url: string }, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AUDIT_DB_PATH: path.join(dir, "audit.sqlite"),
    DTS_MODE: "simulator",
    LOG_LEVEL: "silent",
    DTS_ENDPOINT: harness.url,
    SIMULATOR_ACCESS_KEY_ID: SIM_KEY.accessKeyId,
    SIMULATOR_ACCESS_KEY_SECRET: SIM_KEY.accessKeySecret,
    ...extra,
  };
}
