// A person signed in through the provider resets a task against the DTS simulator: the reset's
// record names them by their console username. The provider here releases the groups through the
// userinfo endpoint only (conformIdTokenClaims on), so the console's fallback to userinfo is used.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SIM_KEY, startHarness, type Harness } from "./dts-harness";
import { BASE, Browser, CLIENT_ID, CLIENT_SECRET, stampPeerAddresses, startProvider, type RouteHandler, type TestProvider } from "./oidc-harness";
import { forwardCall } from "./reset-route-client";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oidc-reset-"));
const saved = { ...process.env };
let h: Harness;
let idp: TestProvider;
let routes: Record<"start" | "callback" | "session" | "reset" | "resets", RouteHandler>;

beforeAll(async () => {
  stampPeerAddresses();
  h = await startHarness({});
  idp = await startProvider({
    groupsInIdToken: false,
    people: { "u-1001": { preferred_username: "olga.ops", name: "Olga", email: "olga@example.com", groups: ["dts-operators"] } },
  });
  Object.assign(process.env, {
    AUDIT_DB_PATH: path.join(dir, "audit.sqlite"),
    DTS_MODE: "simulator",
    LOG_LEVEL: "silent",
    DTS_ENDPOINT: h.url,
    SIMULATOR_ACCESS_KEY_ID: SIM_KEY.accessKeyId,
    SIMULATOR_ACCESS_KEY_SECRET: SIM_KEY.accessKeySecret,
    CONSOLE_PUBLIC_ORIGIN: BASE,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_SCOPES: "openid profile email groups",
    OIDC_ROLE_MAP: "dts-operators=operator",
  });
  const load = async (p: string) => (await import(p)) as Record<string, RouteHandler>;
  routes = {
    start: (await load("@/app/api/auth/oidc/start/route")).GET!,
    callback: (await load("@/app/api/auth/oidc/callback/route")).GET!,
    session: (await load("@/app/api/auth/session/route")).GET!,
    reset: (await load("@/app/api/jobs/[jobId]/reset/route")).POST!,
    resets: (await load("@/app/api/resets/route")).GET!,
  };
});
beforeEach(async () => {
  await h.control("reset", { method: "POST" });
});
afterAll(async () => {
  await idp.close();
  await h.close();
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a reset by a person from the provider", () => {
  it("reads the groups from userinfo, signs the operator in, and records the reset under their username", async () => {
    const browser = new Browser("198.51.100.70");
    const { response } = await browser.signIn(routes, "u-1001", { next: "/jobs" });
    expect(response.status).toBe(302);
    const session = (await (await browser.call(routes.session, "/api/auth/session", { accept: "application/json" })).json()) as { user: { username: string; role: string } };
    expect(session.user).toMatchObject({ username: "olga.ops", role: "operator" });

    const call = forwardCall("failover drill, SSO user");
    const reset = await browser.call(routes.reset, `/api/jobs/${call.jobId}/reset`, { method: "POST", body: call.body, accept: "application/json", params: { jobId: call.jobId } });
    const body = (await reset.json()) as { reset?: { id: string; actor: string; status: string }; error?: unknown };
    expect(reset.status, JSON.stringify(body)).toBe(200);
    expect(body.reset!.actor).toBe("olga.ops");

    const list = await browser.call(routes.resets, "/api/resets", { accept: "application/json" });
    const { items } = (await list.json()) as { items: Array<{ id: string; actor: string }> };
    expect(items.find((r) => r.id === body.reset!.id)?.actor).toBe("olga.ops");
  });
});
