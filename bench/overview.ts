// `npm run bench:overview`: the fleet overview (lib/overview) of 3 accounts × 29 regions against
// the simulator with DTS's documented read limits on (20 DescribeDtsJobs/s per account and region),
// cold and then cached (within DTS_READ_FRESHNESS_MS), through the console's own registry: the
// official SDK, real signatures, STS AssumeRole for the two role accounts. It prints the time,
// the calls each overview cost, the busiest second of any account and region, and whether DTS
// throttled anything; and writes bench/results/overview-latest.json.
import fs from "node:fs";
import path from "node:path";
import { parseConfig } from "../lib/config/env";
import { registryFromConfig } from "../lib/accounts/registry";
import { fleetOverview } from "../lib/overview/fleet-overview";
import { startSimulator } from "../simulator/index";
import { DEMO_FLEET, demoFleetOptions } from "../simulator/fleet";

const STAGING_ROLE = "acs:ram::2345678901234567:role/dts-console-operator";

async function main() {
  const options = demoFleetOptions();
  options.accountSeeds = { ...options.accountSeeds, staging: { account: "staging" } };
  options.roles = [...(options.roles ?? []), { arn: STAGING_ROLE, account: "staging" }];
  const sim = await startSimulator({ ...options, log: false });
  try {
    const config = parseConfig({
      DTS_MODE: "simulator",
      DTS_ENDPOINT: sim.url,
      LOG_LEVEL: "silent",
      DTS_READ_FRESHNESS_MS: "30000",
      DTS_ACCOUNTS: JSON.stringify([
        { id: "main", name: "Main" },
        { id: "prod", name: "Production", roleArn: DEMO_FLEET.prod.roleArn, externalId: DEMO_FLEET.prod.externalId },
        { id: "staging", name: "Staging", roleArn: STAGING_ROLE },
      ]),
    });
    const registry = registryFromConfig(config);
    const run = async (label: string) => {
      const before = sim.control.calls().length;
      const started = performance.now();
      const overview = await fleetOverview(registry, "sync");
      const ms = performance.now() - started;
      const calls = sim.control.calls().slice(before);
      const reads = calls.filter((c) => c.action === "DescribeDtsJobs");
      const perSecond = new Map<string, number>();
      for (const c of reads) {
        const key = `${c.account}|${c.params.Region}|${c.at.slice(0, 19)}`;
        perSecond.set(key, (perSecond.get(key) ?? 0) + 1);
      }
      const figures = {
        label,
        ms: Math.round(ms),
        describeDtsJobs: reads.length,
        assumeRole: calls.filter((c) => c.action === "AssumeRole").length,
        throttled: reads.filter((c) => c.code === "Throttling.User" || c.verdict !== "ok").length,
        busiestSecondPerAccountRegion: perSecond.size ? Math.max(...perSecond.values()) : 0,
        regionsWithTasks: overview.accounts.map((a) => `${a.id}:${a.regions.length}`).join(" "),
        tasks: overview.accounts.reduce((n, a) => n + a.regions.reduce((m, r) => m + r.total, 0), 0),
        errors: overview.accounts.flatMap((a) => [a.error, ...a.regions.map((r) => r.error)]).filter(Boolean).length,
      };
      console.log(
        `${label}: ${figures.ms} ms, ${figures.describeDtsJobs} DescribeDtsJobs + ${figures.assumeRole} AssumeRole, busiest second per account and region ${figures.busiestSecondPerAccountRegion} (limit 20), throttled ${figures.throttled}, ${figures.tasks} tasks (${figures.regionsWithTasks} regions), errors ${figures.errors}`,
      );
      return figures;
    };
    const cold = await run("cold");
    const cached = await run("cached");
    const report = { date: new Date().toISOString(), accounts: 3, regions: 29, limitPerSecond: 20, cold, cached };
    const out = path.join("bench", "results", "overview-latest.json");
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`written ${out}`);
    if (cold.throttled || cold.busiestSecondPerAccountRegion > 20 || cold.errors) process.exitCode = 1;
  } finally {
    await sim.close();
  }
}

void main();
