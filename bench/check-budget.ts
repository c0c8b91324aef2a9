// `npm run check:budget`: weighs the JavaScript each page loads (as bench/run.ts does) and exits 1
// when a page is over its limit in bench/budget.json or a required page is missing.
//
//   npm run check:budget                     reuse .next-bench if it holds a build, else build first
//   npm run check:budget -- --build          always build first
//   npm run check:budget -- --dist-dir .next measure an existing build elsewhere (e.g. the one the
//                                            e2e run just made), saving CI a second build
import { budgetPasses, budgetTable, checkBudget, readBudget } from "./lib/budget";
import { weighPages } from "./lib/bundle-weight";
import { BENCH_DIST_DIR, buildApp, hasBuild, hasFloorRoute, startStack } from "./lib/server";
import { establishSession } from "./lib/session";
import { WEIGHED_PAGES } from "./lib/targets";

function distDirArgument(argv: string[]): string {
  const index = argv.indexOf("--dist-dir");
  if (index < 0) return BENCH_DIST_DIR;
  const value = argv[index + 1];
  if (!value || value.startsWith("--")) throw new Error("--dist-dir needs a directory, e.g. --dist-dir .next");
  return value;
}

async function main(): Promise<number> {
  const budget = readBudget();
  const argv = process.argv.slice(2);
  const distDir = distDirArgument(argv);
  if (argv.includes("--build") || !hasBuild(distDir)) {
    console.log(`check:budget: next build into ${distDir} …`);
    // Built as production is: without the benchmark's floor route (buildApp checks it is absent).
    const seconds = await buildApp(distDir, { floor: false });
    console.log(`check:budget: built in ${seconds.toFixed(0)} s`);
  } else {
    console.log(`check:budget: reusing the build in ${distDir} (--build to rebuild)`);
  }
  // Any build but the benchmark's own stands for a production one: the floor route must not be in it.
  if (distDir !== BENCH_DIST_DIR && hasFloorRoute(distDir)) {
    console.error(`check:budget: the build in ${distDir} contains the benchmark's floor route (built with BENCH_FLOOR=1): not a production build`);
    return 1;
  }
  const stack = await startStack({ distDir });
  try {
    const session = await establishSession(stack.baseUrl);
    const weights = await weighPages(stack.baseUrl, WEIGHED_PAGES, session.headers);
    const lines = checkBudget(weights, budget);
    console.log(`\nJavaScript per page, gzip (zlib default level), ${session.description}\n`);
    console.log(budgetTable(lines));
    // Where an over-budget page's weight is: its largest scripts.
    for (const line of lines.filter((l) => l.verdict === "over")) {
      const scripts = [...(weights.find((w) => w.route === line.route)?.scripts ?? [])].sort((a, b) => b.gzipBytes - a.gzipBytes);
      console.log(`\n${line.route}: largest scripts (gzip KiB)`);
      for (const script of scripts.slice(0, 5)) console.log(`  ${(script.gzipBytes / 1024).toFixed(1).padStart(6)}  ${script.src}`);
    }
    const passes = budgetPasses(lines);
    for (const line of lines.filter((l) => l.missingRequired)) console.error(`\n${line.route} is required but ${line.note ?? "was not measured"}`);
    console.log(passes ? "\ncheck:budget: every page is within its budget" : "\ncheck:budget: FAILED");
    return passes ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
