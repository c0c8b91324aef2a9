// `npm run bench`: builds the production app into .next-bench with the benchmark's floor route
// (BENCH_FLOOR=1), starts the DTS simulator and `next start` on free loopback ports, measures every
// goal of issue 26 as a ratio to its floor in the same run (the floor route, a bare build, the
// baseline page, SQLite for PostgreSQL), writes the report to bench/results/ and shuts everything down.
//
//   npm run bench                  full run (about 10 minutes on 2 cores, build included)
//   npm run bench -- --quick       short durations and few repetitions, for development
//   npm run bench -- --no-build    reuse an existing .next-bench build (one with the floor route)
import { measureBrowser } from "./lib/browser";
import { checkBudget, readBudget } from "./lib/budget";
import { weighPages } from "./lib/bundle-weight";
import { createDirectCaller } from "./lib/dts-direct";
import { measureLoad } from "./lib/load";
import { measurePageRender } from "./lib/page-render";
import { measurePostgres } from "./lib/postgres-http";
import { cpuShareMeter, loadAverage, machineInfo } from "./lib/machine";
import { measureOverhead } from "./lib/overhead";
import { measureQuota } from "./lib/quota";
import { profileServer } from "./lib/profile";
import { goalsOf, writeReport, type Report } from "./lib/report";
import { measureScale } from "./lib/scale";
import { startSimulator } from "../simulator/index";
import { BENCH_DIST_DIR, buildApp, LOOPBACK, DEPLOYED_DTS_ENV, hasBuild, hasFloorRoute, startStack, type Stack } from "./lib/server";
import { establishSession } from "./lib/session";
import { BENCH_SEED_TASKS, REGION, WEIGHED_PAGES } from "./lib/targets";

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => a !== "--quick" && a !== "--no-build");
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(", ")}. Usage: npm run bench [-- --quick] [--no-build]`);
  process.exit(2);
}
const quick = args.has("--quick");
/** The throwaway PostgreSQL cluster's directory (scripts/pg-test-cluster.sh); BENCH_PG_DIR moves it. */
const PG_CLUSTER_DIR = process.env.BENCH_PG_DIR || "/tmp/dts-bench-pg";

/** Sizes of each measurement, quick or full. The full run fits in ~10 minutes on the project's 2-core machines. */
function plan(quickRun: boolean) {
  const size = (ifQuick: number, ifFull: number) => (quickRun ? ifQuick : ifFull);
  return {
    overhead: {
      rounds: size(2, 5),
      levels: [
        { concurrency: 1, requests: size(60, 300) },
        { concurrency: 16, requests: size(320, 1000) },
      ],
    },
    load: { connections: 50, durationS: size(5, 15), runs: size(2, 3) },
    quota: { connections: 50, durationS: 10 },
    browserRuns: size(3, 10),
    pageRender: { rounds: size(2, 4), requests: size(10, 20) },
    scale: { tasks: 10_000, repetitions: size(3, 15) },
    profile: { connections: 16, durationS: size(5, 15) },
    postgres: { connections: 16, listDurationS: size(3, 8), workers: 8, resetsPerRound: size(40, 80), rounds: size(2, 3) },
  };
}
const PLAN = plan(quick);

async function main(): Promise<void> {
  const started = Date.now();
  const machine = machineInfo();
  const loadStart = loadAverage();
  console.log(`bench: ${quick ? "quick" : "full"} run on ${machine.cpuModel} × ${machine.cpuCount}, load ${loadStart.join(" / ")}`);

  let buildSeconds: number | null = null;
  // A build without the floor route (the budget check's) cannot be reused: the floors need it.
  if (args.has("--no-build") && hasBuild() && hasFloorRoute()) {
    console.log(`build: reusing ${BENCH_DIST_DIR}`);
  } else {
    console.log(`build: next build into ${BENCH_DIST_DIR} …`);
    buildSeconds = await buildApp();
    console.log(`build: done in ${buildSeconds.toFixed(0)} s`);
  }

  // Who uses the CPU from here to the end: the benchmark, or others sharing the machine.
  const cpuMeter = cpuShareMeter();
  // startStack's children are killed on Ctrl-C or any exit (bench/lib/server.ts).
  // Enough tasks for every connection of a load to ask for a page of its own (bench/lib/targets.ts).
  const seed = { seed: { scale: BENCH_SEED_TASKS, scaleRegion: REGION } };
  const stack: Stack = await startStack({ simulator: seed });
  console.log(`stack: console ${stack.baseUrl} (next-server pid ${stack.serverPid}), simulator ${stack.simulator.url}`);

  let measured: Omit<Report, "goals" | "loadAverage" | "durationS" | "cpu">;
  try {
    const session = await establishSession(stack.baseUrl);
    console.log(`session: ${session.description}`);
    const direct = createDirectCaller(stack.simulator.url);

    // DTS's rate limits are off while both sides call it as fast as they can: the floor has no
    // read gate to pace it, and the console's pacing is off too (BENCH_DTS_ENV).
    console.log("1/6 server overhead: the console against the floor route, same server");
    stack.simulator.control.updateConfig({ rateLimit: false });
    const overhead = await measureOverhead({ ...stack, headers: session.headers, ...PLAN.overhead });

    // Two fresh servers of the same build, the same history from their start: a server's RSS is
    // the high-water mark of all it has served (V8 and malloc keep what they grew to), so the
    // server of the measurement above, with its rounds behind it, would not be compared alike.
    console.log("2/6 load and memory: a fresh console against a fresh bare next start of the same build");
    const fresh = await startStack({ simulator: { ...seed, rateLimit: false } });
    const bare = await startStack({ simulator: { ...seed, rateLimit: false } });
    let load;
    try {
      const freshSession = await establishSession(fresh.baseUrl);
      console.log(`  console: ${fresh.baseUrl} (next-server pid ${fresh.serverPid}); bare build: ${bare.baseUrl} (next-server pid ${bare.serverPid})`);
      load = await measureLoad({ console: { ...fresh, headers: freshSession.headers }, bare: { ...bare, headers: freshSession.headers }, ...PLAN.load });
    } finally {
      await bare.stop();
      await fresh.stop();
    }
    // Back to the default seed, with DTS's limits on, for what an operator sees: the seeded task
    // the dialog measurement opens is on page 1 of the default seed, not among the extra tasks.
    stack.simulator.control.reset({ seed: { scale: 0 }, rateLimit: true });
    const loadDtsCalls = load.dtsCallsPerRequest * load.totalResponses;

    console.log("3/6 client weight");
    const pages = await weighPages(stack.baseUrl, WEIGHED_PAGES, session.headers);
    const budget = checkBudget(pages, readBudget());

    console.log("4/6 browser");
    const browser = await measureBrowser({ baseUrl: stack.baseUrl, runs: PLAN.browserRuns, cookies: session.cookies });
    // The server's share of the first row: its CPU per render of each page.
    const pageRender = await measurePageRender({ ...stack, headers: session.headers, ...PLAN.pageRender });

    // Last: it reseeds the simulator with 10,000 tasks, which the other measurements must not see.
    console.log("5/6 scale");
    const scale = await measureScale({
      baseUrl: stack.baseUrl,
      simulator: stack.simulator,
      direct,
      headers: session.headers,
      scale: PLAN.scale.tasks,
      repetitions: PLAN.scale.repetitions,
    });

    measured = {
      loadDtsCallsPerRequest: loadDtsCalls / Math.max(1, load.totalResponses),
      machine,
      quick,
      session: session.description,
      build: { seconds: buildSeconds, distDir: BENCH_DIST_DIR },
      overhead,
      load,
      weight: { compression: "zlib gzip at its default level (6, as Next's own compression)", pages, budget },
      browser,
      pageRender,
      scale,
    };
  } finally {
    await stack.stop();
  }

  // A stack of its own with the read gate as deployed (freshness window and pacing on; the stack
  // above turns them off to measure one DTS call per request), against DTS's enforced limits.
  console.log("quota: 50 readers against the enforced limit");
  const quotaStack = await startStack({ env: DEPLOYED_DTS_ENV });
  try {
    const quotaSession = await establishSession(quotaStack.baseUrl);
    const quota = await measureQuota({ baseUrl: quotaStack.baseUrl, simulator: quotaStack.simulator, headers: quotaSession.headers, ...PLAN.quota });
    measured = { ...measured, quota };
  } finally {
    await quotaStack.stop();
  }

  // PostgreSQL (two instances, one throwaway cluster) against SQLite (one), over HTTP, one simulator.
  console.log("6/6 PostgreSQL against SQLite over HTTP");
  const pgSimulator = await startSimulator({ host: LOOPBACK, port: 0, seed: { scale: BENCH_SEED_TASKS, scaleRegion: REGION }, rateLimit: false });
  try {
    const postgres = await measurePostgres({ simulator: pgSimulator, clusterDir: PG_CLUSTER_DIR, env: {}, ...PLAN.postgres });
    measured = { ...measured, postgres };
  } finally {
    await pgSimulator.close();
  }

  // A stack of its own, started under `node --cpu-prof`: the profile's own overhead stays out of
  // the figures above.
  console.log("profile: next-server under load, node --cpu-prof");
  const profile = await profileServer({ ...PLAN.profile, top: 15 });
  measured = { ...measured, profile };

  const partial = {
    ...measured,
    loadAverage: { start: loadStart, end: loadAverage() },
    cpu: cpuMeter.stop(),
    durationS: (Date.now() - started) / 1000,
  };
  const report: Report = { ...partial, goals: goalsOf(partial) };
  const file = writeReport(report);
  console.log(`\nreport: ${file}${quick ? "" : " (and bench/results/latest.md|json)"}`);
  for (const goal of report.goals) console.log(`  ${goal.met ? "met   " : "MISSED"}  ${goal.name}: ${goal.value} (goal ${goal.goal})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
