// Lifecycle of what the benchmarks measure: a production build in its own dist dir, the DTS
// simulator (in this process, its own port) and `next start` (a child process group), all on
// free loopback ports, and a shutdown that leaves nothing behind.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "../../simulator/index";

export const LOOPBACK = "127.0.0.1";
/** A separate dist dir, so a benchmark build never replaces the files a dev server is using. */
export const BENCH_DIST_DIR = ".next-bench";

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules", ".bin", "next");
/** The script behind NEXT_BIN, for starting it under `node <options>`. */
const NEXT_SCRIPT = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function hasBuild(distDir = BENCH_DIST_DIR): boolean {
  return fs.existsSync(path.join(ROOT, distDir, "BUILD_ID"));
}

/** Files `next build` may rewrite for its dist dir; other engineers' dev servers rely on them. */
const FILES_NEXT_REWRITES = ["next-env.d.ts", "tsconfig.json"];

/** The floor route (app/api/jobs/bench-floor/route.bench.ts), in the benchmark's build only. */
export const FLOOR_PATH_PREFIX = "/api/jobs/bench-floor";
const FLOOR_ROUTE_KEY = "/api/jobs/bench-floor/route";

/**
 * Whether a build holds the benchmark's floor route: Next's app-paths manifest lists every route
 * the build compiled. A production build (no BENCH_FLOOR) must never; the benchmark's always.
 */
export function hasFloorRoute(distDir = BENCH_DIST_DIR): boolean {
  const manifest = path.join(ROOT, distDir, "server", "app-paths-manifest.json");
  if (!fs.existsSync(manifest)) throw new Error(`${manifest} is missing: is ${distDir} a finished build?`);
  return Object.hasOwn(JSON.parse(fs.readFileSync(manifest, "utf8")) as object, FLOOR_ROUTE_KEY);
}

export interface BuildOptions {
  /**
   * Compile the floor route (BENCH_FLOOR=1, next.config.js). On for the benchmark's own build; off
   * for the budget check's, which stands for the production build.
   */
  floor: boolean;
}

/**
 * `next build` into the bench dist dir. Next rewrites next-env.d.ts (and tsconfig.json when its
 * include list lacks the dist dir's types) to point at the dist dir it built; those rewrites are
 * undone afterwards so a dev server beside us keeps its own type references. Returns the build's
 * wall-clock time in seconds.
 */
