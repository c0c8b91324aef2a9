// Sign-in through a real OpenID Provider (oidc-provider 8 on a loopback port; no mock of the
// protocol), driving the console's real route handlers in-process and the provider over HTTP.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, Browser, CLIENT_ID, CLIENT_SECRET, stampPeerAddresses, startProvider, type RouteHandler, type TestProvider } from "./oidc-harness";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oidc-sign-in-"));
const saved = { ...process.env };

let idp: TestProvider;
let routes: Record<"start" | "callback" | "session" | "signIn" | "signOut" | "users" | "user" | "events", RouteHandler>;

beforeAll(async () => {
  stampPeerAddresses();
  idp = await startProvider({
    people: {
      "alice-sub": { preferred_username: "Alice", name: "Alice Admin", email: "alice@example.com", groups: ["dts-admins", "staff"] },
      "oscar-sub": { preferred_username: "oscar", name: "Oscar Operator", email: "oscar@example.com", groups: ["dts-operators"] },
      "vera-sub": { email: "Vera@Example.com", name: "Vera Viewer", groups: ["dts-viewers"] },
      "nobody-sub": { preferred_username: "nobody", groups: ["marketing"] },
      "demo-twin": { preferred_username: "demo", groups: ["dts-operators"] },
    },
  });
  Object.assign(process.env, {
    AUDIT_DB_PATH: path.join(dir, "audit.sqlite"),
    DTS_MODE: "simulator",
    LOG_LEVEL: "silent",
    CONSOLE_PUBLIC_ORIGIN: BASE,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_SCOPES: "openid profile email groups",
    OIDC_ROLE_MAP: "dts-admins=admin,dts-operators=operator,dts-viewers=viewer",
    OIDC_DISPLAY_NAME: "Test IdP",
  });
  const load = async (p: string) => (await import(p)) as Record<string, RouteHandler>;
  routes = {
    start: (await load("@/app/api/auth/oidc/start/route")).GET!,
    callback: (await load("@/app/api/auth/oidc/callback/route")).GET!,
    session: (await load("@/app/api/auth/session/route")).GET!,
    signIn: (await load("@/app/api/auth/sign-in/route")).POST!,
    signOut: (await load("@/app/api/auth/sign-out/route")).POST!,
    users: (await load("@/app/api/admin/users/route")).GET!,
    user: (await load("@/app/api/admin/users/[username]/route")).PATCH!,
    events: (await load("@/app/api/admin/events/route")).GET!,
  };
});
afterAll(async () => {
  await idp.close();
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function whoAmI(browser: Browser): Promise<{ status: number; user?: { username: string; role: string } }> {
  const response = await browser.call(routes.session, "/api/auth/session", { accept: "application/json" });
  const body = (await response.json()) as { user?: { username: string; role: string } };
  return { status: response.status, user: body.user };
}

describe("signing in through the provider", () => {
  it("sends the browser to the provider with PKCE S256, state and nonce, and a short-lived Lax flow cookie", async () => {
    const browser = new Browser();
    const start = await browser.call(routes.start, "/api/auth/oidc/start?next=/resets");
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get("location")!);
    expect(location.origin).toBe(idp.issuer);
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    expect(location.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get("state")).toBeTruthy();
    expect(location.searchParams.get("nonce")).toBeTruthy();
    expect(location.searchParams.get("redirect_uri")).toBe(`${BASE}/api/auth/oidc/callback`);
    expect(location.searchParams.get("scope")).toBe("openid profile email groups");
    expect(start.headers.get("set-cookie")).toMatch(/^dts_oidc_flow=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
    expect(start.headers.get("set-cookie")).not.toContain(location.searchParams.get("state")!);
  });

  it("signs an admin, an operator and a viewer in by their groups, and keeps `next`", async () => {
    for (const [login, username, role] of [
      ["alice-sub", "alice", "admin"],
      ["oscar-sub", "oscar", "operator"],
      ["vera-sub", "vera_example.com", "viewer"],
    ] as const) {
      const browser = new Browser();
      const { response } = await browser.signIn(routes, login, { next: "/resets?status=failed" });
      expect(response.status, login).toBe(302);
      expect(response.headers.get("location")).toBe("/resets?status=failed");
      const setCookie = response.headers.getSetCookie();
      expect(setCookie.some((c) => /^dts_session=dtss_[0-9a-f]{16}_[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/.test(c))).toBe(true);
      expect(setCookie.some((c) => /^dts_oidc_flow=; .*Max-Age=0/.test(c))).toBe(true);
      expect(await whoAmI(browser)).toEqual({ status: 200, user: { username, role, kind: "session" } });
    }
  });
});

async function events(type?: string) {
  const { getStore } = await import("@/lib/db/connection");
  const { listAuthEvents } = await import("@/lib/auth/store/auth-events");
  const all = await listAuthEvents(await getStore(), { limit: 500 });
  return type ? all.filter((e) => e.type === type) : all;
}

function sessionCookieSet(response: Response): boolean {
  return response.headers.getSetCookie().some((c) => /dts_session=dtss_/.test(c));
}

/** The refusal a browser gets: a 4xx HTML page that moves on to the refusal page with the code. */
async function refusalCode(response: Response): Promise<string | null> {
  const html = await response.text();
  return /\/sign-in\/refused\?code=([a-z_]+)/.exec(html)?.[1] ?? null;
}

describe("refusals", () => {
  it("refuses a person none of whose groups maps to a role: the refusal page, no account, no session, an event", async () => {
    const browser = new Browser();
    const { response } = await browser.signIn(routes, "nobody-sub");
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await refusalCode(response)).toBe("oidc_no_role");
    expect(sessionCookieSet(response)).toBe(false);
    expect((await whoAmI(browser)).status).toBe(401);
    const [event] = await events("sign_in_failed");
    expect(event).toMatchObject({ subjectUsername: "nobody", detail: { method: "oidc", reason: "no_role", groups: "marketing" } });
  });

  it("answers an API client with the JSON error body", async () => {
    const browser = new Browser();
    const start = await browser.call(routes.start, "/api/auth/oidc/start");
    const back = await browser.atProvider(start.headers.get("location")!, "nobody-sub");
    const response = await browser.call(routes.callback, back, { accept: "application/json" });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { code: string; message: string; groups: string[] } };
    expect(body.error.code).toBe("oidc_no_role");
    expect(body.error.message).toMatch(/no role in this console/);
    expect(body.error.groups).toEqual(["dts-admins", "dts-operators", "dts-viewers"]);
  });

  it("refuses a callback whose state this browser did not start (400, no session, an event)", async () => {
    const browser = new Browser("198.51.100.41");
    const { response } = await browser.signIn(routes, "oscar-sub", { tamperCallback: (url) => url.searchParams.set("state", "forged-state") });
    expect(response.status).toBe(400);
    expect(await refusalCode(response)).toBe("oidc_failed");
    expect(sessionCookieSet(response)).toBe(false);
    expect((await whoAmI(browser)).status).toBe(401);
    const [event] = await events("sign_in_failed");
    expect(event).toMatchObject({ clientAddress: "198.51.100.41", detail: { method: "oidc", reason: "token_check_failed" } });
  });

  it("refuses a callback without the flow cookie (another browser) with 400", async () => {
    const browser = new Browser("198.51.100.42");
    const start = await browser.call(routes.start, "/api/auth/oidc/start");
    const back = await browser.atProvider(start.headers.get("location")!, "oscar-sub");
    const stranger = new Browser("198.51.100.42");
    const response = await stranger.call(routes.callback, back);
    expect(response.status).toBe(400);
    expect(sessionCookieSet(response)).toBe(false);
    expect((await events("sign_in_failed"))[0]).toMatchObject({ detail: { method: "oidc", reason: "no_flow" } });
  });

  it("refuses a replayed callback (the flow is consumed once) and a replayed code under a new flow", async () => {
    const browser = new Browser("198.51.100.43");
    const start = await browser.call(routes.start, "/api/auth/oidc/start");
    const flowCookie = browser.console.cookies.get("dts_oidc_flow")!;
    const back = await browser.atProvider(start.headers.get("location")!, "oscar-sub");
    expect((await browser.call(routes.callback, back)).status).toBe(302);

    // The same callback, the same cookie: the flow was consumed.
    const replay = new Browser("198.51.100.43");
    replay.console.cookies.set("dts_oidc_flow", flowCookie);
    const again = await replay.call(routes.callback, back);
    expect(again.status).toBe(400);
    expect(sessionCookieSet(again)).toBe(false);
    expect((await events("sign_in_failed"))[0]).toMatchObject({ detail: { method: "oidc", reason: "flow_unknown_or_used" } });

    // The used code under a fresh flow of this browser: the provider refuses to redeem it twice.
    const fresh = new Browser("198.51.100.43");
    const restart = await fresh.call(routes.start, "/api/auth/oidc/start");
    const state = new URL(restart.headers.get("location")!).searchParams.get("state")!;
    const forged = new URL(back);
    forged.searchParams.set("state", state);
    const reused = await fresh.call(routes.callback, forged.href);
    expect(reused.status).toBe(400);
    expect(sessionCookieSet(reused)).toBe(false);
    expect((await events("sign_in_failed"))[0]).toMatchObject({ detail: { method: "oidc", reason: "token_check_failed" } });
  });

  it("refuses an ID token whose nonce is not this flow's (400, no session)", async () => {
    const browser = new Browser("198.51.100.44");
    const { response } = await browser.signIn(routes, "oscar-sub", { tamperAuthorization: (url) => url.searchParams.set("nonce", "a-nonce-the-console-never-made") });
    expect(response.status).toBe(400);
    expect(sessionCookieSet(response)).toBe(false);
    expect((await whoAmI(browser)).status).toBe(401);
    const [event] = await events("sign_in_failed");
    expect(event).toMatchObject({ detail: { method: "oidc", reason: "token_check_failed" } });
    expect(JSON.stringify(event)).not.toContain("a-nonce-the-console-never-made");
  });

  it("shows an error from the provider (400 with its code), not a 500", async () => {
    const browser = new Browser("198.51.100.45");
    await browser.call(routes.start, "/api/auth/oidc/start");
    const response = await browser.call(routes.callback, "/api/auth/oidc/callback?error=access_denied&error_description=The+user+cancelled&state=x", { accept: "application/json" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; providerError: string; message: string } };
    expect(body.error).toMatchObject({ code: "oidc_provider_error", providerError: "access_denied" });
    expect(body.error.message).toContain("The user cancelled");
    const html = await browser.call(routes.callback, "/api/auth/oidc/callback?error=access_denied");
    expect(html.status).toBe(400);
    expect(await html.text()).toContain('content="0;url=/sign-in/refused?code=oidc_provider_error&#38;detail=access_denied"');
  });

  it("refuses a username that belongs to another console account rather than merge them", async () => {
    const browser = new Browser();
    const { response } = await browser.signIn(routes, "demo-twin");
    expect(response.status).toBe(409);
    expect(await refusalCode(response)).toBe("oidc_username_taken");
    expect(sessionCookieSet(response)).toBe(false);
  });

  it("throttles callbacks that keep failing from one client address", async () => {
    const browser = new Browser("198.51.100.99");
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await browser.call(routes.callback, "/api/auth/oidc/callback?code=x&state=y")).status);
    expect(statuses.slice(0, 6)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(statuses[6]).toBe(429);
    expect((await events("sign_in_throttled"))[0]).toMatchObject({ clientAddress: "198.51.100.99", detail: { method: "oidc" } });
  });
});

