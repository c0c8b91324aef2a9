// Request security at the HTTP level: cross-origin state changes refused, security headers on every
// page and API answer, a fresh CSP nonce per page, and no CSP violation on the console's own pages.
import type { Page } from "@playwright/test";
import { SEED_FIXTURES } from "../simulator/seed-fixtures";
import { forwardResetBody, resetSimulator, simulatorCalls, SIMULATOR_URL } from "./support/simulator";
import { expect, signIn, test } from "./support/auth";

const { oneWayRunning } = SEED_FIXTURES;
const resetBody = forwardResetBody(oneWayRunning, "Cross-origin test: must never be sent");

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test.describe("state-changing requests from another origin", () => {
  test("are refused at the API with 403 cross_origin, even with a valid operator session", async ({ request }) => {
    const attempts: Array<Record<string, string>> = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }];
    for (const headers of attempts) {
      const response = await request.post(`/api/jobs/${oneWayRunning.jobId}/reset`, { data: resetBody, headers });
      expect(response.status(), JSON.stringify(headers)).toBe(403);
      expect((await response.json()).error.code).toBe("cross_origin");
    }
    expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(0);
  });

  /**
   * A page on another origin auto-submits a form to the reset endpoint: the classic CSRF. The page
   * is served by Playwright at the attacker's address; the browser then sends the real request.
   */
  async function csrfFrom(page: Page, attackerOrigin: string) {
    const target = new URL(`/api/jobs/${oneWayRunning.jobId}/reset`, test.info().project.use.baseURL).toString();
    await page.route(`${attackerOrigin}/evil`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><title>evil</title><form method="post" action="${target}" enctype="text/plain">
          <input name='{"region":"${resetBody.region}","instanceId":"${resetBody.instanceId}","direction":"Forward","confirmation":"${resetBody.confirmation}","reason":"csrf","x":"' value='"}'>
          </form><script>document.forms[0].submit()</script>`,
      }),
    );
    const responsePromise = page.waitForResponse((response) => response.url() === target);
    await page.goto(`${attackerOrigin}/evil`);
    return responsePromise;
  }

  test("are refused when another site's page makes the browser post (cross-site: no cookie either)", async ({ page, request }) => {
    await signIn(page, "operator");
    const response = await csrfFrom(page, "http://localhost:4999");
    expect(response.status()).toBe(403);
    // Judged by the browser's own Sec-Fetch-Site, which no page can forge.
    expect((await response.json()).error).toMatchObject({ code: "cross_origin", message: expect.stringContaining("cross-site") });
    expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(0);
  });

  test("are refused from a sibling origin on the same host, which SameSite=Strict alone would let through", async ({ page, request }) => {
    await signIn(page, "operator");
    const response = await csrfFrom(page, SIMULATOR_URL);
    // Same site (only the port differs), so a SameSite=Strict cookie travels with it: the origin
    // check is what refuses it.
    expect(response.status()).toBe(403);
    expect((await response.json()).error).toMatchObject({ code: "cross_origin", message: expect.stringContaining("same-site") });
    expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(0);
  });

  test("are accepted from the console's own pages", async ({ page }) => {
    await signIn(page, "viewer");
    await page.goto("/sign-in");
    const status = await page.evaluate(async () => (await fetch("/api/auth/sign-out", { method: "POST" })).status);
    expect(status).toBe(200);
  });
});

function expectSecurityHeaders(headers: Record<string, string>, label: string) {
  expect(headers["x-content-type-options"], label).toBe("nosniff");
  expect(headers["referrer-policy"], label).toBe("same-origin");
  expect(headers["permissions-policy"], label).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
  expect(headers["x-frame-options"], label).toBe("DENY");
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, label).toContain("frame-ancestors 'none'");
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src") || d.startsWith("default-src 'none'"));
  expect(scriptSrc, label).toBeTruthy();
  expect(csp, label).not.toMatch(/script-src[^;]*'unsafe-inline'/);
}

test.describe("response headers", () => {
  test("on the API: security headers and no-store, including errors", async ({ request }) => {
    for (const path of ["/api/health", "/api/jobs?region=cn-hangzhou&type=sync", "/api/auth/session", "/api/jobs?region=mars-1"]) {
      const response = await request.get(path);
      const headers = response.headers();
      expectSecurityHeaders(headers, path);
      expect(headers["content-security-policy"]).toContain("default-src 'none'");
      expect(headers["cache-control"], path).toBe("no-store");
    }
    const anonymous = await request.get("/api/jobs?region=cn-hangzhou", { headers: { cookie: "" } });
    expect(anonymous.headers()["cache-control"]).toBe("no-store");
  });

  test("on pages: a CSP with this response's nonce on every script, and no-store when signed in", async ({ page }) => {
    await signIn(page, "admin");
    const nonces = new Set<string>();
    for (const path of ["/sign-in", "/admin/users", "/jobs?region=cn-hangzhou&type=sync"]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expectSecurityHeaders(headers, path);
      const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
      expect(nonce, path).toBeTruthy();
      nonces.add(nonce!);
      expect(headers["content-security-policy"]).toContain("'strict-dynamic'");
      expect(headers["cache-control"], path).toContain("no-store");
      if (response.status() === 200) {
        const html = await response.text();
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        expect(scripts.length, path).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
      }
    }
    expect(nonces.size).toBe(3);
  });

  test.describe(() => {
    test.use({ signedInAs: null });
  test("the console's pages run without a single CSP violation", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/sign-in");
    await page.getByLabel("Username").fill("demo-admin");
    await page.getByLabel("Password").fill("dts-demo-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/overview/);
    await page.goto("/admin/users");
    await expect(page.getByRole("table", { name: /accounts/ })).toBeVisible();
    await page.goto(`/jobs/${oneWayRunning.jobId}?region=${oneWayRunning.region}&type=sync`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // Client code has run (hydrated, queried DTS and the audit store) once both client-rendered
    // parts have replaced their loading state: wait on that, not on the clock.
    await expect(page.getByText("Loading the task from DTS…")).toHaveCount(0);
    const history = page.getByRole("region", { name: "Reset history" });
    await expect(history).toBeVisible();
    await expect(history.getByText("Loading the resets of this task…")).toHaveCount(0);
    await expect(history.locator("tr[data-reset-id]").or(history.getByText("No resets recorded yet.")).first()).toBeVisible();
    expect(violations).toEqual([]);

    // And markup injected the way an XSS injects it (an inline event handler) does not run.
    const ran = await page.evaluate(async () => {
      const holder = document.createElement("div");
      holder.innerHTML = '<img alt="" src="/no-such-image.png" onerror="window.__injected = true">';
      const img = holder.querySelector("img") as HTMLImageElement;
      // The image's error event is the moment the inline handler would have run (it was attached
      // first, so it runs before this listener): wait for that event, not for a fixed time.
      const failed = new Promise((resolve) => img.addEventListener("error", resolve, { once: true }));
      document.body.append(holder);
      await failed;
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
  });
  });
});
