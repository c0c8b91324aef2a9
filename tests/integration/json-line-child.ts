// A child Node process driven by JSON lines (not a test file itself): the process prints "ready",
// then answers each {"id", "command"} line with one {"id", "result"} or {"id", "error"} line. The
// console-process suites (multi-instance.test.ts, bulk-resets-crash.test.ts) extend it with their
// commands; the child scripts are instance-child.ts and bulk-worker-child.ts.
import { spawn, type ChildProcessByStdio } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";

type Child = ChildProcessByStdio<Writable, Readable, null>;

export class JsonLineChild<Command> {
  private next = 0;
  private waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  readonly exited: Promise<void>;

  protected constructor(readonly child: Child, lines: AsyncIterableIterator<string>) {
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    void (async () => {
      for await (const line of lines) {
        const { id, result, error } = JSON.parse(line) as { id: number; result?: unknown; error?: string };
        const entry = this.waiting.get(id);
        this.waiting.delete(id);
        if (error !== undefined) entry?.reject(new Error(error));
        else entry?.resolve(result);
      }
      for (const entry of this.waiting.values()) entry.reject(new Error("the child process exited"));
    })();
  }

  /** Starts `script` (beside this file) under tsx with the react-server condition and waits for its "ready". */
  protected static async spawnReady(script: string, env: NodeJS.ProcessEnv): Promise<{ child: Child; lines: AsyncIterableIterator<string> }> {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(__dirname, script)], {
      cwd: path.join(__dirname, "../.."),
      env,
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.value !== "ready") throw new Error(`${script} did not start: ${String(first.value)}`);
    return { child, lines };
  }

  send<T>(command: Command): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.stdin.write(`${JSON.stringify({ id, command })}\n`);
    });
  }

  async kill(): Promise<void> {
    this.child.kill("SIGKILL");
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.stdin.end();
    await this.exited;
  }
}