describe("roles follow the groups", () => {
  it("changes the role at the next sign-in when the groups change, and records the change", async () => {
    idp.people.set("gina-sub", { preferred_username: "gina", groups: ["dts-operators"] });
    const first = new Browser();
    expect((await first.signIn(routes, "gina-sub")).response.status).toBe(302);
    expect((await whoAmI(first)).user?.role).toBe("operator");

    idp.people.set("gina-sub", { preferred_username: "gina", groups: ["dts-viewers", "staff"] });
    const second = new Browser();
    expect((await second.signIn(routes, "gina-sub")).response.status).toBe(302);
    expect((await whoAmI(second)).user?.role).toBe("viewer");
    // The role is the account's: the older session reads it at every request too.
    expect((await whoAmI(first)).user?.role).toBe("viewer");
    expect((await events("user_role_changed"))[0]).toMatchObject({ subjectUsername: "gina", detail: { from: "operator", to: "viewer", source: "oidc_groups" } });

    idp.people.set("gina-sub", { preferred_username: "gina", groups: ["staff"] });
    const third = new Browser();
    const { response } = await third.signIn(routes, "gina-sub");
    expect(response.status).toBe(403);
    // Removed from every mapped group: refused, and the sessions still open end too.
    expect((await whoAmI(first)).status).toBe(401);
    expect((await whoAmI(second)).status).toBe(401);
  });
});

