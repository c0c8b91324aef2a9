// Signing in and out: the form with the keyboard alone, throttling and lockout, the cookie, and
// sessions that end (idle, absolute, sign-out) on the server.
import AxeBuilder from "@axe-core/playwright";
import { request as newRequest, type APIRequestContext, type Page } from "@playwright/test";
import { ageSession, bearer, DEMO_PASSWORD, demoUsername, expect, sessionCookie, signIn, signInRequest, test } from "./support/auth";

test.use({ signedInAs: null });

/** A client address of its own for each use, so throttling here never slows other specs (X-Forwarded-For's last entry is the address). */
let addressCounter = 0;
function freshAddress(): string {
  addressCounter += 1;
  return `198.18.${Math.floor(Date.now() / 1000) % 250}.${addressCounter % 250}`;
}

async function expectNoAxeViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `axe on ${label}`).toEqual([]);
}

/** Presses Tab until `target` has focus (at most 30 times): proves it is reachable by keyboard. */
async function tabTo(page: Page, target: ReturnType<Page["getByLabel"]>) {
  for (let i = 0; i < 30; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("not reachable with Tab");
}

test.describe("the sign-in page", () => {
  test("signs in with the keyboard alone and returns to the page asked for", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fusers$/);
    await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
    // Enter submits once the form is live (before hydration the button is disabled: see below).
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();

    await tabTo(page, page.getByLabel("Username"));
    await page.keyboard.type(demoUsername("admin"));
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Password")).toBeFocused();
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole("heading", { name: "Users and API tokens" })).toBeVisible();
  });

  test("before its script runs, the form cannot send the password in the address", async ({ page }) => {
    // The page without its JavaScript: what a slow network shows before hydration.
    await page.route("**/_next/static/**/*.js", (route) => route.abort());
    await page.goto("/sign-in?next=%2Fresets");
    const submit = page.getByRole("button", { name: "Sign in", exact: true });
    await expect(submit).toBeDisabled();
    await expect(page.locator("form").filter({ has: submit })).toHaveAttribute("method", "post");
    await page.getByLabel("Username").fill(demoUsername("viewer"));
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByLabel("Password").press("Enter");
    // Implicit submission with a disabled default button does nothing: still here, nothing in the address.
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fresets$/);
    expect(page.url()).not.toContain(DEMO_PASSWORD);
  });

  test("announces a wrong password, keeps the focus on it, and passes axe", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": freshAddress() });
    await page.goto("/sign-in");
    await expectNoAxeViolations(page, "the sign-in page");
    await page.getByLabel("Username").fill(demoUsername("viewer"));
    await page.getByLabel("Password").fill("not-the-password");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
    await page.getByLabel("Password").press("Enter");
    // (Next.js's route announcer is another, empty, alert.)
    await expect(page.locator("form").getByRole("alert")).toHaveText("The username or password is incorrect.");
    await expect(page.getByLabel("Password")).toBeFocused();
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page, "the sign-in page with an error");
  });

  test("shows the demo accounts in simulator mode and fills one in from the keyboard", async ({ page }) => {
    await page.goto("/sign-in");
    const demo = page.getByRole("region", { name: "Demo accounts (simulator mode only)" });
    await expect(demo).toContainText(DEMO_PASSWORD);
    await tabTo(page, demo.getByRole("button", { name: `Use ${demoUsername("viewer")}` }));
    await page.keyboard.press("Enter");
    await expect(page.getByLabel("Username")).toHaveValue(demoUsername("viewer"));
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/overview/);
  });
});

