// The route wrapper and the auth routes, called as Next.js calls them (Request in, Response out),
// against a temporary store in simulator mode (so the demo accounts exist).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth-routes-"));
const saved = { ...process.env };

// Each route's params type differs; the tests pass the right ones.
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
let routes: {
  signIn: Handler;
  signOut: Handler;
  session: Handler;
  users: { GET: Handler; POST: Handler };
  user: Handler;
  tokens: { GET: Handler; POST: Handler };
  token: Handler;
  health: Handler;
  reset: Handler;
};

beforeAll(async () => {
  process.env.AUDIT_DB_PATH = path.join(dir, "audit.db");
  process.env.DTS_MODE = "simulator";
  process.env.LOG_LEVEL = "silent";
  routes = {
    signIn: (await import("@/app/api/auth/sign-in/route")).POST,
    signOut: (await import("@/app/api/auth/sign-out/route")).POST,
    session: (await import("@/app/api/auth/session/route")).GET,
    users: await import("@/app/api/admin/users/route"),
    user: (await import("@/app/api/admin/users/[username]/route")).PATCH,
    tokens: await import("@/app/api/admin/tokens/route"),
    token: (await import("@/app/api/admin/tokens/[id]/route")).DELETE,
    health: (await import("@/app/api/health/route")).GET,
    reset: (await import("@/app/api/jobs/[jobId]/reset/route")).POST,
  };
});
afterAll(() => {
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

const BASE = "http://127.0.0.1:3100";
const params = (value: Record<string, string> = {}) => ({ params: Promise.resolve(value) as Promise<never> });

function call(handler: Handler, pathname: string, init: RequestInit & { cookie?: string; bearer?: string } = {}, routeParams: Record<string, string> = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.bearer) headers.set("authorization", `Bearer ${init.bearer}`);
  if (init.body !== undefined) headers.set("content-type", "application/json");
  headers.set("x-forwarded-for", "198.51.100.23");
  return handler(new Request(`${BASE}${pathname}`, { ...init, headers }), params(routeParams));
}

async function signInAs(username: string): Promise<string> {
  const response = await call(routes.signIn, "/api/auth/sign-in", { method: "POST", body: JSON.stringify({ username, password: "dts-demo-password" }) });
  expect(response.status).toBe(200);
  const setCookie = response.headers.get("set-cookie")!;
  return setCookie.split(";")[0]!;
}

describe("signing in over HTTP", () => {
  it("sets a session cookie with the right flags and answers who signed in", async () => {
    const response = await call(routes.signIn, "/api/auth/sign-in", { method: "POST", body: JSON.stringify({ username: "demo", password: "dts-demo-password" }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { username: "demo", role: "operator" } });
    expect(response.headers.get("set-cookie")).toMatch(/^dts_session=dtss_[0-9a-f]{16}_[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("marks the cookie Secure behind an HTTPS proxy", async () => {
    const response = await call(routes.signIn, "/api/auth/sign-in", {
      method: "POST",
      headers: { "x-forwarded-proto": "https" },
      body: JSON.stringify({ username: "demo", password: "dts-demo-password" }),
    });
    expect(response.headers.get("set-cookie")).toMatch(/^__Host-dts_session=.*; Secure$/);
  });

  it("gives one answer to a wrong password and to an unknown user", async () => {
    const wrong = await call(routes.signIn, "/api/auth/sign-in", { method: "POST", body: JSON.stringify({ username: "demo-viewer", password: "nope-nope-nope" }) });
    const unknown = await call(routes.signIn, "/api/auth/sign-in", { method: "POST", body: JSON.stringify({ username: "nobody", password: "nope-nope-nope" }) });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a sign-in posted from another site", async () => {
    const response = await call(routes.signIn, "/api/auth/sign-in", {
      method: "POST",
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      body: JSON.stringify({ username: "demo", password: "dts-demo-password" }),
    });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("cross_origin");
  });
});

describe("the route wrapper", () => {
  it("answers 401 without credentials, and says how to authenticate", async () => {
    const response = await call(routes.session, "/api/auth/session");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="DTS Reset Console"');
    expect((await response.json()).error.code).toBe("unauthenticated");
  });

  it("lets the health check through without credentials", async () => {
    expect((await call(routes.health, "/api/health")).status).toBe(200);
  });

  it("answers 403 with the role's explanation before reading the body", async () => {
    const viewer = await signInAs("demo-viewer");
    const response = await call(routes.reset, "/api/jobs/abc/reset", { method: "POST", cookie: viewer, body: "{}" }, { jobId: "abc" });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: "forbidden", message: "Your role, viewer, cannot reset tasks.", role: "viewer", requiredRole: "operator" },
    });
  });

  it("refuses a cross-origin state change even with a valid session", async () => {
    const operator = await signInAs("demo");
    const response = await call(routes.reset, "/api/jobs/abc/reset", { method: "POST", cookie: operator, headers: { origin: "http://localhost:9999" }, body: "{}" }, { jobId: "abc" });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("cross_origin");
  });

  it("drops the cookie of a session that ended", async () => {
    const viewer = await signInAs("demo-viewer");
    const out = await call(routes.signOut, "/api/auth/sign-out", { method: "POST", cookie: viewer });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toBe("dts_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    const after = await call(routes.session, "/api/auth/session", { cookie: viewer });
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe("session_expired");
    expect(after.headers.get("set-cookie")).toMatch(/^dts_session=; .*Max-Age=0/);
  });
});

describe("user and token management", () => {
  it("is for admins only, creates users and tokens shown once, and revoked tokens stop working", async () => {
    const operator = await signInAs("demo");
    expect((await call(routes.users.GET, "/api/admin/users", { cookie: operator })).status).toBe(403);

    const admin = await signInAs("demo-admin");
    const created = await call(routes.users.POST, "/api/admin/users", { method: "POST", cookie: admin, body: JSON.stringify({ username: "Erin", role: "viewer" }) });
    expect(created.status).toBe(201);
    const { user, generatedPassword } = await created.json();
    expect(user).toMatchObject({ username: "erin", role: "viewer", simulatorOnly: true });
    expect(user).not.toHaveProperty("passwordHash");
    expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const list = await (await call(routes.users.GET, "/api/admin/users", { cookie: admin })).json();
    expect(JSON.stringify(list)).not.toMatch(/argon2|hash/i);

    const promote = await call(routes.user, "/api/admin/users/erin", { method: "PATCH", cookie: admin, body: JSON.stringify({ role: "operator" }) }, { username: "erin" });
    expect((await promote.json()).user.role).toBe("operator");

    const tokenResponse = await call(routes.tokens.POST, "/api/admin/tokens", { method: "POST", cookie: admin, body: JSON.stringify({ name: "ci job", role: "operator" }) });
    expect(tokenResponse.status).toBe(201);
    const { token, secret } = await tokenResponse.json();
    expect(secret).toMatch(/^dtsc_/);
    const listed = await (await call(routes.tokens.GET, "/api/admin/tokens", { cookie: admin })).json();
    // The secret part is base64url, which may itself hold "_": everything after the id.
    expect(JSON.stringify(listed)).not.toContain(secret.split("_").slice(2).join("_"));

    const asToken = await call(routes.session, "/api/auth/session", { bearer: secret });
    expect(await asToken.json()).toMatchObject({ user: { username: "token:ci job", role: "operator", kind: "api_token" }, permissions: { canReset: true } });
    expect((await call(routes.token, `/api/admin/tokens/${token.id}`, { method: "DELETE", cookie: admin }, { id: token.id })).status).toBe(200);
    const revoked = await call(routes.session, "/api/auth/session", { bearer: secret });
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.code).toBe("invalid_token");
  });
});
