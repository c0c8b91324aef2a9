// The whole reset, done with the keyboard alone.
import type { Locator, Page } from "@playwright/test";
import { SEED, expect, gotoTask, resetDialog, rowOf, test } from "./fixtures";
import { simulatorCalls } from "./support/simulator";

const { oneWayRunning } = SEED;

/** Presses Tab until the target has focus, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("open, review, confirm and submit a reset with the keyboard only", async ({ page, request }) => {
  await gotoTask(page, oneWayRunning);
  const opener = page.getByRole("button", { name: `Reset ${oneWayRunning.name}`, exact: true });
  await tabTo(page, opener);
  await page.keyboard.press("Enter");

  const dialog = resetDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();

  // Focus is trapped: tabbing around never leaves the dialog.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }

  await tabTo(page, dialog.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  const confirm = dialog.getByLabel("Type the task ID to confirm");
  await expect(confirm).toBeFocused();
  await page.keyboard.type(oneWayRunning.jobId);
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  await page.keyboard.type("Stuck after a schema change");
  await tabTo(page, dialog.getByRole("button", { name: "Reset task" }));
  await page.keyboard.press("Enter");

  await expect(dialog).toBeHidden();
  // Focus lands on the result, which is what to read next.
  await expect(page.getByRole("heading", { name: /Task reset: orders-rds-to-polardb/ })).toBeFocused();
  await expect(rowOf(page, oneWayRunning).locator('[data-status="NotConfigured"]')).toBeVisible();
  expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(1);
});

test("Escape cancels and returns focus to the row's Reset button", async ({ page, request }) => {
  await gotoTask(page, oneWayRunning);
  const opener = page.getByRole("button", { name: `Reset ${oneWayRunning.name}`, exact: true });
  await tabTo(page, opener);
  await page.keyboard.press("Enter");
  await expect(resetDialog(page)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(resetDialog(page)).toBeHidden();
  await expect(opener).toBeFocused();
  expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(0);
});
