// One console process for bulk-resets-crash.test.ts (not a test file itself): a separate Node
// process that loads the real route handlers, starts the real bulk worker (as instrumentation.ts
// does in the console) against the database of AUDIT_DB_PATH or DATABASE_URL and the simulator of
// DTS_ENDPOINT, prints "ready", then serves JSON-line commands from standard input, answering each
// with one JSON line {"id", "result"} or {"id", "error"}. The test kills it with SIGKILL mid-bulk.
import readline from "node:readline";
import { getStore } from "../../lib/db/connection";
import { getAccountRegistry } from "../../lib/accounts/registry";
import { createContext } from "../../lib/context";
import { reconcileOnce } from "../../lib/reset/reconcile";
import { activeBulkIds, startBulkWorker } from "../../lib/bulk/background";
import { callRoute, type RouteHandler } from "./reset-route-client";

export type BulkRouteName = "signIn" | "create" | "bulk" | "reset";

export type BulkChildCommand =
  /** One call of a route handler; `params` are the route's dynamic segments. */
  | { op: "route"; route: BulkRouteName; path: string; method?: string; cookie?: string; body?: unknown; params?: Record<string, string> }
  /** The bulks this process's worker has taken up (lib/bulk/background.ts activeBulkIds). */
  | { op: "active" }
  /** One round of reconciliation at an injected time. */
  | { op: "reconcile"; now: string; settleMs: number };

export interface RouteAnswer {
  status: number;
  setCookie: string | null;
  body: Record<string, unknown> | null;
}

async function main(): Promise<void> {
  const load = async (p: string) => (await import(p)) as Record<string, RouteHandler>;
  const routes: Record<BulkRouteName, RouteHandler> = {
    signIn: (await load("../../app/api/auth/sign-in/route")).POST!,
    create: (await load("../../app/api/bulk-resets/route")).POST!,
    bulk: (await load("../../app/api/bulk-resets/[id]/route")).GET!,
    reset: (await load("../../app/api/resets/[id]/route")).GET!,
  };
  const store = await getStore(); // opens and migrates before "ready"
  const accounts = getAccountRegistry();
  // The console's own worker: polls for open bulks every second, takes over ones whose lease ran out.
  startBulkWorker();

  async function run(command: BulkChildCommand): Promise<unknown> {
    switch (command.op) {
      case "route": {
        const response = await callRoute(routes[command.route], command.path, { method: command.method, cookie: command.cookie, body: command.body }, command.params ?? {});
        const text = await response.text();
        return { status: response.status, setCookie: response.headers.get("set-cookie"), body: text ? (JSON.parse(text) as Record<string, unknown>) : null } satisfies RouteAnswer;
      }
      case "active":
        return activeBulkIds();
      case "reconcile":
        return reconcileOnce(createContext({ store, accounts, now: () => new Date(command.now), settings: { settleMs: command.settleMs } }));
    }
  }

  process.stdout.write("ready\n");
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const { id, command } = JSON.parse(line) as { id: number; command: BulkChildCommand };
    // Commands run concurrently: a held call must not stop the next command.
    run(command).then(
      (result) => process.stdout.write(`${JSON.stringify({ id, result })}\n`),
      (error: unknown) => process.stdout.write(`${JSON.stringify({ id, error: String((error as Error)?.stack ?? error) })}\n`),
    );
  }
  // Standard input closed: the test is done with this process (a bulk still open stays for the next one).
  await store.close().catch(() => undefined);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? (error.stack ?? error.message) : error));
  process.exit(1);
});
