// `npx tsx bench/heap.ts [--seconds 10] [--side console|bare] [--rounds N]`: what holds next-server's memory
// under the load of bench/lib/load.ts (issue 26). Starts a stack of the .next-bench build with
// `--heapsnapshot-signal=SIGUSR2`, holds 50 connections on the console's list (or, --side bare,
// the floor route on a server that serves nothing else), reads VmRSS and its parts (/proc) at the
// peak, takes a V8 heap snapshot under load and prints the heap's size and its largest
// constructors by retained self size. With --rounds N it takes no snapshot and prints the peak RSS
// of N loads in a row instead: whether it keeps growing (a leak) or levels off (V8's heap sized for
// the load). Reuses the build (run `npm run bench -- --quick` first).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runAutocannon } from "./lib/http-measure";
import { establishSession } from "./lib/session";
import { sleep, startStack } from "./lib/server";
import { BENCH_SEED_TASKS, FLOOR_PATH, LIST_PATH, pageForConnection, REGION } from "./lib/targets";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

/** VmRSS and its parts (anonymous: heaps; file: mapped code and libraries), MiB. */
function memory(pid: number): Record<string, number> {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? Number.NaN) / 1024;
  return { VmRSS: field("VmRSS"), RssAnon: field("RssAnon"), RssFile: field("RssFile"), VmHWM: field("VmHWM") };
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size by constructor (objects) or by type (strings, code, arrays…), largest first. */
function summarize(file: string, top: number): { totalMiB: number; entries: Array<[string, number, number]> } {
  const heap = JSON.parse(fs.readFileSync(file, "utf8")) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = [fields.indexOf("type"), fields.indexOf("name"), fields.indexOf("self_size")];
  const by = new Map<string, [number, number]>();
  let total = 0;
  for (let i = 0; i < heap.nodes.length; i += width) {
    const type = types[heap.nodes[i + typeAt] as number] ?? "?";
    const size = heap.nodes[i + sizeAt] as number;
    const key = type === "object" || type === "closure" ? `${type}: ${heap.strings[heap.nodes[i + nameAt] as number]}` : `(${type})`;
    const entry = by.get(key) ?? [0, 0];
    entry[0] += size;
    entry[1] += 1;
    by.set(key, entry);
    total += size;
  }
  const entries = [...by.entries()].sort((a, b) => b[1][0] - a[1][0]).slice(0, top).map(([k, [size, count]]) => [k, size / 1024 / 1024, count] as [string, number, number]);
  return { totalMiB: total / 1024 / 1024, entries };
}

async function main() {
  const seconds = Number(option("seconds", "10"));
  const side = option("side", "console");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dts-bench-heap-"));
  const stack = await startStack({
    simulator: { seed: { scale: BENCH_SEED_TASKS, scaleRegion: REGION }, rateLimit: false },
    nodeArgs: ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${dir}`],
  });
  try {
    const session = await establishSession(stack.baseUrl);
    const listPath = side === "bare" ? FLOOR_PATH : LIST_PATH;
    console.log(`${side}: next-server ${stack.serverPid}, at start ${JSON.stringify(memory(stack.serverPid))}`);
    const load = () =>
      runAutocannon({ url: `${stack.baseUrl}${listPath}`, connections: 50, durationS: seconds, headers: session.headers, pathForConnection: pageForConnection(listPath) });
    const rounds = Number(option("rounds", "0"));
    if (rounds > 0) {
      for (let round = 1; round <= rounds; round++) {
        let peak = 0;
        const sampler = setInterval(() => (peak = Math.max(peak, memory(stack.serverPid).VmRSS ?? 0)), 250);
        const run = await load();
        clearInterval(sampler);
        console.log(`round ${round}/${rounds}: ${run.ok} responses, RSS peak ${peak.toFixed(0)} MiB, ${JSON.stringify(memory(stack.serverPid))}`);
      }
      return;
    }
    await load();
    console.log(`after one load: ${JSON.stringify(memory(stack.serverPid))}`);
    const running = load();
    await sleep((seconds * 1000) / 2);
    console.log(`under load: ${JSON.stringify(memory(stack.serverPid))}`);
    process.kill(stack.serverPid, "SIGUSR2");
    await running;
    // The snapshot is written synchronously by the server; wait until its file stops growing.
    let file = "";
    for (let last = -1; ; await sleep(500)) {
      file = fs.readdirSync(dir).find((f) => f.endsWith(".heapsnapshot")) ?? "";
      const size = file ? fs.statSync(path.join(dir, file)).size : 0;
      if (file && size === last && size > 0) break;
      last = size;
    }
    console.log(`after: ${JSON.stringify(memory(stack.serverPid))}`);
    const { totalMiB, entries } = summarize(path.join(dir, file), Number(option("top", "25")));
    console.log(`\nV8 heap in the snapshot: ${totalMiB.toFixed(1)} MiB (live objects after the snapshot's GC)`);
    for (const [name, mib, count] of entries) console.log(`  ${mib.toFixed(2).padStart(7)} MiB  ${String(count).padStart(8)}  ${name.slice(0, 120)}`);
  } finally {
    await stack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
