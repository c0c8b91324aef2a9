// axe on every screen of the reset flow, and the screenshots kept as artifacts
// (test-results/screenshots/): the list and both dialog steps.
import { SEED, expect, expectNoAxeViolations, jobsUrl, openResetDialog, screenshot, test, waitForRows } from "./fixtures";

const { twoWayRunning } = SEED;

test("the task list has no axe violations", async ({ page }) => {
  await page.goto(jobsUrl({ region: "cn-hangzhou", type: "sync" }));
  await waitForRows(page);
  await screenshot(page, "jobs-list");
  await expectNoAxeViolations(page, "/jobs");
});

test("the detail page has no axe violations", async ({ page }) => {
  await page.goto(`/jobs/${twoWayRunning.jobId}?region=${twoWayRunning.region}&type=sync`);
  await expect(page.getByRole("region", { name: "Reverse task" })).toBeVisible();
  await screenshot(page, "job-detail");
  await expectNoAxeViolations(page, "the detail page");
});

test("both steps of the open reset dialog have no axe violations", async ({ page }) => {
  await page.goto(jobsUrl({ region: twoWayRunning.region, type: "sync", q: twoWayRunning.name }));
  await waitForRows(page);
  const dialog = await openResetDialog(page, twoWayRunning);
  await screenshot(page, "reset-dialog-review");
  await expectNoAxeViolations(page, "the dialog's review step");

  await dialog.getByRole("radio", { name: "Reverse" }).check();
  await dialog.getByRole("button", { name: "Continue" }).click();
  await dialog.getByLabel("Type the task ID to confirm").fill("r4t1y8");
  await dialog.getByLabel("Reason").fill("Reverse replication stuck");
  await screenshot(page, "reset-dialog-confirm");
  await expectNoAxeViolations(page, "the dialog's confirm step");
});
