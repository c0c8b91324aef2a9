// `npx tsx bench/profile.ts [--connections 16] [--seconds 15] [--keep path.cpuprofile] [--floor | --path P]`:
// a CPU profile of next-server under the list's load (bench/lib/profile.ts), printed as its top
// entries; --floor loads the floor route instead, to set the two profiles side by side; --path
// another address with a query (the page /jobs?region=cn-hangzhou&type=sync: its server render).
// Reuses the .next-bench build (run `npm run bench` or `npm run bench -- --quick` first).
import { profileServer } from "./lib/profile";
import { FLOOR_PATH } from "./lib/targets";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

async function main() {
  const figures = await profileServer({
    connections: Number(option("connections", "16")),
    durationS: Number(option("seconds", "15")),
    keepAs: process.argv.includes("--keep") ? option("keep", "") || undefined : undefined,
    top: Number(option("top", "25")),
    ...(process.argv.includes("--floor") ? { path: FLOOR_PATH } : process.argv.includes("--path") ? { path: option("path", "") } : {}),
  });
  console.log(
    `${figures.requests} requests at ${figures.connections} connections in ${figures.durationS} s ` +
      `(${figures.run.throughput.toFixed(0)} req/s, p50 ${figures.run.p50.toFixed(2)} ms); ` +
      `next-server busy ${figures.busyMsPerRequest.toFixed(3)} ms/request; sample interval ${figures.sampleIntervalUs.toFixed(0)} µs`,
  );
  console.log("\nby source (self time):");
  for (const e of figures.topSources) console.log(`  ${e.percent.toFixed(1).padStart(5)}%  ${e.msPerRequest.toFixed(3)} ms/req  ${e.name}`);
  console.log("\nby function (self time):");
  for (const e of figures.topFunctions) console.log(`  ${e.percent.toFixed(1).padStart(5)}%  ${e.msPerRequest.toFixed(3)} ms/req  ${e.name}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
