// One console process for notify-crash.test.ts (not a test file itself): a separate Node process
// that loads the real route handlers, starts the real delivery worker (as instrumentation.ts does
// in the console) against the database of AUDIT_DB_PATH or DATABASE_URL and the simulator of
// DTS_ENDPOINT, prints "ready", then serves JSON-line commands from standard input, answering each
// with one JSON line {"id", "result"} or {"id", "error"}. The test kills it with SIGKILL mid-delivery.
import readline from "node:readline";
import { getStore } from "../../lib/db/connection";
import { startNotificationWorker } from "../../lib/notify/background";
import { callRoute, type RouteHandler } from "./reset-route-client";

export type NotifyRouteName = "signIn" | "reset" | "createChannel" | "deliveries";

export type NotifyChildCommand = { op: "route"; route: NotifyRouteName; path: string; method?: string; cookie?: string; body?: unknown; params?: Record<string, string> };

export interface RouteAnswer {
  status: number;
  setCookie: string | null;
  body: Record<string, unknown> | null;
}

async function main(): Promise<void> {
  const load = async (p: string) => (await import(p)) as Record<string, RouteHandler>;
  const routes: Record<NotifyRouteName, RouteHandler> = {
    signIn: (await load("../../app/api/auth/sign-in/route")).POST!,
    reset: (await load("../../app/api/jobs/[jobId]/reset/route")).POST!,
    createChannel: (await load("../../app/api/admin/notification-channels/route")).POST!,
    deliveries: (await load("../../app/api/admin/notification-deliveries/route")).GET!,
  };
  const store = await getStore(); // opens and migrates before "ready"
  startNotificationWorker();

  async function run(command: NotifyChildCommand): Promise<unknown> {
    const response = await callRoute(routes[command.route], command.path, { method: command.method, cookie: command.cookie, body: command.body }, command.params ?? {});
    const text = await response.text();
    return { status: response.status, setCookie: response.headers.get("set-cookie"), body: text ? (JSON.parse(text) as Record<string, unknown>) : null } satisfies RouteAnswer;
  }

  process.stdout.write("ready\n");
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const { id, command } = JSON.parse(line) as { id: number; command: NotifyChildCommand };
    run(command).then(
      (result) => process.stdout.write(`${JSON.stringify({ id, result })}\n`),
      (error: unknown) => process.stdout.write(`${JSON.stringify({ id, error: String((error as Error)?.stack ?? error) })}\n`),
    );
  }
  await store.close().catch(() => undefined);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? (error.stack ?? error.message) : error));
  process.exit(1);
});
