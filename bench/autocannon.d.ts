// The slice of autocannon 9's programmatic API the benchmarks use. The package ships no types and
// the project does not depend on @types/autocannon (7.x, an older API), so this is declared here.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  interface AutocannonOptions {
    url: string;
    connections?: number;
    /** Seconds; ignored when `amount` is set. */
    duration?: number;
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    /** Seconds before a request counts as a timeout. */
    timeout?: number;
    pipelining?: number;
    /** ms between throughput samples; also how long after the last response the result comes. */
    sampleInt?: number;
    /** Called once per connection before it starts: it may give the connection its own requests. */
    setupClient?: (client: Client) => void;
  }

  interface Client {
    setRequests(requests: Array<{ method?: string; path: string; headers?: Record<string, string>; body?: string }>): void;
  }

  interface AutocannonResult {
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    "2xx": number;
    statusCodeStats: Record<string, { count: number }>;
    requests: { average: number; sent: number; total: number };
    latency: { p50: number; p99: number; average: number };
  }

  /** Emits "response" (client, statusCode, bytes, responseTimeMs) and "reqError" (error). */
  type Instance = EventEmitter & { stop(): void };

  function autocannon(options: AutocannonOptions, done: (error: Error | null, result: AutocannonResult) => void): Instance;

  export = autocannon;
}
