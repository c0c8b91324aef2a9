// Hooks of the route suites (Vitest only: reset-route-client.ts is also loaded by child processes
// that run outside Vitest, so it must not import it).
import fs from "node:fs";
import { afterAll, beforeEach } from "vitest";

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
