// Where and on what a run happened: figures from a shared 2-core machine mean little without it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

export interface MachineInfo {
  date: string;
  node: string;
  cpuModel: string;
  cpuCount: number;
  memoryGiB: number;
  platform: string;
  commit: string;
  /** Uncommitted changes in the work tree when the run started (read-only `git status`). */
  dirtyFiles: number;
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cpuCount: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    commit: git(["rev-parse", "--short", "HEAD"]) || "unknown",
    dirtyFiles: git(["status", "--porcelain"]).split("\n").filter(Boolean).length,
  };
}

/** 1-, 5- and 15-minute load averages, rounded. */
export function loadAverage(): [number, number, number] {
  const [a = 0, b = 0, c = 0] = os.loadavg().map((v) => Math.round(v * 100) / 100);
  return [a, b, c];
}

/** Machine-wide busy CPU ticks (all cores) from /proc/stat, and this process's CPU ticks including reaped children. */
function cpuTicks(): { machineBusy: number; ours: number } {
  const fields = (fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is everything but idle and iowait.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  const self = fs.readFileSync("/proc/self/stat", "utf8");
  const own = self.slice(self.lastIndexOf(")") + 2).split(" ").map(Number);
  // utime, stime, cutime, cstime: fields 14-17 of stat, 11-14 after the command name.
  const ours = (own[11] ?? 0) + (own[12] ?? 0) + (own[13] ?? 0) + (own[14] ?? 0);
  return { machineBusy: user + nice + system + irq + softirq + steal, ours };
}

export interface CpuShare {
  /** Average number of cores busy with anything during the window. */
  machineCores: number;
  /** Of which: this benchmark and the processes it started and has since reaped (next-server, Chromium). */
  benchmarkCores: number;
  /** The rest: other engineers' builds and tests, the system. The noise in this run's figures. */
  otherCores: number;
}

/**
 * Measures who used the CPU between start() and stop(). Children count once they have exited and
 * been reaped (their CPU then shows in this process's cutime/cstime), so stop() belongs after the
 * servers and the browser are shut down.
 */
export function cpuShareMeter(): { stop(): CpuShare } {
  const before = cpuTicks();
  const started = process.hrtime.bigint();
  return {
    stop() {
      const after = cpuTicks();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const ticksPerSecond = 100; // USER_HZ is 100 on Linux whatever the kernel's HZ
      const cores = (ticks: number) => Math.round((ticks / ticksPerSecond / seconds) * 100) / 100;
      const machine = after.machineBusy - before.machineBusy;
      const ours = after.ours - before.ours;
      return { machineCores: cores(machine), benchmarkCores: cores(ours), otherCores: cores(Math.max(0, machine - ours)) };
    },
  };
}
