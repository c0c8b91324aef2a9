// A configured identity provider that cannot be reached: starting a sign-in through it is refused
// (503 oidc_unavailable, not a 500), the sign-in page's status says so, and local sign-in works.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, Browser, CLIENT_ID, CLIENT_SECRET, stampPeerAddresses, type RouteHandler } from "./oidc-harness";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oidc-down-"));
const saved = { ...process.env };
let routes: Record<"start" | "callback" | "signIn" | "session", RouteHandler>;

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  stampPeerAddresses();
  Object.assign(process.env, {
    AUDIT_DB_PATH: path.join(dir, "audit.sqlite"),
    DTS_MODE: "simulator",
    LOG_LEVEL: "silent",
    CONSOLE_PUBLIC_ORIGIN: BASE,
    OIDC_ISSUER: `http://127.0.0.1:${await closedPort()}`,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_ROLE_MAP: "dts-operators=operator",
    OIDC_DISPLAY_NAME: "Corp SSO",
  });
  const load = async (p: string) => (await import(p)) as Record<string, RouteHandler>;
  routes = {
    start: (await load("@/app/api/auth/oidc/start/route")).GET!,
    callback: (await load("@/app/api/auth/oidc/callback/route")).GET!,
    signIn: (await load("@/app/api/auth/sign-in/route")).POST!,
    session: (await load("@/app/api/auth/session/route")).GET!,
  };
});
afterAll(() => {
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the provider down at start", () => {
  it("refuses to start a sign-in through it with 503 oidc_unavailable, for a browser and an API client", async () => {
    const browser = new Browser();
    const page = await browser.call(routes.start, "/api/auth/oidc/start?next=/jobs");
    expect(page.status).toBe(503);
    expect(await page.text()).toContain("/sign-in/refused?code=oidc_unavailable");
    expect(page.headers.get("set-cookie")).toBeNull();
    const json = await browser.call(routes.start, "/api/auth/oidc/start", { accept: "application/json" });
    expect(json.status).toBe(503);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe("oidc_unavailable");
  });

  it("tells the sign-in page the provider cannot be reached, with its name", async () => {
    const { oidcStatus } = await import("@/lib/auth/oidc");
    expect(await oidcStatus()).toEqual({ configured: true, displayName: "Corp SSO", reachable: false });
  });

  it("leaves local sign-in working", async () => {
    const browser = new Browser();
    const response = await browser.call(routes.signIn, "/api/auth/sign-in", { method: "POST", body: { username: "demo", password: "dts-demo-password" }, accept: "application/json" });
    expect(response.status).toBe(200);
    const session = await browser.call(routes.session, "/api/auth/session", { accept: "application/json" });
    expect(((await session.json()) as { user: { username: string } }).user.username).toBe("demo");
  });

  it("answers a callback without a round trip with 400, not a 500", async () => {
    const response = await new Browser().call(routes.callback, "/api/auth/oidc/callback?code=x&state=y", { accept: "application/json" });
    expect(response.status).toBe(400);
  });
});
