// Where next-server spends its CPU on `GET /api/jobs`: a V8 CPU profile of the server process
// (`node --cpu-prof`, through NODE_OPTIONS) taken on a stack of its own while autocannon holds a
// fixed number of connections on the list's API. Only the samples taken inside the load window
// count (start-up and shutdown are left out): V8 stamps samples with the monotonic clock, the
// same clock as process.hrtime here, so the window is cut on it exactly.
//
// The result is two lists of self time (the time a function itself was on the CPU, not its
// callees): by function, and by where the code comes from (Next.js, React, the Alibaba SDK, the
// console's own code, Node's internals, GC), each also per request.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runAutocannon, type LatencyRun } from "./http-measure";
import { establishSession } from "./session";
import { BENCH_DTS_ENV, startStack, type StackOptions } from "./server";
import { BENCH_SEED_TASKS, LIST_PATH, pageForConnection, REGION } from "./targets";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  /** Function name and where it is (file relative to the project, line). */
  name: string;
  selfMs: number;
  /** Share of all samples in the window (idle included). */
  percent: number;
  msPerRequest: number;
}

export interface ProfileFigures {
  connections: number;
  durationS: number;
  requests: number;
  run: LatencyRun;
  /** Milliseconds sampled inside the load window (busy + idle). */
  windowMs: number;
  /** Busy time in the window (everything but "(idle)"), per request. */
  busyMsPerRequest: number;
  sampleIntervalUs: number;
  topFunctions: ProfileEntry[];
  topSources: ProfileEntry[];
  env: Record<string, string>;
  /** Where the raw .cpuprofile was left (open it in Chrome DevTools), or null when removed. */
  file: string | null;
}

export interface ProfileInput {
  connections: number;
  durationS: number;
  /** Environment for the profiled server, e.g. { DTS_READ_FRESHNESS_MS: "0" }. */
  env?: Record<string, string>;
  stack?: StackOptions;
  /** Keep the .cpuprofile at this path. */
  keepAs?: string;
  /** What to load: the console's list (default) or the floor route, to compare the two profiles. */
  path?: string;
  top?: number;
}

const ROOT = process.cwd();

/** The part of a script URL that says where the code comes from. */
export function sourceOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName.startsWith("(")) return functionName; // (garbage collector), (idle), (program)
    return "(native / V8 builtins)";
  }
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
  const file = url.replace(/^file:\/\//, "");
  const nm = file.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = file.slice(nm + "node_modules/".length).split("/");
    const pkg = rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? "?");
    if (pkg === "next") {
      // Next's own server code vs the React it bundles (compiled/react-*).
      const compiled = /dist\/compiled\/([^/]+)/.exec(file)?.[1];
      return compiled ? `next (compiled ${compiled})` : `next (${rest.slice(1, 3).join("/")})`;
    }
    return pkg;
  }
  if (file.includes("/.next")) {
    // The built app: route bundles and server chunks (the console's code and what it bundles).
    return "app bundle (.next/server)";
  }
  return path.relative(ROOT, file) || file;
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || "(anonymous)";
  if (!url) return name;
  const file = url.replace(/^file:\/\//, "");
  const nm = file.lastIndexOf("node_modules/");
  const short = nm >= 0 ? file.slice(nm + "node_modules/".length) : path.relative(ROOT, file);
  return `${name} ${short}:${lineNumber + 1}`;
}

/** Self time by function and by source, for the samples taken between `fromUs` and `toUs` (monotonic µs). */
export function summarizeProfile(profile: CpuProfile, fromUs: number, toUs: number, requests: number, top: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  let windowUs = 0;
  let intervals = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t < fromUs || t > toUs) continue;
    // Each sample stands for the interval up to the next one.
    const next = profile.timeDeltas[i + 1] ?? delta;
    const id = profile.samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + next);
    windowUs += next;
    intervals += 1;
  }
  const functions = new Map<string, number>();
  const sources = new Map<string, number>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    if (node.callFrame.functionName === "(idle)") idleUs += us;
    const name = label(node);
    functions.set(name, (functions.get(name) ?? 0) + us);
    const source = sourceOf(node.callFrame.url, node.callFrame.functionName);
    sources.set(source, (sources.get(source) ?? 0) + us);
  }
  const perRequest = Math.max(1, requests);
  const entries = (map: Map<string, number>): ProfileEntry[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, percent: windowUs ? (us / windowUs) * 100 : 0, msPerRequest: us / 1000 / perRequest }));
  return {
    windowMs: windowUs / 1000,
    busyMsPerRequest: (windowUs - idleUs) / 1000 / perRequest,
    sampleIntervalUs: intervals ? windowUs / intervals : 0,
    topFunctions: entries(functions),
    topSources: entries(sources),
  };
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Starts a profiled stack, loads it, stops it (which writes the profile) and summarizes. */
export async function profileServer(input: ProfileInput): Promise<ProfileFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dts-bench-profile-"));
  const env = { ...BENCH_DTS_ENV, ...input.env };
  const stack = await startStack({
    // Connection i on page i + 1, as the load measurements: every request its own DTS call.
    simulator: { seed: { scale: BENCH_SEED_TASKS, scaleRegion: REGION }, rateLimit: false },
    ...input.stack,
    env: { ...input.stack?.env, ...env },
    // Inherited by a forked next-server (fork passes the parent's execArgv on).
    nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=250"],
  });
  const serverPid = stack.serverPid;
  let run: LatencyRun;
  let fromUs: number;
  let toUs: number;
  try {
    const session = await establishSession(stack.baseUrl);
    const listPath = input.path ?? LIST_PATH;
    const url = `${stack.baseUrl}${listPath}`;
    // Warm-up outside the window: JIT, the route's lazily loaded module.
    const pathForConnection = pageForConnection(listPath);
    await runAutocannon({ url, connections: input.connections, amount: 500, headers: session.headers, pathForConnection });
    fromUs = nowUs();
    run = await runAutocannon({ url, connections: input.connections, durationS: input.durationS, headers: session.headers, pathForConnection });
    toUs = nowUs();
  } finally {
    await stack.stop();
  }
  try {
    const file = fs.readdirSync(dir).find((f) => f.includes(`.${serverPid}.`) && f.endsWith(".cpuprofile"));
    if (!file) throw new Error(`no CPU profile of next-server (pid ${serverPid}) in ${dir}: ${fs.readdirSync(dir).join(", ") || "empty"}`);
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const requests = run.ok + run.non2xx;
    const summary = summarizeProfile(profile, fromUs, toUs, requests, input.top ?? 15);
    let kept: string | null = null;
    if (input.keepAs) {
      fs.mkdirSync(path.dirname(input.keepAs), { recursive: true });
      fs.copyFileSync(path.join(dir, file), input.keepAs);
      kept = path.relative(ROOT, input.keepAs);
    }
    return { connections: input.connections, durationS: input.durationS, requests, run, env, file: kept, ...summary };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
