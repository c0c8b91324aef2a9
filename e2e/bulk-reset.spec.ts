// The bulk reset through the pages (issue 22): tasks chosen in two regions, the dialog's dry run
// (a task that stopped being resettable since it was chosen is shown blocked and left out), one
// reason and the count typed, the bulk's page to the end, an item's record; the same with the
// keyboard only; Cancel; the overview's "Reset the failed tasks…"; axe in both languages. Every
// wait is on the page's own state (an attribute, a URL, a count), never on the clock.
import type { Locator, Page } from "@playwright/test";
import en from "../messages/en.json";
import zh from "../messages/zh-CN.json";
import { SEED, expect, expectNoAxeViolations, jobsUrl, rowOf, test, waitForRows } from "./fixtures";
import { holdCalls, releaseAllHolds, setTaskStatus, simulatorCalls, waitForHeldCalls } from "./support/simulator";

const { oneWayRunning, failedWithError, twoWayReverseFailed, prechecking, longName } = SEED;

const REASON = "Source database failed over; resetting the broken tasks";

/** Presses Tab until the target has focus, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

function checkbox(page: Page, name: string): Locator {
  return page.getByRole("checkbox", { name: `Select ${name}`, exact: true });
}

function selectionBar(page: Page): Locator {
  return page.getByRole("region", { name: "Selected tasks" });
}

function bulkDialog(page: Page): Locator {
  return page.getByRole("alertdialog", { name: /^Bulk reset: / });
}

function planItem(dialog: Locator, jobId: string): Locator {
  return dialog.locator(`[data-plan-job-id="${jobId}"]`);
}

/** The bulk's page: its status, as the page shows it. */
function bulkPage(page: Page): Locator {
  return page.locator("[data-bulk-status]").first();
}

/** Waits for the dialog's plan (the dry run's answer) to be on screen and settled; the list is named in the reader's language. */
async function waitForPlan(dialog: Locator, items: number, listName: string = en.Bulk.planListLabel) {
  await expect(dialog.getByRole("list", { name: listName }).getByRole("listitem")).toHaveCount(items);
  await expect(dialog.locator("section[aria-busy=true]")).toHaveCount(0);
}

async function gotoRegion(page: Page, region: string) {
  await page.goto(jobsUrl({ region, type: "sync", pageSize: 30 }));
  await waitForRows(page);
}

