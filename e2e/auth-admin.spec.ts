// The admin page (users and API tokens) and the access-denied page: server-side gating, the keyboard
// alone, and axe.
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { demoUsername, expect, signIn, test } from "./support/auth";

test.use({ signedInAs: null });

async function expectNoAxeViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `axe on ${label}`).toEqual([]);
}

/** Presses Tab until `target` has focus (at most 80 times): proves it is reachable by keyboard. */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("not reachable with Tab");
}

test.describe("too little role", () => {
  test("an operator asking for the admin page lands on access-denied, which explains and passes axe", async ({ page }) => {
    await signIn(page, "operator");
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/access-denied\?need=admin&from=%2Fadmin%2Fusers$/);
    await expect(page.getByRole("heading", { name: "Access denied", level: 1 })).toBeVisible();
    await expect(page.getByText("Your role, operator, cannot manage users and API tokens.")).toBeVisible();
    await expectNoAxeViolations(page, "the access-denied page");
    // The way out works from the keyboard.
    await tabTo(page, page.getByRole("main").getByRole("link", { name: "Go to the task list" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/jobs/);
  });
});

test.describe("the admin page", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/admin/users");
    await expect(page.getByRole("table", { name: /accounts/ })).toBeVisible();
  });

  test("creates a user with the keyboard alone and shows the generated password once", async ({ page }) => {
    const username = `kbd-${Date.now()}`;
    const form = page.getByRole("form", { name: "Add a user" });
    await tabTo(page, form.getByLabel("Username"));
    await page.keyboard.type(username);
    await page.keyboard.press("Tab");
    await expect(form.getByLabel("Role")).toBeFocused();
    await page.keyboard.press("ArrowDown"); // viewer -> operator
    await page.keyboard.press("Tab"); // password: left empty, so one is generated
    await page.keyboard.press("Tab");
    await expect(form.getByRole("button", { name: "Add user" })).toBeFocused();
    await page.keyboard.press("Enter");

    const secret = page.getByRole("status").filter({ hasText: `Password of ${username}` });
    await expect(secret).toBeVisible();
    const password = await secret.getByLabel(`the password of ${username}`, { exact: true }).textContent();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: username }) });
    await expect(row.getByLabel(`Role of ${username}`)).toHaveValue("operator");
    await expectNoAxeViolations(page, "the admin page with a one-time password");

    await secret.getByRole("button", { name: "Done, hide it" }).click();
    await expect(page.getByText(password!)).toHaveCount(0);
  });

  test("resets a password through the confirmation dialog with the keyboard, and passes axe with it open", async ({ page }) => {
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: demoUsername("viewer") }) });
    const resetButton = row.getByRole("button", { name: `Reset the password of ${demoUsername("viewer")}` });
    await tabTo(page, resetButton);
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog", { name: `Reset the password of ${demoUsername("viewer")}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await expectNoAxeViolations(page, "the admin page's confirmation dialog");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(resetButton).toBeFocused();
  });

  test("creates an API token shown once, and revokes it", async ({ page }) => {
    const name = `kbd token ${Date.now()}`;
    const section = page.getByRole("region", { name: "API tokens" });
    const form = section.getByRole("form", { name: "Create an API token" });
    await form.getByLabel("Token name").fill(name);
    await form.getByLabel("Role").selectOption("operator");
    await form.getByRole("button", { name: "Create token" }).click();
    const secret = section.getByRole("status").filter({ hasText: `API token ${name}` });
    const value = await secret.getByLabel(`the API token ${name}`, { exact: true }).textContent();
    expect(value).toMatch(/^dtsc_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);

    const asToken = await page.request.get("/api/auth/session", { headers: { authorization: `Bearer ${value}` } });
    expect((await asToken.json()).user).toMatchObject({ username: `token:${name}`, role: "operator" });

    await section.getByRole("button", { name: `Revoke the token ${name}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke token" }).click();
    const row = section.getByRole("row").filter({ hasText: name });
    await expect(row.getByText(/^Revoked/)).toBeVisible();
    const after = await page.request.get("/api/auth/session", { headers: { authorization: `Bearer ${value}` } });
    expect(after.status()).toBe(401);
  });

  test("cannot disable or demote its own account, and says so", async ({ page }) => {
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: demoUsername("admin") }) });
    await expect(row.getByRole("button", { name: `Disable ${demoUsername("admin")}` })).toBeDisabled();
    await expect(row.getByLabel(`Role of ${demoUsername("admin")}`)).toBeDisabled();
    await expect(page.getByText("You cannot change the role of, or disable, your own account")).toBeVisible();
  });
});
