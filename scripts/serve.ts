// Starts the console. It validates the whole configuration first (lib/config/env.ts): a bad
// variable stops the start, naming the variable and what it accepts. It then opens and migrates
// the database (PostgreSQL when DATABASE_URL is set, else the SQLite file): an unreachable server,
// refused credentials or a schema newer than this code stop the start too, before anything listens. In simulator mode it then
// starts the DTS simulator on a loopback port and points the signed client at it; in live mode it
// checks that Alibaba Cloud credentials resolve. In both it makes sure someone can sign in: the demo
// accounts in simulator mode, the first admin (CONSOLE_ADMIN_USERNAME / CONSOLE_ADMIN_PASSWORD) in
// live mode, or a refusal to start that says how to create one. Only then does it serve Next.js,
// from its own HTTP server, which tells the route handlers the connection's peer address
// (lib/security/client-address.ts): Next.js's own server offers them only headers a client can forge.
// With LOG_FILE set, everything the console and Next.js print is also appended to that file (the
// e2e secret scan reads it).
//
//   tsx scripts/serve.ts          production server (run `next build` first)
//   tsx scripts/serve.ts --dev    development server
//   tsx scripts/serve.ts --demo-fleet   the embedded simulator plays two accounts, main and prod (npm run demo)
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { openConfiguredDatabase } from "../lib/db/open";
import { DatabaseUnavailableError, SchemaTooNewError } from "../lib/db/errors";
import { prepareAccounts } from "../lib/auth/bootstrap";
import { stampPeerAddress } from "../lib/security/client-address";
import { ConfigError, parseConfig, resetConfig, type AppMode, type Config } from "../lib/config/env";
import { checkLiveCredentials } from "./live-credentials";

const dev = process.argv.includes("--dev");
/** `npm run demo`: the simulator plays two accounts (simulator/fleet.ts) and the console sees both. */
const demoFleet = process.argv.includes("--demo-fleet");

/** The configuration, or the end of this process with every bad variable named. */
function loadConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Refusing to start. ${error.message}
See the configuration table in README.md.`);
    process.exit(2);
  }
}

async function startEmbeddedSimulator(config: Config): Promise<{ url: string; close(): Promise<void> } | null> {
  if (config.DTS_ENDPOINT) return null; // a simulator (or proxy) is already running
  const { startSimulator } = await import("../simulator/index");
  if (!demoFleet) {
    const simulator = await startSimulator({ port: config.SIMULATOR_PORT });
    process.env.DTS_ENDPOINT = simulator.url;
    console.log(`DTS simulator listening on ${simulator.url}`);
    return simulator;
  }
  // The demo's two accounts: main (the simulator's own key) and prod, reached by AssumeRole on
  // its operator role, each with tasks of its own; DTS_ACCOUNTS names them unless already set.
  const { DEMO_FLEET, demoFleetOptions } = await import("../simulator/fleet");
  const simulator = await startSimulator({ port: config.SIMULATOR_PORT, ...demoFleetOptions() });
  if (!process.env.DTS_ACCOUNTS && !process.env.DTS_ACCOUNTS_FILE) {
    process.env.DTS_ACCOUNTS = JSON.stringify([
      { id: "main", name: "Main (simulator)" },
      { id: "prod", name: "Production (simulator)", roleArn: DEMO_FLEET.prod.roleArn, externalId: DEMO_FLEET.prod.externalId },
    ]);
    console.log("Demo fleet: accounts main and prod (DTS_ACCOUNTS set for them)");
  }
  // For the Next.js server in this process, which reads its configuration on first use.
  process.env.DTS_ENDPOINT = simulator.url;
  console.log(`DTS simulator listening on ${simulator.url}`);
  return simulator;
}

/**
 * Opens (and migrates) the database, or ends this process saying why not: an unreachable server,
 * refused credentials, a missing database, a schema newer than this code, a failed migration.
 */
async function openDatabaseOrExit(config: Config) {
  const where = config.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `SQLite (${config.AUDIT_DB_PATH})`;
  try {
    return await openConfiguredDatabase(config);
  } catch (error) {
    const known = error instanceof DatabaseUnavailableError || error instanceof SchemaTooNewError;
    console.error(`Refusing to start: the database ${where} cannot be used. ${known ? (error as Error).message : `${(error as Error).message}${(error as Error).cause instanceof Error ? ` (${((error as Error).cause as Error).message})` : ""}`}`);
    process.exit(2);
  }
}

/** Returns why nobody could sign in, or null when someone can (creating accounts as needed). */
async function checkAccounts(config: Config, mode: AppMode): Promise<string | null> {
  const store = await openDatabaseOrExit(config);
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

/**
 * Next.js behind this process's own HTTP server (a custom server, in Next.js's words), so that each
 * request carries the socket's peer address before Next.js sees it. Resolves once listening.
 */
async function startNext(config: Config): Promise<{ close(): Promise<void> }> {
  // What `next start` / `next dev` set, and must be set before Next.js and React load.
  Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
  const { default: next } = await import("next");
  const server = http.createServer();
  const app = next({ dev, dir: process.cwd(), hostname: config.HOST, port: config.PORT, httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();
  server.on("request", (request: http.IncomingMessage, response: http.ServerResponse) => {
    stampPeerAddress(request);
    handle(request, response).catch((error: unknown) => {
      console.error(`Request failed: ${(error as Error).message}`);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  return {
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}

async function main() {
  const config = loadConfig();
  teeOutputTo(config.LOG_FILE);
  const mode = config.DTS_MODE;
  process.env.DTS_MODE = mode;
  const accountsProblem = await checkAccounts(config, mode);
  if (accountsProblem) {
    console.error(`Refusing to start in ${mode} mode: ${accountsProblem}`);
    process.exit(2);
  }
  const simulator = mode === "simulator" ? await startEmbeddedSimulator(config) : null;
  if (mode === "live") {
    const problem = await checkLiveCredentials(config);
    if (problem) {
      console.error(`Refusing to start in live mode: ${problem}`);
      process.exit(2);
    }
  }
  resetConfig(); // DTS_MODE and DTS_ENDPOINT may have been filled in above
  let nextServer: { close(): Promise<void> };
  try {
    nextServer = await startNext(config);
  } catch (error) {
    console.error(`Could not start the console on ${config.HOST}:${config.PORT}: ${(error as Error).message}`);
    await simulator?.close();
    process.exit(1);
  }
  console.log(`DTS Reset Console (${mode} mode) on http://${config.HOST}:${config.PORT}`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await nextServer.close().catch(() => undefined);
    await simulator?.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
}

void main();
