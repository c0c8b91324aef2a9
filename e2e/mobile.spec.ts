// On a phone (390×844): the task list's rows are laid out as cards (one markup for every width:
// the table keeps its semantics, its headings for screen readers only), the reset history shows
// cards instead of a table, nothing scrolls sideways, and a task can be reset from the list, by touch or by keyboard, with the
// dialog's consequences readable and its buttons in reach.
import type { Locator, Page } from "@playwright/test";
import { SEED, expect, expectNoAxeViolations, jobsUrl, resetDialog, test } from "./fixtures";
import { simulatorCalls } from "./support/simulator";

const { oneWayRunning } = SEED;

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

async function expectNoSidewaysScroll(page: Page, label: string) {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll, `${label}: the page is as wide as the screen`).toBe(widths.inner);
}

/** A task's row of the list, which below the md breakpoint is laid out as a card. */
function cardOf(page: Page, name: string): Locator {
  return page.getByRole("table").getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
}

/** Fully inside the viewport: nothing to scroll or zoom to reach it. */
async function expectInViewport(page: Page, target: Locator, label: string) {
  const box = await target.boundingBox();
  const viewport = page.viewportSize();
  expect(box, label).not.toBeNull();
  expect(box!.x, label).toBeGreaterThanOrEqual(0);
  expect(box!.y, label).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, label).toBeLessThanOrEqual(viewport!.width);
  expect(box!.y + box!.height, label).toBeLessThanOrEqual(viewport!.height);
}

async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("the task list's rows are cards, and nothing scrolls sideways", async ({ page }) => {
  await page.goto(jobsUrl({ region: oneWayRunning.region, type: "sync" }));
  const card = cardOf(page, oneWayRunning.name);
  await expect(card).toBeVisible();
  // A card, not a row of a wide table: its facts carry visible labels, the column headings are
  // out of sight (for screen readers only), and the card is inside the screen's width.
  // Each label is drawn by CSS from the cell's data-label (not an element of its own): read what
  // the browser draws, and that the cell is the card's label-and-value grid it is drawn into.
  for (const label of ["Instance ID", "Topology", "Direction", "Delay", "Created"]) {
    const drawn = await card.locator(`td[data-label="${label}"]`).evaluate((cell) => {
      const before = getComputedStyle(cell, "::before");
      return { content: before.content, display: before.display, cellDisplay: getComputedStyle(cell).display, width: cell.getBoundingClientRect().width };
    });
    expect(drawn.content, label).toContain(label);
    expect(drawn.display, label).not.toBe("none");
    expect(drawn.cellDisplay, label).toBe("grid");
    expect(drawn.width, label).toBeGreaterThan(0);
  }
  const heading = await page.getByRole("columnheader", { name: "Topology" }).evaluate((el) => el.closest("thead")!.getBoundingClientRect().width);
  expect(heading, "the column headings are sr-only").toBeLessThanOrEqual(1);
  const box = await card.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  // Each fact is still a cell under its column's heading, for a screen reader.
  await expect(card.getByRole("cell").nth(1)).toHaveText(oneWayRunning.instanceId);
  await expect(card).toContainText(oneWayRunning.jobId);
  await expect(card).toContainText(oneWayRunning.instanceId);
  await expect(card.locator('[data-status="Synchronizing"]')).toBeVisible();
  await expect(card).toContainText("One-way");
  const reset = card.getByRole("button", { name: `Reset ${oneWayRunning.name}`, exact: true });
  await reset.scrollIntoViewIfNeeded();
  await expectInViewport(page, reset, "the card's Reset button");
  await expectNoSidewaysScroll(page, "/jobs");
  await expectNoAxeViolations(page, "/jobs at 390 px");
});

test("reset a task from the list by keyboard, nothing scrolled sideways, the dialog readable and in reach", async ({ page, request }) => {
  await page.goto(jobsUrl({ region: oneWayRunning.region, type: "sync", q: oneWayRunning.jobId }));
  const card = cardOf(page, oneWayRunning.name);
  await expect(card).toBeVisible();
  const opener = card.getByRole("button", { name: `Reset ${oneWayRunning.name}`, exact: true });
  await tabTo(page, opener);
  await page.keyboard.press("Enter");

  const dialog = resetDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectInViewport(page, dialog, "the dialog");
  await expectInViewport(page, dialog.getByRole("button", { name: "Continue" }), "Continue");
  await expectInViewport(page, dialog.getByRole("button", { name: "Cancel" }), "Cancel");
  // The consequences are text at a readable size, not shrunk to fit.
  const fontSize = await dialog
    .getByText("The data in the source and destination databases is not touched.")
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(12);
  await expectNoSidewaysScroll(page, "the dialog's first step");
  await expectNoAxeViolations(page, "the reset dialog at 390 px");

  await tabTo(page, dialog.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  await expect(dialog.getByLabel("Type the task ID to confirm")).toBeFocused();
  await page.keyboard.type(oneWayRunning.jobId);
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  await page.keyboard.type("Replication stuck after a schema change");
  const submit = dialog.getByRole("button", { name: "Reset task" });
  await expect(submit).toBeEnabled();
  await expectInViewport(page, submit, "Reset task");
  await expectNoSidewaysScroll(page, "the dialog's second step");
  await tabTo(page, submit);
  await page.keyboard.press("Enter");

  await expect(dialog).toBeHidden();
  await expect(page.getByRole("region", { name: /Task reset: orders-rds-to-polardb \(Forward\)/ })).toBeVisible();
  await expect(card.locator('[data-status="NotConfigured"]')).toBeVisible();
  await expect(opener).toBeDisabled();
  await expectNoSidewaysScroll(page, "/jobs after the reset");
  expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(1);

  // The reset history, as cards too.
  await page.goto("/resets");
  const history = page.locator('[data-layout="cards"]');
  await expect(history.getByRole("listitem").first()).toContainText(oneWayRunning.name);
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectNoSidewaysScroll(page, "/resets");
  await expectNoAxeViolations(page, "/resets at 390 px");
});
