// Starts the console. In simulator mode it first starts the DTS simulator on a loopback port and
// points the signed client at it; in live mode it checks that Alibaba Cloud credentials resolve
// before Next.js serves a single page. In both it makes sure someone can sign in: the demo accounts
// in simulator mode, the first admin (CONSOLE_ADMIN_USERNAME / CONSOLE_ADMIN_PASSWORD) in live mode,
// or a refusal to start that says how to create one. With LOG_FILE set, everything the console and
// Next.js print is also appended to that file (the e2e secret scan reads it).
//
//   tsx scripts/serve.ts          production server (run `next build` first)
//   tsx scripts/serve.ts --dev    development server
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_AUDIT_DB_PATH, openAuditStore } from "../lib/audit/db";
import { prepareAccounts } from "../lib/auth/bootstrap";
import { sessionPolicyFromEnv } from "../lib/auth/sessions";
import { getAppMode, type AppMode } from "../lib/config/mode";
import { checkLiveCredentials } from "./live-credentials";

const dev = process.argv.includes("--dev");
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";

async function startEmbeddedSimulator(): Promise<{ url: string; close(): Promise<void> } | null> {
  if (process.env.DTS_ENDPOINT) return null; // a simulator (or proxy) is already running
  const { startSimulator } = await import("../simulator/index");
  const simulator = await startSimulator({ port: Number(process.env.SIMULATOR_PORT || 0) });
  process.env.DTS_ENDPOINT = simulator.url;
  console.log(`DTS simulator listening on ${simulator.url}`);
  return simulator;
}

/** Returns why nobody could sign in, or null when someone can (creating accounts as needed). */
async function checkAccounts(mode: AppMode): Promise<string | null> {
  try {
    sessionPolicyFromEnv();
  } catch (error) {
    return (error as Error).message;
  }
  const store = await openAuditStore({ path: process.env.AUDIT_DB_PATH || DEFAULT_AUDIT_DB_PATH });
  try {
    const readiness = await prepareAccounts(store, mode);
    if (!readiness.ready) return readiness.problem;
    for (const note of readiness.notes) console.log(note);
    return null;
  } finally {
    await store.close();
  }
}

/**
 * With LOG_FILE set, a copy of everything this process and Next.js write (JSON log lines, Next.js's
 * own messages, the embedded simulator's) is appended to that file.
 */
function teeOutputTo(logFile: string | undefined): void {
  if (!logFile) return;
  fs.mkdirSync(path.dirname(path.resolve(logFile)), { recursive: true });
  const log = fs.createWriteStream(logFile, { flags: "a", mode: 0o600 });
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: string | Uint8Array) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      log.write(chunk);
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  }
}

function startNext(): ChildProcess {
  const nextBin = path.join(process.cwd(), "node_modules", ".bin", "next");
  const args = [dev ? "dev" : "start", "-H", host, "-p", port];
  if (!process.env.LOG_FILE) return spawn(nextBin, args, { stdio: "inherit", env: process.env });
  // Piped through this process so that teeOutputTo sees it.
  const child = spawn(nextBin, args, { stdio: ["inherit", "pipe", "pipe"], env: process.env });
  child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(chunk));
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}

async function main() {
  teeOutputTo(process.env.LOG_FILE);
  let mode;
  try {
    mode = getAppMode();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  process.env.DTS_MODE = mode;
  const accountsProblem = await checkAccounts(mode);
  if (accountsProblem) {
    console.error(`Refusing to start in ${mode} mode: ${accountsProblem}`);
    process.exit(2);
  }
  const simulator = mode === "simulator" ? await startEmbeddedSimulator() : null;
  if (mode === "live") {
    const problem = await checkLiveCredentials();
    if (problem) {
      console.error(`Refusing to start in live mode: ${problem}`);
      process.exit(2);
    }
  }
  console.log(`DTS Reset Console (${mode} mode) on http://${host}:${port}`);
  const next = startNext();

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (next.exitCode === null) next.kill("SIGTERM");
    await simulator?.close();
    process.exit(code);
  };
  next.on("exit", (code) => void stop(code ?? 0));
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
}

void main();