test("tasks chosen in two regions are planned, confirmed once, reset one by one to the end, each with its record", async ({ page, request }) => {
  await gotoRegion(page, "cn-hangzhou");
  // A task DTS would not reset cannot be chosen, and says why.
  await expect(checkbox(page, prechecking.name)).toBeDisabled();
  await expect(checkbox(page, prechecking.name)).toHaveAccessibleDescription("DTS does not allow a reset while the precheck is running.");
  await checkbox(page, failedWithError.name).check();
  await checkbox(page, oneWayRunning.name).check();
  await expect(selectionBar(page)).toContainText("2 tasks selected");

  // Another region: the choice stays, and grows.
  await page.getByLabel("Region").selectOption("cn-shanghai");
  await expect(page).toHaveURL(/region=cn-shanghai/);
  await waitForRows(page);
  await expect(selectionBar(page)).toContainText("2 tasks selected");
  await checkbox(page, twoWayReverseFailed.name).check();
  await expect(selectionBar(page)).toContainText("3 tasks selected");

  // The choice survives a reload (the tab's storage) and the way back to the first region.
  await page.reload();
  await waitForRows(page);
  await expect(checkbox(page, twoWayReverseFailed.name)).toBeChecked();
  await expect(selectionBar(page)).toContainText("3 tasks selected");

  // One chosen task stops being resettable before the dialog opens: the plan, read fresh, says so.
  await setTaskStatus(request, oneWayRunning.jobId, "Prechecking");

  await selectionBar(page).getByRole("button", { name: "Reset 3 tasks" }).click();
  const dialog = bulkDialog(page);
  await expect(dialog).toBeVisible();
  await waitForPlan(dialog, 3);
  await expect(planItem(dialog, failedWithError.jobId)).toHaveAttribute("data-eligible", "true");
  await expect(planItem(dialog, failedWithError.jobId)).toContainText("Hangzhou");
  await expect(planItem(dialog, twoWayReverseFailed.jobId)).toContainText("Shanghai");
  const blocked = planItem(dialog, oneWayRunning.jobId);
  await expect(blocked).toHaveAttribute("data-eligible", "false");
  await expect(blocked).toContainText("Not included");
  await expect(blocked).toContainText("DTS does not allow a reset while the precheck is running.");
  await expect(dialog.getByRole("status").filter({ hasText: "will be reset" })).toHaveText("2 tasks will be reset; 1 cannot be reset and will not be sent.");

  // Only the two-way task offers a direction; its failed half is proposed. Changing it plans again.
  await expect(planItem(dialog, failedWithError.jobId).getByRole("radio")).toHaveCount(0);
  const directions = planItem(dialog, twoWayReverseFailed.jobId).getByRole("group", { name: `Direction of ${twoWayReverseFailed.name}` });
  await expect(directions.getByRole("radio", { name: "Reverse" })).toBeChecked();
  const replanned = page.waitForResponse((r) => r.url().endsWith("/api/bulk-resets") && r.request().method() === "POST");
  await directions.getByRole("radio", { name: "Forward" }).check();
  expect((await replanned).status()).toBe(200);
  await waitForPlan(dialog, 3);
  await expect(directions.getByRole("radio", { name: "Forward" })).toBeChecked();
  await directions.getByRole("radio", { name: "Reverse" }).check();
  await waitForPlan(dialog, 3);
  await expect(directions.getByRole("radio", { name: "Reverse" })).toBeChecked();

  // The consequences once; one reason; the number of tasks that will be reset, typed.
  await expect(dialog.getByRole("heading", { name: "What a reset does" })).toHaveCount(1);
  const submit = dialog.getByRole("button", { name: "Reset 2 tasks" });
  await expect(submit).toHaveAttribute("aria-disabled", "true");
  await dialog.getByLabel("Reason").fill(REASON);
  await dialog.getByLabel("Type the number of tasks to confirm").fill("3");
  await expect(dialog.getByText("This is not 2 yet.")).toBeVisible();
  await expect(submit).toHaveAttribute("aria-disabled", "true");
  await dialog.getByLabel("Type the number of tasks to confirm").fill("2");
  await expect(dialog.getByText("The number matches.")).toBeVisible();
  expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(0);
  await submit.click();

  // The bulk's page, live until the end.
  await expect(page).toHaveURL(/\/bulk-resets\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Bulk reset of 2 tasks" })).toBeVisible();
  const progress = page.getByRole("progressbar", { name: "Tasks done" });
  await expect(progress).toHaveAttribute("aria-valuemax", "2");
  await expect(bulkPage(page)).toHaveAttribute("data-bulk-status", "succeeded", { timeout: 30_000 });
  await expect(progress).toHaveAttribute("aria-valuenow", "2");
  await expect(progress).toHaveAttribute("aria-valuetext", "2 of 2 done");
  await expect(page.locator('[data-count-status="succeeded"]')).toHaveAttribute("data-count", "2");
  await expect(page.getByRole("button", { name: "Cancel the rest…" })).toHaveCount(0);
  for (const format of ["CSV", "JSON"]) await expect(page.getByRole("link", { name: `Export ${format}` })).toHaveAttribute("href", /\/export\?format=/);

  // Each eligible task reset exactly once, the two-way one in the direction chosen; the blocked one never.
  const resets = await simulatorCalls(request, "ResetDtsJob");
  expect(resets).toHaveLength(2);
  expect(resets.map((c) => c.params.DtsJobId).sort()).toEqual(expect.arrayContaining([failedWithError.jobId]));
  expect(resets.some((c) => c.params.SynchronizationDirection === "Reverse")).toBe(true);
  expect(resets.some((c) => c.params.DtsJobId === oneWayRunning.jobId)).toBe(false);

  // An item's record.
  const items = page.getByRole("table", { name: /Tasks of this bulk reset/ });
  const row = items.getByRole("row").filter({ hasText: failedWithError.name });
  await expect(row.locator('[data-item-status="succeeded"]')).toBeVisible();
  await row.getByRole("link", { name: `Open the record of ${failedWithError.name}` }).click();
  await expect(page).toHaveURL(/\/resets\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(failedWithError.name);

  // The choice was let go once the bulk started.
  await gotoRegion(page, "cn-hangzhou");
  await expect(checkbox(page, failedWithError.name)).not.toBeChecked();
  await expect(selectionBar(page)).toHaveCount(0);

  // The list of bulks, newest first, leads back to it.
  await page.goto("/bulk-resets");
  const list = page.getByRole("table", { name: /Bulk resets/ });
  await expect(list.getByRole("row").nth(1).locator('[data-bulk-status="succeeded"]')).toBeVisible();
  await list.getByRole("link", { name: /^2 tasks, / }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Bulk reset of 2 tasks" })).toBeVisible();
});

test("choose, plan, confirm and follow a bulk reset with the keyboard only; Escape returns focus", async ({ page, request }) => {
  await gotoRegion(page, "cn-hangzhou");
  const box = checkbox(page, failedWithError.name);
  await tabTo(page, box);
  await page.keyboard.press("Space");
  await expect(box).toBeChecked();
  await expect(selectionBar(page)).toContainText("1 task selected");
  const opener = selectionBar(page).getByRole("button", { name: "Reset 1 task" });
  await tabTo(page, opener);
  await page.keyboard.press("Enter");
  const dialog = bulkDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await waitForPlan(dialog, 1);

  // Escape closes it and gives focus back to the button that opened it.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await waitForPlan(dialog, 1);

  // Focus is trapped: tabbing around never leaves the dialog.
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await tabTo(page, dialog.getByLabel("Reason"));
  await page.keyboard.type(REASON);
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Type the number of tasks to confirm")).toBeFocused();
  await page.keyboard.type("1");
  await tabTo(page, dialog.getByRole("button", { name: "Reset 1 task" }));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/bulk-resets\/[0-9a-f-]{36}$/);
  await expect(bulkPage(page)).toHaveAttribute("data-bulk-status", "succeeded", { timeout: 30_000 });
  const record = page.getByRole("link", { name: `Open the record of ${failedWithError.name}` }).first();
  await tabTo(page, record);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/resets\/[0-9a-f-]+$/);
  expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(1);
});

test("Cancel asks first, then the tasks not yet sent are never sent; the one in flight finishes", async ({ page, request }) => {
  await gotoRegion(page, "cn-hangzhou");
  await checkbox(page, failedWithError.name).check();
  await checkbox(page, oneWayRunning.name).check();
  await page.getByLabel("Region").selectOption("ap-southeast-1");
  await waitForRows(page);
  await checkbox(page, longName.name).check();
  await selectionBar(page).getByRole("button", { name: "Reset 3 tasks" }).click();
  const dialog = bulkDialog(page);
  await waitForPlan(dialog, 3);
  await dialog.getByLabel("Reason").fill(REASON);
  await dialog.getByLabel("Type the number of tasks to confirm").fill("3");

  // The first reset reaches DTS and is held there: the bulk is running, two tasks still queued.
  await holdCalls(request, { action: "ResetDtsJob", count: 1 });
  await dialog.getByRole("button", { name: "Reset 3 tasks" }).click();
  await expect(page).toHaveURL(/\/bulk-resets\/[0-9a-f-]{36}$/);
  await waitForHeldCalls(request, 1);
  await expect(bulkPage(page)).toHaveAttribute("data-bulk-status", "running");

  const ask = page.getByRole("button", { name: "Cancel the rest…" });
  await ask.click();
  const question = page.getByRole("group", { name: /will not be sent/ });
  await expect(question).toContainText("The 2 tasks not yet sent will not be sent.");
  // Changing one's mind puts focus back where it was.
  await question.getByRole("button", { name: "Keep going" }).click();
  await expect(ask).toBeFocused();
  await ask.click();
  await page.getByRole("button", { name: "Yes, cancel the rest" }).click();
  await expect(page.locator('[data-count-status="cancelled"]')).toHaveAttribute("data-count", "2");

  await releaseAllHolds(request);
  await expect(bulkPage(page)).toHaveAttribute("data-bulk-status", /^(cancelled|partial|succeeded)$/, { timeout: 30_000 });
  await expect(page.locator('[data-count-status="succeeded"]')).toHaveAttribute("data-count", "1");
  expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(1);
});

test("the overview's \"Reset the failed tasks…\" opens the region's failed tasks, all of the page chosen", async ({ page }) => {
  await page.goto("/overview");
  const link = page.locator(`[data-layout="table"] a[data-reset-failed="${failedWithError.region}"]`).first();
  await expect(link).toHaveAccessibleName(/^Reset the failed tasks… \(\d+ in China \(Hangzhou\), /);
  await link.click();
  await expect(page).toHaveURL(/\/jobs\?.*region=cn-hangzhou.*status=Failed/);
  await waitForRows(page);
  // Honoured once: the address forgets it, so a reload does not choose them again.
  await expect(page).not.toHaveURL(/select=all/);
  await expect(checkbox(page, failedWithError.name)).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Select all on this page" })).toBeChecked();
  const rows = await page.locator("tbody tr[data-instance-id]").count();
  await expect(selectionBar(page)).toContainText(rows === 1 ? "1 task selected" : `${rows} tasks selected`);
  await expect(selectionBar(page).getByRole("button", { name: /^Reset \d+ tasks?$/ })).toBeVisible();
});

test.describe("signed in as a viewer", () => {
  test.use({ signedInAs: "viewer" });

  test("no task can be chosen and the overview offers no bulk reset", async ({ page }) => {
    await gotoRegion(page, "cn-hangzhou");
    await expect(rowOf(page, failedWithError)).toBeVisible();
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await page.goto("/overview");
    await expect(page.locator("[data-as-of]")).toBeVisible();
    await expect(page.locator("a[data-reset-failed]")).toHaveCount(0);
  });
});

for (const locale of ["en", "zh-CN"] as const) {
  test(`the selection bar, the dialog's plan and the bulk's pages have no axe violations (${locale})`, async ({ page, baseURL }) => {
    const words = locale === "zh-CN" ? zh : en;
    if (locale === "zh-CN") await page.context().addCookies([{ name: "locale", value: "zh-CN", url: baseURL! }]);
    await page.goto(jobsUrl({ region: twoWayReverseFailed.region, type: "sync" }));
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    // The table is named in the reader's language: wait on the task's checkbox instead.
    await page.locator(`tr input[data-select-task="${twoWayReverseFailed.jobId}"]`).check();
    await expect(page.locator("[data-selection-count]")).toHaveAttribute("data-selection-count", "1");
    await expectNoAxeViolations(page, `/jobs with a task chosen (${locale})`);

    await page.locator("[data-selection-count]").getByRole("button").last().click();
    const dialog = page.getByRole("alertdialog");
    await waitForPlan(dialog, 1, words.Bulk.planListLabel);
    await expect(dialog.locator('[data-plan-job-id][data-eligible="true"]')).toHaveCount(1);
    await expectNoAxeViolations(page, `the bulk dialog's plan (${locale})`);
    await dialog.getByLabel(words.Bulk.reasonLabel).fill(REASON);
    await dialog.getByLabel(words.Bulk.confirmLabel).fill("1");
    await dialog.locator('button[type="submit"]').click();

    await expect(page).toHaveURL(/\/bulk-resets\/[0-9a-f-]{36}$/);
    await expect(bulkPage(page)).toHaveAttribute("data-bulk-status", "succeeded", { timeout: 30_000 });
    await expectNoAxeViolations(page, `/bulk-resets/[id] (${locale})`);
    await page.goto("/bulk-resets");
    await expect(page.locator("[data-bulk-id]").first()).toBeVisible();
    await expectNoAxeViolations(page, `/bulk-resets (${locale})`);
  });
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("a task card is chosen by touch, the bar is in reach, nothing scrolls sideways", async ({ page }) => {
    await page.goto(jobsUrl({ region: failedWithError.region, type: "sync" }));
    // Below md the task's row is laid out as a card (app/jobs/_components/job-row.tsx).
    const card = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("link", { name: failedWithError.name, exact: true }) });
    await expect(card).toBeVisible();
    await card.getByRole("checkbox", { name: `Select ${failedWithError.name}` }).tap();
    const bar = selectionBar(page);
    await expect(bar).toContainText("1 task selected");
    const box = await bar.getByRole("button", { name: "Reset 1 task" }).boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll).toBe(widths.inner);
    await expectNoAxeViolations(page, "/jobs with a task chosen at 390 px");
  });
});