test.describe("sign-in throttling", () => {
  async function attempt(request: APIRequestContext, username: string, password: string, address: string) {
    const response = await request.post("/api/auth/sign-in", { data: { username, password }, headers: { "x-forwarded-for": address } });
    const body = response.status() === 200 ? null : ((await response.json()) as { error: { code: string; retryAfterSeconds?: number } }).error;
    return { status: response.status(), code: body?.code ?? "ok", retryAfter: response.headers()["retry-after"] };
  }

  type Attempt = Awaited<ReturnType<typeof attempt>>;
  /**
   * Two attempts at once. The server takes a username's (and an address's) attempts one at a time
   * and reads its clock once it has the turn, so the second one meets the wait that the first one's
   * failure started, however slow the machine: no race between the client and the 1 s window.
   * Sorted by status, since either may go first.
   */
  async function twoAtOnce(run: () => Promise<Attempt>): Promise<Attempt[]> {
    return (await Promise.all([run(), run()])).sort((a, b) => a.status - b.status);
  }
  /** Waits out a wait the server announced (Retry-After, in seconds): the event is the server's clock passing it. */
  const waitOut = (retryAfter: string | undefined) => new Promise((r) => setTimeout(r, Number(retryAfter) * 1000 + 100));

  test("grows the wait after failures and then locks the account, the right password included, until an admin resets it", async ({ request }) => {
    test.setTimeout(90_000);
    const admin = await newRequest.newContext({ baseURL: test.info().project.use.baseURL });
    await signInRequest(admin, "admin");
    const username = `locked-${Date.now()}`;
    const created = await admin.post("/api/admin/users", { data: { username, role: "viewer", password: "the-right-password-1" } });
    expect(created.status()).toBe(201);
    const address = freshAddress();
    const wrong = () => attempt(request, username, "a-wrong-password", address);

    expect(await wrong()).toMatchObject({ status: 401, code: "invalid_credentials" });
    const [second, third] = await twoAtOnce(wrong);
    expect(second).toMatchObject({ status: 401, code: "invalid_credentials" });
    expect(third).toEqual({ status: 429, code: "sign_in_throttled", retryAfter: "1" });
    await waitOut(third?.retryAfter);
    const [fourth, fifth] = await twoAtOnce(wrong);
    expect(fourth).toMatchObject({ status: 401 });
    expect(fifth).toEqual({ status: 429, code: "sign_in_throttled", retryAfter: "2" });
    await waitOut(fifth?.retryAfter);
    const [sixth, seventh] = await twoAtOnce(wrong);
    expect(sixth).toMatchObject({ status: 401 });
    expect(seventh).toEqual({ status: 429, code: "sign_in_throttled", retryAfter: "4" });
    await waitOut(seventh?.retryAfter);
    expect(await wrong()).toMatchObject({ status: 401 }); // the 5th failure in a row: locked

    const right = await attempt(request, username, "the-right-password-1", freshAddress());
    expect(right).toMatchObject({ status: 429, code: "sign_in_locked" });
    expect(Number(right.retryAfter)).toBeGreaterThan(800);

    const reset = await admin.post(`/api/admin/users/${username}/password`, { data: {} });
    const { generatedPassword } = (await reset.json()) as { generatedPassword: string };
    expect(await attempt(request, username, generatedPassword, freshAddress())).toMatchObject({ status: 200 });
    await admin.dispose();
  });

  test("answers an unknown username exactly like a real one", async ({ request }) => {
    const run = async (username: string) => {
      const address = freshAddress();
      const wrong = () => attempt(request, username, "a-wrong-password", address);
      return [await wrong(), ...(await twoAtOnce(wrong))];
    };
    const real = await run(demoUsername("viewer"));
    const unknown = await run(`nobody-${Date.now()}`);
    expect(unknown).toEqual(real);
    expect(real.map((r) => r.status)).toEqual([401, 401, 429]);
    // The demo viewer's own lock must not outlive this test: its count is per username.
    await waitOut(real[2]?.retryAfter);
    expect((await attempt(request, demoUsername("viewer"), DEMO_PASSWORD, freshAddress())).status).toBe(200);
  });

  test("slows down one address trying many usernames", async ({ request }) => {
    const address = freshAddress();
    const statuses = [];
    let i = 0;
    const spray = () => attempt(request, `spray-${Date.now()}-${i++}`, "Summer2025!", address);
    for (let n = 0; n < 5; n++) statuses.push((await spray()).status);
    // The 6th failure and a 7th attempt at once: the address's wait (from its 6th failure) refuses one.
    for (const result of await twoAtOnce(spray)) statuses.push(result.status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });
});

test.describe("the session cookie", () => {
  test("is HttpOnly, SameSite=Strict, host-only, not Secure over plain HTTP, and bounded to 12 hours", async ({ page, context }) => {
    await signIn(page, "viewer");
    const [cookie] = (await context.cookies()).filter((c) => c.name === "dts_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", secure: false, path: "/" });
    expect(cookie!.value).toMatch(/^dtss_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(12 * 3600 - 120);
    expect(cookie!.expires - Date.now() / 1000).toBeLessThanOrEqual(12 * 3600);
    // Not readable from page scripts.
    await page.goto("/sign-in");
    expect(await page.evaluate(() => document.cookie)).not.toContain("dts_session");
  });

  test("is Secure, with the __Host- prefix, when the console is reached over HTTPS", async ({ request }) => {
    const response = await request.post("/api/auth/sign-in", {
      data: { username: demoUsername("viewer"), password: DEMO_PASSWORD },
      headers: { "x-forwarded-proto": "https" },
    });
    expect(response.headers()["set-cookie"]).toMatch(/^__Host-dts_session=dtss_[^;]+; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure$/);
  });

  test("is new at every sign-in, and the one it replaces stops working", async ({ context }) => {
    await signIn(context, "viewer");
    const first = await sessionCookie(context);
    await signIn(context, "viewer");
    const second = await sessionCookie(context);
    expect(second).not.toBe(first);
    const stale = await context.request.get("/api/auth/session", { headers: { cookie: `dts_session=${first}` } });
    expect(stale.status()).toBe(401);
  });
});

test.describe("sessions end", () => {
  test("after 30 idle minutes: the page sends back to sign-in and says why", async ({ page, context }) => {
    await signIn(page, "admin");
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "Users and API tokens" })).toBeVisible();
    const cookie = (await sessionCookie(context))!;
    ageSession(cookie, { idleMinutes: 31 });
    // The page's own queries may meet the ended session first and send the browser to sign-in
    // themselves, which aborts the reload: either way the page must end up on sign-in, saying why.
    await page.reload().catch((error: unknown) => {
      if (!/ERR_ABORTED|frame was detached/.test(String(error))) throw error;
    });
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fusers&reason=expired$/);
    await expect(page.getByRole("status").filter({ hasText: "Your session has ended" })).toBeVisible();
    // The API refuses the cookie too. (Sent explicitly: the page's own last API calls may already
    // have made the browser drop it, as a 401 for an ended session tells it to.)
    const api = await newRequest.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { cookie: `dts_session=${cookie}` } });
    const answer = await api.get("/api/auth/session");
    expect(answer.status()).toBe(401);
    expect((await answer.json()).error.code).toBe("session_expired");
    expect(answer.headers()["set-cookie"]).toMatch(/^dts_session=; .*Max-Age=0/);
    await api.dispose();
  });

  test("12 hours after sign-in, even when in use", async ({ context }) => {
    await signIn(context, "viewer");
    expect((await context.request.get("/api/auth/session")).status()).toBe(200);
    ageSession((await sessionCookie(context))!, { ageMinutes: 12 * 60 + 1 });
    expect((await context.request.get("/api/auth/session")).status()).toBe(401);
  });

  test("from the header, which shows who is signed in", async ({ page, context }) => {
    await signIn(page, "viewer");
    await page.goto("/jobs?region=cn-hangzhou&type=sync");
    const header = page.getByRole("banner");
    await expect(header).toContainText(`Signed in as ${demoUsername("viewer")}`);
    await expect(header.getByRole("link", { name: "Users" })).toHaveCount(0);
    const cookie = (await sessionCookie(context))!;
    await header.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in\?reason=signed-out$/);
    await expect(page.getByRole("status").filter({ hasText: "You have signed out." })).toBeVisible();
    const replay = await context.request.get("/api/auth/session", { headers: { cookie: `dts_session=${cookie}` } });
    expect(replay.status()).toBe(401);
  });

  test("admins find the user management in the header", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/jobs?region=cn-hangzhou&type=sync");
    await page.getByRole("banner").getByRole("link", { name: "Users" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole("banner").getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
  });

  test("at sign-out, on the server: the old cookie no longer works anywhere", async ({ context }) => {
    await signIn(context, "operator");
    const cookie = (await sessionCookie(context))!;
    const out = await context.request.post("/api/auth/sign-out");
    expect(out.status()).toBe(200);
    expect(out.headers()["set-cookie"]).toMatch(/^dts_session=; Path=\/; Max-Age=0/);
    expect(await sessionCookie(context)).toBeUndefined();
    // Replaying the old value (as a thief who copied it would) fails: the session is gone.
    const replay = await newRequest.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { cookie: `dts_session=${cookie}` } });
    expect((await replay.get("/api/auth/session")).status()).toBe(401);
    await replay.dispose();
  });
});

test("API tokens authenticate scripts with their role, and stop when revoked", async ({ request }) => {
  const admin = await newRequest.newContext({ baseURL: test.info().project.use.baseURL });
  await signInRequest(admin, "admin");
  const created = await admin.post("/api/admin/tokens", { data: { name: `script ${Date.now()}`, role: "viewer" } });
  const { token, secret } = (await created.json()) as { token: { id: string }; secret: string };
  const asToken = await request.get("/api/jobs?region=cn-hangzhou&type=sync", { headers: bearer(secret) });
  expect(asToken.status()).toBe(200);
  const reset = await request.post("/api/jobs/l3m1213ye7l3k2j/reset", { headers: bearer(secret), data: {} });
  expect(reset.status()).toBe(403);
  expect((await reset.json()).error.message).toBe("Your role, viewer, cannot reset tasks.");
  expect((await admin.delete(`/api/admin/tokens/${token.id}`)).status()).toBe(200);
  expect((await request.get("/api/jobs?region=cn-hangzhou&type=sync", { headers: bearer(secret) })).status()).toBe(401);
  await admin.dispose();
});
