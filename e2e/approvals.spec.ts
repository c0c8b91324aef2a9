// Two-person approval (issue 13), through the pages and with the keyboard only: operator A asks
// for a reset in the usual dialog, operator B approves it on /approvals and sees the reset, A sees
// the outcome too. Exactly one ResetDtsJob, and none before the approval.
import type { Browser, Locator, Page } from "@playwright/test";
import { SEED, expect, expectNoAxeViolations, gotoTask, test } from "./fixtures";
import { DEMO_PASSWORD } from "../lib/auth/demo-users";
import { simulatorCalls } from "./support/simulator";

const { oneWayRunning } = SEED;

async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

async function signedInPage(browser: Browser, username: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.request.post("/api/auth/sign-in", { data: { username, password } });
  expect(response.status(), `sign-in as ${username}`).toBe(200);
  return page;
}

test("A requests a reset, B approves and resets it, A sees the outcome; keyboard only, axe clean", async ({ page, browser, request }) => {
  const admin = await signedInPage(browser, "demo-admin", DEMO_PASSWORD);
  const bobName = `e2e-bob-${Date.now().toString(36)}`;
  const bobPassword = "e2e-bob-password-123";
  expect((await admin.request.post("/api/admin/users", { data: { username: bobName, role: "operator", password: bobPassword } })).status()).toBe(201);
  expect((await admin.request.put("/api/admin/approval-policy", { data: { mode: "all" } })).status()).toBe(200);
  try {
    // A: the usual dialog, which says approval is required before anything is confirmed.
    await gotoTask(page, oneWayRunning);
    await tabTo(page, page.getByRole("button", { name: `Reset ${oneWayRunning.name}`, exact: true }));
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog");
    await expect(dialog.getByRole("note", { name: "Approval required" })).toBeVisible();
    await tabTo(page, dialog.getByRole("button", { name: "Continue" }));
    await page.keyboard.press("Enter");
    await expect(dialog.getByLabel("Type the task ID to confirm")).toBeFocused();
    await page.keyboard.type(oneWayRunning.jobId);
    await page.keyboard.press("Tab");
    await page.keyboard.type("Stuck after a schema change");
    await tabTo(page, dialog.getByRole("button", { name: "Request approval" }));
    await page.keyboard.press("Enter");
    await expect(dialog.getByRole("heading", { name: "Approval requested" })).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
    expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(0);
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();

    // B: the header counts the pending request; the page lists it first.
    const bob = await signedInPage(browser, bobName, bobPassword);
    await bob.goto("/approvals");
    await expect(bob.getByRole("link", { name: /Approvals\s*1 pending/ })).toBeVisible();
    const pending = bob.getByRole("region", { name: /Pending/ });
    const card = pending.getByRole("article", { name: new RegExp(oneWayRunning.name) });
    await expect(card).toBeVisible();
    await expectNoAxeViolations(bob, "/approvals");
    await tabTo(bob, card.getByLabel(/Comment/));
    await bob.keyboard.type("Checked with the data owners");
    await tabTo(bob, card.getByRole("button", { name: "Approve and reset" }));
    await bob.keyboard.press("Enter");
    const outcome = bob.getByRole("status").filter({ hasText: "Approved: the reset succeeded." });
    await expect(outcome).toBeVisible();
    await expect(outcome).toBeFocused();
    expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(1);
    const decided = bob.getByRole("region", { name: "History" }).getByRole("article", { name: new RegExp(oneWayRunning.name) }).first();
    await expect(decided).toContainText("Approved");
    await expect(decided).toContainText(bobName);

    // A: sees who approved it and reaches the reset record.
    await page.goto("/approvals");
    const mine = page.getByRole("region", { name: "History" }).getByRole("article", { name: new RegExp(oneWayRunning.name) }).first();
    await expect(mine).toContainText("Approved");
    await expect(mine).toContainText(`${bobName} (operator)`);
    await expect(mine).toContainText("Checked with the data owners");
    await expect(mine.getByRole("link", { name: "Reset record" })).toBeVisible();
    await expectNoAxeViolations(page, "/approvals (history)");
    // The reset record names the approver too.
    await mine.getByRole("link", { name: "Reset record" }).click();
    const approvalSection = page.getByRole("region", { name: "Approval", exact: true });
    await expect(approvalSection).toContainText(`${bobName} (operator)`);
    await expect(approvalSection).toContainText("Checked with the data owners");
    await expectNoAxeViolations(page, "/resets/[id] (approved reset)");
    await bob.context().close();
  } finally {
    await admin.request.put("/api/admin/approval-policy", { data: { mode: "off" } });
    await admin.context().close();
  }
});