describe("signing out", () => {
  it("ends the session and sends the browser to the provider's logout with id_token_hint and a way back to /sign-in", async () => {
    const browser = new Browser();
    expect((await browser.signIn(routes, "alice-sub")).response.status).toBe(302);
    const response = await browser.call(routes.signOut, "/api/auth/sign-out", { method: "POST", accept: "application/json" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { signedOut: boolean; redirectTo: string };
    expect(body.signedOut).toBe(true);
    const logout = new URL(body.redirectTo);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${idp.issuer}/session/end`);
    expect(logout.searchParams.get("post_logout_redirect_uri")).toBe(`${BASE}/sign-in`);
    expect(logout.searchParams.get("id_token_hint")).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await whoAmI(browser)).status).toBe(401);
    // The provider accepts it and sends the browser back to the console's sign-in page.
    expect(await browser.atProvider(body.redirectTo, "alice-sub")).toBe(`${BASE}/sign-in`);
  });

  it("gives a password session no provider logout", async () => {
    const browser = new Browser();
    const signIn = await browser.call(routes.signIn, "/api/auth/sign-in", { method: "POST", body: { username: "demo-viewer", password: "dts-demo-password" }, accept: "application/json" });
    expect(signIn.status).toBe(200);
    const response = await browser.call(routes.signOut, "/api/auth/sign-out", { method: "POST", accept: "application/json" });
    expect(await response.json()).toEqual({ signedOut: true });
  });
});

describe("accounts from the provider", () => {
  it("are listed with their source and the groups of the last sign-in, have no password, and their role cannot be edited", async () => {
    const admin = new Browser();
    expect((await admin.signIn(routes, "alice-sub")).response.status).toBe(302);
    const list = await admin.call(routes.users, "/api/admin/users", { accept: "application/json" });
    const { items } = (await list.json()) as { items: Array<{ username: string; source: string; groups: string[] | null; displayName: string | null; email: string | null }> };
    expect(items.find((u) => u.username === "alice")).toMatchObject({ source: "oidc", groups: ["dts-admins", "staff"], displayName: "Alice Admin", email: "alice@example.com" });
    expect(items.find((u) => u.username === "demo")).toMatchObject({ source: "local", groups: null });

    const edit = await admin.call(routes.user, "/api/admin/users/oscar", { method: "PATCH", body: { role: "admin" }, accept: "application/json", params: { username: "oscar" } });
    expect(edit.status).toBe(409);
    expect(((await edit.json()) as { error: { code: string } }).error.code).toBe("oidc_managed");

    const password = await admin.call(routes.signIn, "/api/auth/sign-in", { method: "POST", body: { username: "oscar", password: "any-password-at-all" }, accept: "application/json" });
    expect(password.status).toBe(401);
  });

  it("can be disabled by an admin, which ends their sessions and refuses their next sign-in", async () => {
    const oscar = new Browser();
    expect((await oscar.signIn(routes, "oscar-sub")).response.status).toBe(302);
    const admin = new Browser();
    expect((await admin.signIn(routes, "alice-sub")).response.status).toBe(302);
    const disable = await admin.call(routes.user, "/api/admin/users/oscar", { method: "PATCH", body: { disabled: true }, accept: "application/json", params: { username: "oscar" } });
    expect(disable.status).toBe(200);
    expect((await whoAmI(oscar)).status).toBe(401);
    const { response } = await new Browser().signIn(routes, "oscar-sub");
    expect(response.status).toBe(403);
    expect(await refusalCode(response)).toBe("oidc_account_disabled");
  });
});

describe("LOCAL_SIGN_IN", () => {
  async function withLocalSignIn<T>(value: string, run: () => Promise<T>): Promise<T> {
    const { resetConfig } = await import("@/lib/config/env");
    process.env.LOCAL_SIGN_IN = value;
    resetConfig();
    try {
      return await run();
    } finally {
      delete process.env.LOCAL_SIGN_IN;
      resetConfig();
    }
  }
  const local = (username: string) =>
    new Browser("198.51.100.60").call(routes.signIn, "/api/auth/sign-in", { method: "POST", body: { username, password: "dts-demo-password" }, accept: "application/json" });

  it("admins: refuses a local operator and admits a local admin (the break-glass)", async () => {
    await withLocalSignIn("admins", async () => {
      const operator = await local("demo");
      expect(operator.status).toBe(403);
      expect(((await operator.json()) as { error: { code: string } }).error.code).toBe("local_sign_in_disabled");
      expect(sessionCookieSet(operator)).toBe(false);
      expect((await events("sign_in_failed"))[0]).toMatchObject({ subjectUsername: "demo", detail: { reason: "local_sign_in_admins_only" } });
      expect((await local("demo-admin")).status).toBe(200);
    });
  });

  it("disabled: refuses every local password sign-in, admins too", async () => {
    await withLocalSignIn("disabled", async () => {
      const admin = await local("demo-admin");
      expect(admin.status).toBe(403);
      expect(((await admin.json()) as { error: { code: string } }).error.code).toBe("local_sign_in_disabled");
      // Sign-in through the provider is unaffected.
      expect((await new Browser().signIn(routes, "alice-sub")).response.status).toBe(302);
    });
  });
});
