// A real HTTP receiver on loopback for the notification suites (not a test file itself): records
// every request, answers as the test scripts it (by the request's number), can hold an answer
// until the test releases it, and lets a test wait for the n-th request as an event, never a sleep.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  n: number;
  /** When it arrived (Date.now()): pacing is measured on it. */
  at: number;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Answer = { status: number; body?: string; headers?: Record<string, string> } | "hold" | "drop";

export class Receiver {
  readonly requests: Received[] = [];
  /** How to answer request n (1-based); 200 `{"errcode":0}` by default (DingTalk's and WeCom's "ok"). */
  answer: (request: Received) => Answer = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok","code":0}' });
  private readonly held: http.ServerResponse[] = [];
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  private constructor(readonly server: http.Server) {}

  static async start(port = 0): Promise<Receiver> {
    let receiver: Receiver | null = null;
    const server = http.createServer((req, res) => {
      let data = "";
      req.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
      req.on("end", () => receiver!.handle(req, res, data));
    });
    receiver = new Receiver(server);
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path = "/hook"): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const received: Received = { n: this.requests.length + 1, at: Date.now(), method: req.method ?? "", path: req.url ?? "", headers: req.headers, body };
    this.requests.push(received);
    const answer = this.answer(received);
    if (answer === "hold") this.held.push(res);
    else if (answer === "drop") req.socket.destroy();
    else res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers }).end(answer.body ?? "");
    this.waiters = this.waiters.filter((w) => {
      if (this.requests.length < w.count) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once `count` requests have arrived (at once if they have). */
  waitFor(count: number, timeoutMs = 30_000): Promise<Received[]> {
    if (this.requests.length >= count) return Promise.resolve(this.requests.slice(0, count));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the receiver got ${this.requests.length} of ${count} requests`)), timeoutMs);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(this.requests.slice(0, count))) });
    });
  }

  /** Answers every held request. */
  release(status = 200, body = '{"errcode":0,"errmsg":"ok","code":0}'): void {
    for (const res of this.held.splice(0)) if (!res.destroyed) res.writeHead(status, { "content-type": "application/json" }).end(body);
  }

  async close(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls `probe` until it answers something (not undefined): a state, never a guessed duration. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
