// One console instance for multi-instance.test.ts (not a test file itself): a separate Node process
// that loads the real route handlers and the real reconciliation against the database of
// DATABASE_URL and the simulator of DTS_ENDPOINT, prints "ready", then serves JSON-line commands
// from standard input, answering each with one JSON line {"id", "result"} or {"id", "error"}.
import readline from "node:readline";
import { getStore } from "../../lib/db/connection";
import { getAccountRegistry } from "../../lib/accounts/registry";
import { createContext } from "../../lib/context";
import { reconcileOnce } from "../../lib/reset/reconcile";
import { callReset, params, type ResetCall, type RouteHandler } from "./reset-route-client";

export type InstanceCommand =
  | { op: "resets"; cookie: string; calls: ResetCall[] }
  | { op: "request"; route: "signIn" | "signOut" | "session" | "health"; cookie?: string; body?: unknown; clientAddress?: string }
  | { op: "reconcile"; now: string; settleMs: number };

const BASE = "http://127.0.0.1:3100";

async function main(): Promise<void> {
  const reset = ((await import("../../app/api/jobs/[jobId]/reset/route")) as unknown as { POST: RouteHandler }).POST;
  const routes: Record<string, { handler: RouteHandler; method: string; path: string }> = {
    signIn: { handler: ((await import("../../app/api/auth/sign-in/route")) as unknown as { POST: RouteHandler }).POST, method: "POST", path: "/api/auth/sign-in" },
    signOut: { handler: ((await import("../../app/api/auth/sign-out/route")) as unknown as { POST: RouteHandler }).POST, method: "POST", path: "/api/auth/sign-out" },
    session: { handler: ((await import("../../app/api/auth/session/route")) as unknown as { GET: RouteHandler }).GET, method: "GET", path: "/api/auth/session" },
    health: { handler: ((await import("../../app/api/health/route")) as unknown as { GET: RouteHandler }).GET, method: "GET", path: "/api/health" },
  };
  const store = await getStore(); // opens the pool and migrates before "ready"
  const accounts = getAccountRegistry();

  async function run(command: InstanceCommand): Promise<unknown> {
    switch (command.op) {
      case "resets":
        return Promise.all(command.calls.map((call) => callReset(reset, command.cookie, call)));
      case "request": {
        const target = routes[command.route]!;
        const headers = new Headers({ "x-forwarded-for": command.clientAddress ?? "198.51.100.7" });
        if (command.cookie) headers.set("cookie", command.cookie);
        if (command.body !== undefined) headers.set("content-type", "application/json");
        const response = await target.handler(
          new Request(`${BASE}${target.path}`, { method: target.method, headers, body: command.body === undefined ? null : JSON.stringify(command.body) }),
          params({}),
        );
        const text = await response.text();
        return { status: response.status, setCookie: response.headers.get("set-cookie"), body: text ? (JSON.parse(text) as unknown) : null };
      }
      case "reconcile":
        return reconcileOnce(createContext({ store, accounts, now: () => new Date(command.now), settings: { settleMs: command.settleMs } }));
    }
  }

  process.stdout.write("ready\n");
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const { id, command } = JSON.parse(line) as { id: number; command: InstanceCommand };
    // Commands run concurrently: a held reset must not stop the next command.
    run(command).then(
      (result) => process.stdout.write(`${JSON.stringify({ id, result })}\n`),
      (error: unknown) => process.stdout.write(`${JSON.stringify({ id, error: String((error as Error)?.stack ?? error) })}\n`),
    );
  }
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? (error.stack ?? error.message) : error));
  process.exit(1);
});
