// Run by reset-contention.test.ts in a separate Node process (not a test file itself): load the
// real reset route handler against the shared SQLite file and simulator (from the environment),
// say "ready", wait for "go" on standard input, fire every call at once, say when they started
// ({"startedAt"}), then print {"finishedAt", "answers"} as JSON.
import readline from "node:readline";
import { getStore } from "../../lib/db/connection";
import { getAccountRegistry } from "../../lib/accounts/registry";
import { callReset, type ResetCall, type RouteHandler } from "./reset-route-client";

async function main(): Promise<void> {
  const [cookie, callsJson] = process.argv.slice(2);
  if (!cookie || !callsJson) throw new Error("usage: reset-contention-child <cookie> <calls-json>");
  const calls = JSON.parse(callsJson) as ResetCall[];
  const { POST } = (await import("../../app/api/jobs/[jobId]/reset/route")) as unknown as { POST: RouteHandler };
  // Open the store and build the client now, so that "go" finds every request ready to race.
  const store = await getStore();
  getAccountRegistry();

  const lines = readline.createInterface({ input: process.stdin });
  process.stdout.write("ready\n");
  for await (const line of lines) {
    if (line.trim() === "go") break;
  }
  lines.close();
  const pending = Promise.all(calls.map((call) => callReset(POST, cookie, call)));
  process.stdout.write(`${JSON.stringify({ startedAt: Date.now() })}\n`);
  const answers = await pending;
  process.stdout.write(`${JSON.stringify({ finishedAt: Date.now(), answers })}\n`);
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? (error.stack ?? error.message) : error));
  process.exit(1);
});