export async function buildApp(distDir = BENCH_DIST_DIR, options: BuildOptions = { floor: true }): Promise<number> {
  const saved = new Map(FILES_NEXT_REWRITES.map((f) => [f, readIfExists(path.join(ROOT, f))]));
  const started = Date.now();
  const log: string[] = [];
  try {
    const child = spawn(NEXT_BIN, ["build"], {
      cwd: ROOT,
      env: { ...withoutFloorFlag(process.env), NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1", ...(options.floor ? { BENCH_FLOOR: "1" } : {}) },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    track(child);
    const keep = (chunk: Buffer) => log.push(chunk.toString());
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const code = await exitOf(child, 600_000);
    if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${log.join("").slice(-4000)}`);
    if (hasFloorRoute(distDir) !== options.floor) {
      throw new Error(`the build in ${distDir} ${options.floor ? "lacks" : "contains"} the floor route ${FLOOR_ROUTE_KEY} (BENCH_FLOOR ${options.floor ? "on" : "off"})`);
    }
  } finally {
    // Put back only what Next pointed at our dist dir: a change that does not mention it was made
    // by someone else during the build and stays.
    const mentions = (text: string | null) => (text ?? "").split(distDir).length - 1;
    for (const [file, content] of saved) {
      const full = path.join(ROOT, file);
      const now = readIfExists(full);
      if (content !== null && now !== content && mentions(now) > mentions(content)) fs.writeFileSync(full, content);
    }
  }
  return (Date.now() - started) / 1000;
}

function withoutFloorFlag(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest.BENCH_FLOOR;
  return rest;
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** Resolves with the exit code; kills the child's process group when it outlives `timeoutMs`. */
function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/**
 * Children run detached (their own process group, so a stop reaches everything Next forks), which
 * also means Ctrl-C in the terminal does not reach them. Whatever is still running when this
 * process is interrupted or exits is killed here, so no next-server outlives a benchmark.
 */
const running = new Set<ChildProcess>();
/** Temporary data directories (the audit database) to remove however the process ends. */
const tempDirs = new Set<string>();
let cleanupInstalled = false;

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const killAll = () => {
    for (const c of running) killGroup(c, "SIGKILL");
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

function track(child: ChildProcess): void {
  running.add(child);
  child.once("exit", () => running.delete(child));
  installCleanup();
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Negative pid: the whole group, which includes the next-server process Next may fork.
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * The console's DTS read gate (lib/dts/quota.ts) reuses a list for DTS_READ_FRESHNESS_MS and paces
 * calls to DTS's quota (20 DescribeDtsJobs per second). The benchmarks measure the console against
 * a direct signed call, so both are off by default: every console request makes its own DTS call
 * (no cached answer flatters the overhead; the scale check's "one call per request" holds) and no
 * request waits for a token. Identical requests in flight at the same moment are still made once
 * (coalescing); the report counts the DTS calls per request to show how often. A measurement that
 * wants the gate as deployed passes its own env.
 */
export const BENCH_DTS_ENV: Record<string, string> = {
  DTS_READ_FRESHNESS_MS: "0",
  DTS_LIST_CALLS_PER_SECOND: "1000000",
  DTS_DETAIL_CALLS_PER_SECOND: "1000000",
};

/** The read gate's settings as a deployment has them (lib/config/env.ts defaults). */
export const DEPLOYED_DTS_ENV: Record<string, string> = {
  DTS_READ_FRESHNESS_MS: "2000",
  DTS_LIST_CALLS_PER_SECOND: "20",
  DTS_DETAIL_CALLS_PER_SECOND: "40",
};

export interface Stack {
  baseUrl: string;
  simulator: RunningSimulator;
  /** Pid of the process that serves requests (next-server), for memory readings. */
  serverPid: number;
  /** The last lines Next printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StackOptions {
  distDir?: string;
  simulator?: SimulatorOptions;
  /** A simulator already running to use instead of starting one (several consoles, one DTS); left running at stop(). */
  sharedSimulator?: RunningSimulator;
  /** Extra environment for `next start`. */
  env?: Record<string, string>;
  /** Node.js options for the server process (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
}

/** Starts the simulator and `next start` on free loopback ports; waits until /api/health answers. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const distDir = options.distDir ?? BENCH_DIST_DIR;
  if (!hasBuild(distDir)) throw new Error(`No production build in ${distDir}: run the build first.`);
  const shared = options.sharedSimulator;
  const simulator = shared ?? (await startSimulator({ host: LOOPBACK, port: 0, ...options.simulator }));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dts-bench-"));
  tempDirs.add(dataDir);
  const port = await freePort();
  const lines: string[] = [];
  const nextArgs = ["start", "-H", LOOPBACK, "-p", String(port)];
  const [command, args] = options.nodeArgs?.length
    ? [process.execPath, [...options.nodeArgs, NEXT_SCRIPT, ...nextArgs]]
    : [NEXT_BIN, nextArgs];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      DTS_MODE: "simulator",
      DTS_ENDPOINT: simulator.url,
      AUDIT_DB_PATH: path.join(dataDir, "audit.sqlite"),
      LOG_LEVEL: "warn",
      ...BENCH_DTS_ENV,
      HOST: LOOPBACK,
      PORT: String(port),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stop() can signal next and everything it forked at once.
    detached: true,
  });
  track(child);
  const keep = (chunk: Buffer) => {
    lines.push(chunk.toString());
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup(child, "SIGTERM");
    const exited = await Promise.race([exitOf(child, 10_000).then(() => true), sleep(5_000).then(() => false)]);
    if (!exited) killGroup(child, "SIGKILL");
    if (!shared) await simulator.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    tempDirs.delete(dataDir);
  };

  const baseUrl = `http://${LOOPBACK}:${port}`;
  try {
    await waitForHealth(baseUrl, child, 90_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- next output ---\n${lines.join("").slice(-4000)}`);
  }
  return {
    baseUrl,
    simulator,
    serverPid: findServerPid(child.pid as number),
    output: () => lines.join(""),
    stop,
  };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`next start did not answer /api/health within ${timeoutMs / 1000} s`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Children of every process, from /proc (Linux only, which is what the benchmark runs on). */
function childrenByParent(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may contain spaces and parentheses; the fields after the last ")" don't.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  return map;
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/**
 * The process that serves requests: Next sets its title to "next-server (vX)"; depending on the
 * version that is the spawned `next` itself or a child of it. Falls back to the spawned pid.
 */
export function findServerPid(rootPid: number): number {
  const children = childrenByParent();
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    if (commandOf(pid).startsWith("next-server")) return pid;
    queue.push(...(children.get(pid) ?? []));
  }
  return rootPid;
}

/** Resident set size in MiB from /proc/<pid>/status (VmRSS), or NaN if the process is gone. */
export function rssMiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * VmRSS's parts in MiB: anonymous memory (V8's heap, malloc: what the process allocated) and
 * file-backed (mapped code: node, native modules), from /proc/<pid>/status; NaN if the process is gone.
 */
export function rssPartsMiB(pid: number): { anon: number; file: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1] ?? Number.NaN) / 1024;
    return { anon: field("RssAnon"), file: field("RssFile") + (field("RssShmem") || 0) };
  } catch {
    return { anon: Number.NaN, file: Number.NaN };
  }
}

/** Kernel clock ticks per second, the unit of utime/stime in /proc/<pid>/stat. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system) a process has used so far, in ms. Differences of two readings give the
 * CPU a process spent on a stretch of work: less sensitive than latency to other load on the
 * machine, which steals wall-clock time but not CPU time. NaN if the process is gone.
 */
export function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
