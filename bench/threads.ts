// `npx tsx bench/threads.ts [--connections 1] [--amount 3000]`: next-server's CPU per request, by
// thread (/proc/PID/task), for the console's list and the floor route on the same server, in
// alternating rounds: how much of the difference is the main thread (JavaScript) and how much V8's
// helper threads (concurrent and parallel GC) and libuv's pool. Reuses the .next-bench build.
import fs from "node:fs";
import { runAutocannon } from "./lib/http-measure";
import { establishSession } from "./lib/session";
import { startStack } from "./lib/server";
import { BENCH_SEED_TASKS, FLOOR_PATH, LIST_PATH, pageForConnection, REGION } from "./lib/targets";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

const TICK_MS = 1000 / 100; // USER_HZ

/** CPU ms by thread name (threads of one name summed), from /proc. */
function threadCpu(pid: number): Map<string, number> {
  const byName = new Map<string, number>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      const name = tid === String(pid) ? "main" : fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
      byName.set(name, (byName.get(name) ?? 0) + ms);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return byName;
}

async function main() {
  const connections = Number(option("connections", "1"));
  const amount = Number(option("amount", "3000"));
  const rounds = Number(option("rounds", "3"));
  const stack = await startStack({ simulator: { seed: { scale: BENCH_SEED_TASKS, scaleRegion: REGION }, rateLimit: false } });
  try {
    const session = await establishSession(stack.baseUrl);
    const sides = { console: LIST_PATH, floor: FLOOR_PATH } as const;
    const totals: Record<string, Map<string, number>> = { console: new Map(), floor: new Map() };
    const counts: Record<string, number> = { console: 0, floor: 0 };
    for (const path of Object.values(sides)) {
      await runAutocannon({ url: `${stack.baseUrl}${path}`, connections, amount: 500, headers: session.headers, pathForConnection: pageForConnection(path) });
    }
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (["console", "floor"] as const) : (["floor", "console"] as const);
      for (const side of order) {
        const path = sides[side];
        const before = threadCpu(stack.serverPid);
        const run = await runAutocannon({ url: `${stack.baseUrl}${path}`, connections, amount, headers: session.headers, pathForConnection: pageForConnection(path) });
        const after = threadCpu(stack.serverPid);
        for (const [name, ms] of after) totals[side]!.set(name, (totals[side]!.get(name) ?? 0) + ms - (before.get(name) ?? 0));
        counts[side]! += run.ok + run.non2xx;
      }
    }
    const names = [...new Set([...totals.console!.keys(), ...totals.floor!.keys()])].sort();
    console.log(`CPU ms per request by thread, ${connections} connection(s), ${rounds} × ${amount} requests per side`);
    console.log(`${"thread".padEnd(18)} ${"console".padStart(8)} ${"floor".padStart(8)}`);
    let sumC = 0;
    let sumF = 0;
    for (const name of names) {
      const c = (totals.console!.get(name) ?? 0) / counts.console!;
      const f = (totals.floor!.get(name) ?? 0) / counts.floor!;
      sumC += c;
      sumF += f;
      if (c > 0.001 || f > 0.001) console.log(`${name.padEnd(18)} ${c.toFixed(3).padStart(8)} ${f.toFixed(3).padStart(8)}`);
    }
    console.log(`${"all".padEnd(18)} ${sumC.toFixed(3).padStart(8)} ${sumF.toFixed(3).padStart(8)}  ratio ${(sumC / sumF).toFixed(2)}×`);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
