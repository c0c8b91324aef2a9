// Sign-in throttling per client address cannot be dodged with a forged X-Forwarded-For: real HTTP
// requests from one socket address, each claiming another address (and forging the internal peer
// header too), reach the sign-in route through the same peer stamping scripts/serve.ts does, and
// are throttled as the one address they come from. With TRUSTED_PROXIES the proxy's entry counts.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER, stampPeerAddress } from "@/lib/security/client-address";
import { resetConfig } from "@/lib/config/env";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sign-in-xff-"));
const saved = { ...process.env };
let server: http.Server;
let baseUrl: string;

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

/** Node request in, route handler, Node response out: what Next.js does, minus Next.js. */
function serve(handler: Handler): http.Server {
  return http.createServer((req, res) => {
    stampPeerAddress(req);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
      }
      const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      handler(request, { params: Promise.resolve({}) as Promise<never> })
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        });
    });
  });
}

beforeAll(async () => {
  process.env.AUDIT_DB_PATH = path.join(dir, "audit.db");
  process.env.DTS_MODE = "simulator";
  process.env.LOG_LEVEL = "silent";
  delete process.env.TRUSTED_PROXIES;
  resetConfig();
  const { POST } = await import("@/app/api/auth/sign-in/route");
  server = serve(POST as Handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  process.env = saved;
  resetConfig();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** 30 wrong sign-ins, each for another username and claiming another address; returns the answers. */
async function thirtyForgedSignIns(run: string, claimed: (i: number) => string): Promise<{ status: number; code: string }[]> {
  const answers: { status: number; code: string }[] = [];
  for (let i = 0; i < 30; i++) {
    const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": claimed(i), [PEER_ADDRESS_HEADER]: `192.0.2.${i + 1}` },
      body: JSON.stringify({ username: `nobody-${run}-${i}`, password: "wrong-password-1" }),
    });
    answers.push({ status: response.status, code: ((await response.json()) as { error: { code: string } }).error.code });
  }
  return answers;
}

/** Client addresses of the recorded sign-in attempts (the demo accounts' creation has none). */
async function recordedAddresses(): Promise<Set<string | null>> {
  const { getStore } = await import("@/lib/db/connection");
  const { listAuthEvents } = await import("@/lib/auth/store/auth-events");
  const events = await listAuthEvents(await getStore(), { limit: 200 });
  return new Set(events.filter((e) => e.type.startsWith("sign_in")).map((e) => e.clientAddress));
}

describe("per-address sign-in throttling behind forged X-Forwarded-For", () => {
  it("throttles 30 wrong sign-ins from one real address, whatever addresses they claim", async () => {
    const answers = await thirtyForgedSignIns("forged", (i) => `203.0.113.${i + 1}`);
    // No username repeats, so only the address can throttle: five free failures, then growing
    // waits (1 s, 2 s, 4 s …) that no run of requests this short outlasts.
    expect(answers.slice(0, 6).map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401]);
    const throttled = answers.filter((a) => a.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(new Set(throttled.map((a) => a.code))).toEqual(new Set(["sign_in_throttled"]));
    // Recorded as the socket's address, never as a claimed one.
    expect(await recordedAddresses()).toEqual(new Set(["127.0.0.1"]));
  }, 120_000);

  it("believes the entry a declared proxy appended: TRUSTED_PROXIES=1 makes them 30 clients", async () => {
    process.env.TRUSTED_PROXIES = "1";
    resetConfig();
    try {
      // The client's own claim (6.6.6.6) comes first; the proxy appends the address it saw.
      const answers = await thirtyForgedSignIns("proxied", (i) => `6.6.6.6, 198.51.100.${i + 1}`);
      expect(answers.map((a) => a.status)).toEqual(Array(30).fill(401));
      const addresses = await recordedAddresses();
      expect(addresses.has("198.51.100.30")).toBe(true);
      expect(addresses.has("6.6.6.6")).toBe(false);
    } finally {
      delete process.env.TRUSTED_PROXIES;
      resetConfig();
    }
  }, 120_000);
});
