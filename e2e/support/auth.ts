// Signing in from Playwright specs. In simulator mode the console has one demo account per role
// (lib/auth/demo-accounts.ts), all with the same documented password.
//
//   import { test, expect } from "./support/auth";       // `page` and `request` signed in as operator
//   test.use({ signedInAs: "viewer" });                  // or another role, or null for anonymous
//   await signIn(page, "admin");                         // switch a page's browser context
//   const token = await createApiToken(request, "operator"); // Authorization: Bearer for scripts
import { expect, test as base, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import path from "node:path";
import { DEMO_USERS, DEMO_PASSWORD } from "../../lib/auth/demo-users";
import type { Role } from "../../lib/domain/roles";

export { expect, DEMO_PASSWORD };
export type { Role };

export function demoUsername(role: Role): string {
  const account = DEMO_USERS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account has the role ${role}`);
  return account.username;
}

/**
 * Signs an API request context in: it keeps the session cookie for its later requests. A page's
 * `page.request` (or `context.request`) shares its cookies with the browser, so this signs the
 * browser in too.
 */
export async function signInRequest(request: APIRequestContext, role: Role): Promise<void> {
  const response = await request.post("/api/auth/sign-in", { data: { username: demoUsername(role), password: DEMO_PASSWORD } });
  expect(response.status(), `sign-in as ${role}: ${await response.text()}`).toBe(200);
}

/** Signs the page's browser context in as a demo account of this role (without the form). */
export async function signIn(target: Page | BrowserContext, role: Role): Promise<void> {
  await signInRequest(target.request, role);
}

/** Signs in through the sign-in page, as a person does. */
export async function signInThroughForm(page: Page, role: Role, next = "/jobs"): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Username").fill(demoUsername(role));
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** A new API token of the role, created by the demo admin (the request context is signed in as admin for this). */
export async function createApiToken(request: APIRequestContext, role: Role, name = `e2e ${role} ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`): Promise<{ id: string; secret: string }> {
  await signInRequest(request, "admin");
  const response = await request.post("/api/admin/tokens", { data: { name, role } });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { token: { id: string }; secret: string };
  return { id: body.token.id, secret: body.secret };
}

export function bearer(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}` };
}

/** The session cookie's value in a context, if signed in. */
export async function sessionCookie(context: BrowserContext | APIRequestContext): Promise<string | undefined> {
  const state = await context.storageState();
  return state.cookies.find((c) => c.name === "dts_session" || c.name === "__Host-dts_session")?.value;
}

/**
 * The e2e server's database (AUDIT_DB_PATH in playwright.config.ts). Specs use it to make time pass
 * for a session without waiting, and to scan what was stored.
 */
export function e2eDatabasePath(): string {
  return path.resolve(process.env.E2E_AUDIT_DB_PATH ?? path.join(process.env.E2E_DATA_DIR ?? ".e2e-data", "audit.db"));
}

/**
 * Makes a session look idle for `idleMinutes` (or signed in `ageMinutes` ago) by moving its
 * timestamps back in the server's database: the server then judges it exactly as it would after
 * that much real time. The session id is the middle part of the cookie value.
 */
export function ageSession(cookieValue: string, change: { idleMinutes?: number; ageMinutes?: number }): void {
  const id = cookieValue.split("_")[1];
  const db = new Database(e2eDatabasePath());
  try {
    db.pragma("busy_timeout = 5000");
    const shift = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const result = db
      .prepare("UPDATE sessions SET last_seen_at = coalesce(?, last_seen_at), created_at = coalesce(?, created_at) WHERE id = ?")
      .run(change.idleMinutes === undefined ? null : shift(change.idleMinutes), change.ageMinutes === undefined ? null : shift(change.ageMinutes), id);
    if (result.changes !== 1) throw new Error(`no session ${id} in ${e2eDatabasePath()}`);
  } finally {
    db.close();
  }
}

/**
 * `page`, `context` and `request` signed in as `signedInAs` (operator unless a file or test says
 * `test.use({ signedInAs: "viewer" })`; null leaves them anonymous).
 */
export const test = base.extend<{ signedInAs: Role | null }>({
  signedInAs: ["operator", { option: true }],
  // ("run", not "use": the React hooks lint rule takes a call to use() for React's use().)
  context: async ({ context, signedInAs }, run) => {
    if (signedInAs) await signIn(context, signedInAs);
    await run(context);
  },
  request: async ({ request, signedInAs }, run) => {
    if (signedInAs) await signInRequest(request, signedInAs);
    await run(request);
  },
});
