// Every API route and every page, for every kind of caller: the status each one gets. The route and
// page files are enumerated from app/, so a new route without an entry here fails this spec.
import fs from "node:fs";
import path from "node:path";
import { expect, request as newRequest, test, type APIRequestContext } from "@playwright/test";
import { hasRole, type Role } from "../lib/domain/roles";
import { SEED_FIXTURES } from "../simulator/seed-fixtures";
import { ageSession, bearer, createApiToken, sessionCookie, signInRequest } from "./support/auth";
import { E2E_METRICS_TOKEN } from "./support/secrets";

const { oneWayRunning } = SEED_FIXTURES;
const APP_DIR = path.join(process.cwd(), "app");

const PRINCIPALS = ["anonymous", "viewer", "operator", "admin", "revoked token", "expired session"] as const;
type Principal = (typeof PRINCIPALS)[number];
/** `metrics`: only the METRICS_TOKEN bearer (Prometheus) opens it; no session or API token does. */
type Access = "public" | Role | "metrics";

/** Route files as their URL patterns ("/api/jobs/[jobId]"), route groups removed. */
function routePatterns(fileName: "route.ts" | "page.tsx"): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === fileName) {
        const segments = path.relative(APP_DIR, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
        found.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(APP_DIR);
  return found.sort();
}

function exportedMethods(pattern: string): string[] {
  const source = fs.readFileSync(path.join(APP_DIR, ...pattern.split("/").filter(Boolean), "route.ts"), "utf8");
  return [...source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
}

// --- the API -----------------------------------------------------------------------------------
// `ok` is the status when the caller may use the route. The requests are chosen to change nothing
// (invalid bodies, unknown ids): what matters is that authentication and the role check let them
// through to the handler's own answer.
interface ApiCase {
  access: Access;
  path: string;
  data?: unknown;
  ok: number;
}

const API: Record<string, ApiCase> = {
  "GET /api/health": { access: "public", path: "/api/health", ok: 200 },
  "POST /api/auth/sign-in": { access: "public", path: "/api/auth/sign-in", data: {}, ok: 400 },
  "POST /api/auth/sign-out": { access: "public", path: "/api/auth/sign-out", ok: 200 },
  "GET /api/auth/session": { access: "viewer", path: "/api/auth/session", ok: 200 },
  "GET /api/jobs": { access: "viewer", path: "/api/jobs?region=cn-hangzhou&type=sync&pageSize=10", ok: 200 },
  "GET /api/jobs/[jobId]": { access: "viewer", path: `/api/jobs/${oneWayRunning.jobId}?region=${oneWayRunning.region}`, ok: 200 },
  "POST /api/jobs/[jobId]/reset": { access: "operator", path: `/api/jobs/${oneWayRunning.jobId}/reset`, data: {}, ok: 400 },
  "GET /api/instances/[instanceId]": { access: "viewer", path: `/api/instances/${oneWayRunning.instanceId}?region=${oneWayRunning.region}`, ok: 200 },
  "GET /api/instances/[instanceId]/resets": { access: "viewer", path: `/api/instances/${oneWayRunning.instanceId}/resets`, ok: 200 },
  "GET /api/resets": { access: "viewer", path: "/api/resets", ok: 200 },
  "GET /api/resets/[id]": { access: "viewer", path: "/api/resets/00000000-0000-4000-8000-000000000000", ok: 404 },
  "GET /api/resets/export": { access: "viewer", path: "/api/resets/export?format=json", ok: 200 },
  "GET /api/resets/[id]/reconfigure": { access: "viewer", path: "/api/resets/00000000-0000-4000-8000-000000000000/reconfigure", ok: 404 },
  "POST /api/resets/[id]/reconfigure": { access: "operator", path: "/api/resets/00000000-0000-4000-8000-000000000000/reconfigure", data: {}, ok: 400 },
  "POST /api/reconfigurations/[id]/start": { access: "operator", path: "/api/reconfigurations/00000000-0000-4000-8000-000000000000/start", data: {}, ok: 404 },
  "GET /api/admin/users": { access: "admin", path: "/api/admin/users", ok: 200 },
  "POST /api/admin/users": { access: "admin", path: "/api/admin/users", data: {}, ok: 400 },
  "PATCH /api/admin/users/[username]": { access: "admin", path: "/api/admin/users/demo-viewer", data: {}, ok: 400 },
  "POST /api/admin/users/[username]/password": { access: "admin", path: "/api/admin/users/nobody-in-the-matrix/password", data: {}, ok: 404 },
  "GET /api/admin/tokens": { access: "admin", path: "/api/admin/tokens", ok: 200 },
  "POST /api/admin/tokens": { access: "admin", path: "/api/admin/tokens", data: {}, ok: 400 },
  "DELETE /api/admin/tokens/[id]": { access: "admin", path: "/api/admin/tokens/0000000000000000", ok: 404 },
  "GET /api/admin/events": { access: "admin", path: "/api/admin/events", ok: 200 },
  "GET /api/jobs/[jobId]/approval": { access: "viewer", path: `/api/jobs/${oneWayRunning.jobId}/approval?region=${oneWayRunning.region}`, ok: 200 },
  "GET /api/reset-requests": { access: "viewer", path: "/api/reset-requests", ok: 200 },
  "GET /api/accounts": { access: "viewer", path: "/api/accounts", ok: 200 },
  "GET /api/overview": { access: "viewer", path: "/api/overview?type=sync", ok: 200 },
  "GET /api/reset-requests/[id]": { access: "viewer", path: "/api/reset-requests/00000000-0000-4000-8000-000000000000", ok: 404 },
  "POST /api/reset-requests/[id]/approve": { access: "operator", path: "/api/reset-requests/00000000-0000-4000-8000-000000000000/approve", data: {}, ok: 404 },
  "POST /api/reset-requests/[id]/reject": { access: "operator", path: "/api/reset-requests/00000000-0000-4000-8000-000000000000/reject", data: {}, ok: 400 },
  "POST /api/reset-requests/[id]/cancel": { access: "operator", path: "/api/reset-requests/00000000-0000-4000-8000-000000000000/cancel", data: {}, ok: 404 },
  "GET /api/bulk-resets": { access: "viewer", path: "/api/bulk-resets", ok: 200 },
  "POST /api/bulk-resets": { access: "operator", path: "/api/bulk-resets", data: {}, ok: 400 },
  "GET /api/bulk-resets/[id]": { access: "viewer", path: "/api/bulk-resets/00000000-0000-4000-8000-000000000000", ok: 404 },
  "GET /api/bulk-resets/[id]/export": { access: "viewer", path: "/api/bulk-resets/00000000-0000-4000-8000-000000000000/export?format=json", ok: 404 },
  "POST /api/bulk-resets/[id]/cancel": { access: "operator", path: "/api/bulk-resets/00000000-0000-4000-8000-000000000000/cancel", data: {}, ok: 404 },
  "POST /api/bulk-resets/[id]/approve": { access: "operator", path: "/api/bulk-resets/00000000-0000-4000-8000-000000000000/approve", data: {}, ok: 404 },
  "POST /api/bulk-resets/[id]/reject": { access: "operator", path: "/api/bulk-resets/00000000-0000-4000-8000-000000000000/reject", data: {}, ok: 400 },
  // This console has no identity provider configured: both answer so, to anyone.
  "GET /api/auth/oidc/start": { access: "public", path: "/api/auth/oidc/start", ok: 503 },
  "GET /api/auth/oidc/callback": { access: "public", path: "/api/auth/oidc/callback?code=x&state=y", ok: 503 },
  "GET /api/admin/approval-policy": { access: "admin", path: "/api/admin/approval-policy", ok: 200 },
  "PUT /api/admin/approval-policy": { access: "admin", path: "/api/admin/approval-policy", data: {}, ok: 400 },
  "GET /api/metrics": { access: "metrics", path: "/api/metrics", ok: 200 },
  "GET /api/admin/notification-channels": { access: "admin", path: "/api/admin/notification-channels", ok: 200 },
  "POST /api/admin/notification-channels": { access: "admin", path: "/api/admin/notification-channels", data: {}, ok: 400 },
  "PATCH /api/admin/notification-channels/[id]": { access: "admin", path: "/api/admin/notification-channels/00000000-0000-4000-8000-000000000000", data: {}, ok: 400 },
  "DELETE /api/admin/notification-channels/[id]": { access: "admin", path: "/api/admin/notification-channels/00000000-0000-4000-8000-000000000000", ok: 404 },
  "POST /api/admin/notification-channels/[id]/test": { access: "admin", path: "/api/admin/notification-channels/00000000-0000-4000-8000-000000000000/test", ok: 404 },
  "GET /api/admin/notification-deliveries": { access: "admin", path: "/api/admin/notification-deliveries", ok: 200 },
  "POST /api/admin/notification-deliveries/[id]/retry": { access: "admin", path: "/api/admin/notification-deliveries/00000000-0000-4000-8000-000000000000/retry", ok: 404 },
};

function expectedApiStatus(access: Access, principal: Principal, ok: number): number {
  if (access === "public") return ok;
  if (access === "metrics") return 401;
  if (principal === "anonymous" || principal === "revoked token" || principal === "expired session") return 401;
  return hasRole(principal, access) ? ok : 403;
}

const EXPECTED_401_CODE: Partial<Record<Principal, string>> = {
  anonymous: "unauthenticated",
  "revoked token": "invalid_token",
  "expired session": "session_expired",
};

/** The metrics route reads no session: a cookie is no credential there, an API token the wrong one. */
function expected401Code(access: Access, principal: Principal): string | undefined {
  if (access === "metrics") return principal === "revoked token" ? "invalid_token" : "unauthenticated";
  return EXPECTED_401_CODE[principal];
}

// --- the pages ---------------------------------------------------------------------------------
type PageOutcome = { status: 200 } | { status: 307; location: RegExp };

interface PageCase {
  path: string;
  outcome: (principal: Principal) => PageOutcome;
}

const ROLE_PRINCIPALS: readonly Principal[] = ["viewer", "operator", "admin"];

/** A page for signed-in users with at least `required`: others go to sign-in or access-denied. */
function protectedPage(path: string, required: Role): PageCase {
  const next = encodeURIComponent(path).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return {
    path,
    outcome: (principal) => {
      if (principal === "expired session") return { status: 307, location: new RegExp(`^/sign-in\\?next=${escape(next)}&reason=expired$`) };
      if (!ROLE_PRINCIPALS.includes(principal)) return { status: 307, location: new RegExp(`^/sign-in\\?next=${escape(next)}$`) };
      return hasRole(principal as Role, required) ? { status: 200 } : { status: 307, location: new RegExp(`^/access-denied\\?need=${required}&from=`) };
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const PAGES: Record<string, PageCase> = {
  "/": { path: "/", outcome: () => ({ status: 307, location: /^\/overview$/ }) },
  "/overview": protectedPage("/overview", "viewer"),
  "/jobs": protectedPage(`/jobs?region=${oneWayRunning.region}&type=sync`, "viewer"),
  "/jobs/[jobId]": protectedPage(`/jobs/${oneWayRunning.jobId}?region=${oneWayRunning.region}&type=sync`, "viewer"),
  "/resets": protectedPage("/resets", "viewer"),
  "/resets/[id]": protectedPage("/resets/00000000-0000-4000-8000-000000000000", "viewer"),
  "/resets/[id]/reconfigure": protectedPage("/resets/00000000-0000-4000-8000-000000000000/reconfigure", "viewer"),
  "/admin/users": protectedPage("/admin/users", "admin"),
  "/admin/notifications": protectedPage("/admin/notifications", "admin"),
  "/approvals": protectedPage("/approvals", "viewer"),
  "/bulk-resets": protectedPage("/bulk-resets", "viewer"),
  "/bulk-resets/[id]": protectedPage("/bulk-resets/00000000-0000-4000-8000-000000000000", "viewer"),
  "/access-denied": protectedPage("/access-denied?need=admin&from=%2Fadmin%2Fusers", "viewer"),
  "/bench-baseline": protectedPage("/bench-baseline", "viewer"),
  // Where a refused provider sign-in lands: no session was started, so it is open to anyone.
  "/sign-in/refused": { path: "/sign-in/refused?code=oidc_no_role", outcome: () => ({ status: 200 }) },
  "/sign-in": {
    path: "/sign-in?next=%2Fresets",
    // Signed in already: straight on to where sign-in would have led.
    outcome: (principal) => (ROLE_PRINCIPALS.includes(principal) ? { status: 307, location: /^\/resets$/ } : { status: 200 }),
  },
};

// --- callers -----------------------------------------------------------------------------------
let revokedToken: string;

test.beforeAll(async ({ baseURL }) => {
  const admin = await newRequest.newContext({ baseURL });
  const { id, secret } = await createApiToken(admin, "viewer", `matrix revoked ${Date.now()}`);
  expect((await admin.delete(`/api/admin/tokens/${id}`)).status()).toBe(200);
  revokedToken = secret;
  await admin.dispose();
});

async function callerFor(principal: Principal, baseURL: string): Promise<{ context: APIRequestContext; headers: Record<string, string> }> {
  const context = await newRequest.newContext({ baseURL, maxRedirects: 0 });
  if (principal === "viewer" || principal === "operator" || principal === "admin") await signInRequest(context, principal);
  if (principal === "expired session") {
    await signInRequest(context, "operator");
    ageSession((await sessionCookie(context))!, { idleMinutes: 31 });
  }
  return { context, headers: principal === "revoked token" ? bearer(revokedToken) : {} };
}

test("every route and page file has an entry in this matrix, and every entry a file", () => {
  const routes = routePatterns("route.ts").flatMap((pattern) => exportedMethods(pattern).map((method) => `${method} ${pattern}`));
  expect(routes.filter((key) => !(key in API)), "routes missing from the API matrix").toEqual([]);
  expect(Object.keys(API).filter((key) => !routes.includes(key)), "API matrix entries without a route").toEqual([]);
  const pages = routePatterns("page.tsx");
  expect(pages.filter((key) => !(key in PAGES)), "pages missing from the page matrix").toEqual([]);
  expect(Object.keys(PAGES).filter((key) => !pages.includes(key)), "page matrix entries without a page").toEqual([]);
});

for (const pattern of routePatterns("route.ts")) {
  for (const method of exportedMethods(pattern)) {
    const key = `${method} ${pattern}`;
    test(`API ${key}`, async ({ baseURL }) => {
      const entry = API[key];
      test.skip(!entry, "not in the matrix: the completeness test fails for it");
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const principal of PRINCIPALS) {
        const { context, headers } = await callerFor(principal, baseURL!);
        const response = await context.fetch(entry!.path, { method, headers, ...(entry!.data === undefined ? {} : { data: entry!.data }) });
        const status = response.status();
        const expected = expectedApiStatus(entry!.access, principal, entry!.ok);
        seen.push(`${principal}: ${status}`);
        wanted.push(`${principal}: ${expected}`);
        if (status === 401 || status === 403) {
          const body = (await response.json()) as { error: { code: string; message: string } };
          if (status === 401) expect(body.error.code, `${key} as ${principal}`).toBe(expected401Code(entry!.access, principal));
          if (status === 401) expect(response.headers()["www-authenticate"], `${key} as ${principal}`).toMatch(/^Bearer realm="/);
          if (status === 403) expect(body.error.message, `${key} as ${principal}`).toMatch(new RegExp(`^Your role, ${principal}, cannot `));
        }
        expect(response.headers()["cache-control"], `${key} as ${principal}`).toBe("no-store");
        await context.dispose();
      }
      expect(seen).toEqual(wanted);
    });
  }
}

test("GET /api/metrics opens with the metrics token only, in Prometheus's text format", async ({ baseURL }) => {
  const context = await newRequest.newContext({ baseURL });
  const scraped = await context.get("/api/metrics", { headers: bearer(E2E_METRICS_TOKEN) });
  expect(scraped.status()).toBe(200);
  expect(scraped.headers()["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
  expect(scraped.headers()["cache-control"]).toBe("no-store");
  const text = await scraped.text();
  expect(text).toContain("# TYPE dts_console_dts_calls_total counter");
  expect(text).toContain("# TYPE process_cpu_user_seconds_total counter");
  expect(text).not.toContain(E2E_METRICS_TOKEN);
  expect((await context.get("/api/metrics", { headers: bearer(`${E2E_METRICS_TOKEN}x`) })).status()).toBe(401);
  await context.dispose();
});

for (const pattern of routePatterns("page.tsx")) {
  test(`page ${pattern}`, async ({ baseURL }) => {
    const entry = PAGES[pattern];
    test.skip(!entry, "not in the matrix: the completeness test fails for it");
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const principal of PRINCIPALS) {
      const { context, headers } = await callerFor(principal, baseURL!);
      const response = await context.get(entry!.path, { headers });
      const outcome = entry!.outcome(principal);
      seen.push(`${principal}: ${response.status()}`);
      wanted.push(`${principal}: ${outcome.status}`);
      if (outcome.status === 307 && response.status() === 307) {
        expect(response.headers().location, `${pattern} as ${principal}`).toMatch(outcome.location);
      }
      await context.dispose();
    }
    expect(seen).toEqual(wanted);
  });
}