test("an admin chooses which resets need approval on /admin/users, and the reset dialog says so", async ({ page, browser }) => {
  const admin = await signedInPage(browser, "demo-admin", DEMO_PASSWORD);
  try {
    await admin.goto("/admin/users");
    const section = admin.getByRole("region", { name: "Reset approval" });
    await expect(section.getByLabel("Off: operators reset on their own")).toBeChecked();
    await section.getByLabel(MODE_SELECTED).check();
    await section.getByLabel(/Task-name patterns/).fill(`${oneWayRunning.name.slice(0, 6)}*`);
    await section.getByRole("button", { name: "Save approval setting" }).click();
    await expect(section.getByRole("status")).toHaveText("Saved.");
    await expect(section.getByLabel(/Task-name patterns/)).toHaveValue(`${oneWayRunning.name.slice(0, 6)}*`);

    await gotoTask(page, oneWayRunning);
    await page.getByRole("button", { name: `Reset ${oneWayRunning.name}`, exact: true }).click();
    await expect(page.getByRole("alertdialog").getByRole("note", { name: "Approval required" })).toContainText(`${oneWayRunning.name.slice(0, 6)}*`);
  } finally {
    await admin.request.put("/api/admin/approval-policy", { data: { mode: "off" } });
    await admin.context().close();
  }
});

const MODE_SELECTED = "Only resets in these regions or of tasks with these names";

test("a bulk reset awaiting approval is listed on /approvals and leads to its own page, where a second person decides", async ({ page, browser, request }) => {
  const { failedWithError, twoWayReverseFailed } = SEED;
  const admin = await signedInPage(browser, "demo-admin", DEMO_PASSWORD);
  expect((await admin.request.put("/api/admin/approval-policy", { data: { mode: "all" } })).status()).toBe(200);
  try {
    const items = [failedWithError, twoWayReverseFailed].map((task) => ({ region: task.region, jobId: task.jobId, instanceId: task.instanceId, direction: "Forward" }));
    const created = await page.request.post("/api/bulk-resets", { data: { items, reason: "Source failover broke both", confirmation: "2" } });
    expect(created.status()).toBe(202);
    const { bulk } = (await created.json()) as { bulk: { id: string; status: string } };
    expect(bulk.status).toBe("awaiting_approval");

    await admin.goto("/approvals");
    const section = admin.getByRole("region", { name: /Bulk resets awaiting approval/ });
    await expect(section).toContainText("Source failover broke both");
    await expectNoAxeViolations(admin, "/approvals (a bulk awaiting approval)");
    await section.getByRole("link", { name: "Bulk reset of 2 tasks" }).click();
    await expect(admin).toHaveURL(new RegExp(`/bulk-resets/${bulk.id}$`));
    await expect(admin.getByRole("button", { name: "Approve and reset 2 tasks" })).toBeVisible();
    expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(0);
    // The requester withdraws it: later specs see no request of this one on /approvals.
    expect((await page.request.post(`/api/bulk-resets/${bulk.id}/cancel`, { data: {} })).status()).toBe(200);
  } finally {
    await admin.request.put("/api/admin/approval-policy", { data: { mode: "off" } });
    await admin.context().close();
  }
});
