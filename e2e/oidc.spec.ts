// Single sign-on in a real browser (issue 23): the fleet console (playwright.config.ts) signs in
// through a real OpenID Provider on loopback (e2e/support/oidc-provider.ts, the OIDC suites'
// oidc-provider), beside its local accounts. A person's role follows their groups; a person with
// no mapped group is refused with a page that says why. Both languages, axe, a phone.
import { test as base, type Page } from "@playwright/test";
import { expect, expectNoAxeViolations } from "./fixtures";

const FLEET_URL = process.env.E2E_FLEET_URL;
const ISSUER = process.env.E2E_OIDC_ISSUER;

const test = base.extend({});
test.skip(!FLEET_URL || !ISSUER, "the fleet console with its OpenID Provider runs only in a production e2e run (not E2E_DEV)");
if (FLEET_URL) test.use({ baseURL: FLEET_URL });

/** The provider's development login form: any password goes. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.locator('button[type="submit"]').click();
}

test("an operator signs in through the identity provider and lands on the page asked for, with the role their group gives", async ({ page }) => {
  await page.goto("/sign-in?next=%2Fresets");
  const sso = page.getByRole("link", { name: "Sign in with Example IdP" });
  await expect(sso).toBeVisible();
  // Local accounts still sign in on this console.
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expectNoAxeViolations(page, "/sign-in with an identity provider");
  // The link is reached and followed with the keyboard.
  await sso.focus();
  await page.keyboard.press("Enter");
  await signInAtProvider(page, "sso-operator");
  await expect(page).toHaveURL(`${FLEET_URL}/resets`);
  await expect(page.getByRole("heading", { name: "Reset history", level: 1 })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("sso-operator");
  // The session is an operator's: the API agrees.
  const me = await page.request.get("/api/auth/session");
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ user: { username: "sso-operator", role: "operator" } });

  // Sign-out ends the provider's session too (RP-initiated logout), then comes back to sign-in.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(new RegExp(`^${ISSUER}/`));
  await page.locator('button[type="submit"], button[autofocus]').first().click();
  await expect(page).toHaveURL(new RegExp(`^${FLEET_URL}/sign-in`));
  expect((await page.request.get("/api/auth/session")).status()).toBe(401);
});

for (const locale of ["en", "zh-CN"] as const) {
  test(`a person whose groups give no role is refused with a page that says why (${locale}); axe clean`, async ({ page, context }) => {
    await context.addCookies([{ name: "locale", value: locale, url: FLEET_URL! }]);
    await page.goto("/sign-in");
    await page.getByRole("link", { name: locale === "en" ? "Sign in with Example IdP" : "使用 Example IdP 登录" }).click();
    await signInAtProvider(page, "sso-outsider");
    await expect(page).toHaveURL(new RegExp(`^${FLEET_URL}/sign-in/refused`));
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading).toHaveText(locale === "en" ? "Sign-in refused" : "登录被拒绝");
    // It names the groups that would give a role, and starts no session.
    await expect(page.getByText("dts-operators")).toBeVisible();
    expect((await page.request.get("/api/auth/session")).status()).toBe(401);
    await expectNoAxeViolations(page, `/sign-in/refused (${locale})`);
  });
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the sign-in page with an identity provider fits, and its link is a comfortable target", async ({ page }) => {
    await page.goto("/sign-in");
    const sso = page.getByRole("link", { name: "Sign in with Example IdP" });
    await expect(sso).toBeVisible();
    const box = await sso.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(24);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectNoAxeViolations(page, "/sign-in with an identity provider (phone)");
  });
});
