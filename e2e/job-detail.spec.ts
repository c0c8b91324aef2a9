// The task detail page: DescribeDtsJobDetail for both directions, a Reset button, reset history.
import { SEED, expect, fillConfirmStep, jobsUrl, resetDialog, rowOf, test, waitForRows } from "./fixtures";

const { twoWayRunning, oneWayRunning } = SEED;

function detailUrl(fixture: { jobId: string; region: string }) {
  return `/jobs/${fixture.jobId}?region=${fixture.region}&type=sync`;
}

test("the list links to the detail page, which shows both directions of a two-way task", async ({ page }) => {
  await page.goto(jobsUrl({ region: twoWayRunning.region, type: "sync", q: twoWayRunning.jobId }));
  await waitForRows(page);
  await rowOf(page, twoWayRunning).getByRole("link", { name: twoWayRunning.name }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${twoWayRunning.jobId}\\?region=cn-hangzhou&type=sync`));

  await expect(page.getByRole("heading", { level: 1, name: twoWayRunning.name })).toBeVisible();
  const forward = page.getByRole("region", { name: "Forward task" });
  const reverse = page.getByRole("region", { name: "Reverse task" });
  await expect(forward).toContainText(twoWayRunning.jobId);
  await expect(reverse).toContainText(twoWayRunning.reverseJobId ?? "");
  for (const section of [forward, reverse]) {
    await expect(section.getByRole("heading", { name: "Source" })).toBeVisible();
    await expect(section.getByRole("heading", { name: "Destination" })).toBeVisible();
    await expect(section.getByRole("heading", { name: "Selected objects" })).toBeVisible();
    await expect(section.getByRole("heading", { name: "Migration mode" })).toBeVisible();
    await expect(section.getByText("Reserved settings (Reserved JSON)")).toBeVisible();
  }
  await expect(forward).toContainText("member: the whole database");
  // The audit store outlives the simulator's reset, so earlier specs may have reset this task: the
  // section is there either way (its content is covered by reset-history.spec.ts).
  await expect(page.getByRole("region", { name: "Reset history" }).getByRole("heading", { name: "Reset history" })).toBeVisible();
});

test("a one-way task's detail has one direction, and its Reset button opens the dialog", async ({ page }) => {
  await page.goto(detailUrl(oneWayRunning));
  await expect(page.getByRole("heading", { level: 1, name: oneWayRunning.name })).toBeVisible();
  await expect(page.getByRole("region", { name: "Reverse task" })).toHaveCount(0);
  await page.getByRole("button", { name: `Reset ${oneWayRunning.name}`, exact: true }).click();
  const dialog = resetDialog(page);
  await fillConfirmStep(dialog, oneWayRunning.jobId);
  await dialog.getByRole("button", { name: "Reset task" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("region", { name: /Task reset/ })).toBeVisible();
  await expect(page.locator('h1 ~ div [data-status="NotConfigured"]').first()).toBeVisible();
  await expect(page.getByRole("button", { name: `Reset ${oneWayRunning.name}`, exact: true })).toBeDisabled();
});

test("an unknown task shows the API's error with Retry", async ({ page }) => {
  await page.goto(`/jobs/nosuchtask0000?region=cn-hangzhou&type=sync`);
  const alert = page.getByRole("alert").filter({ hasText: "The task could not be loaded" });
  await expect(alert).toContainText("task_not_found");
  await expect(alert.getByRole("button", { name: "Retry" })).toBeVisible();
});
