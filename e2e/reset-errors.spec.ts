// When DTS refuses a reset, or does not answer: the dialog stays open and says what happened.
import { SEED, expect, fillConfirmStep, gotoTask, openResetDialog, rowOf, test } from "./fixtures";
import { heldCalls, holdCalls, injectFault, INVALID_PARAMETER_FAILURE, simulatorCalls, waitForHeldCalls } from "./support/simulator";

const { oneWayRunning, failedWithError } = SEED;

test("a DTS failure shows DTS's code, message and RequestId, and the dialog stays open", async ({ page, request }) => {
  await injectFault(request, INVALID_PARAMETER_FAILURE);
  await gotoTask(page, oneWayRunning);
  const dialog = await openResetDialog(page, oneWayRunning);
  await fillConfirmStep(dialog, oneWayRunning.jobId);
  await dialog.getByRole("button", { name: "Reset task" }).click();

  const alert = dialog.getByRole("alert");
  await expect(alert).toContainText("DTS refused the reset");
  await expect(alert).toContainText("InvalidParameter");
  // DynamicMessage substituted by the server.
  await expect(alert).toContainText("The Value of Input Parameter DtsJobId is not valid.");
  await expect(alert).toContainText(/RequestId\s*[0-9A-F]{8}-[0-9A-F]{4}-/);
  await expect(alert).toContainText("HTTP status");
  await expect(alert).toContainText("Safe to retry");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Type the task ID to confirm")).toHaveValue(oneWayRunning.jobId);
  // (The page behind the modal is hidden from the accessibility tree, so find the row by CSS.)
  await expect(page.locator(`tr[data-instance-id="${oneWayRunning.instanceId}"] [data-status="Synchronizing"]`)).toHaveCount(1);

  // The fault was for one call: trying again from the same dialog sends a new, separate reset.
  await dialog.getByRole("button", { name: "Reset task" }).click();
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, oneWayRunning).locator('[data-status="NotConfigured"]')).toBeVisible();
  const calls = await simulatorCalls(request, "ResetDtsJob");
  expect(calls.map((c) => c.verdict)).toEqual(["fault", "ok"]);
});

test("no answer from DTS shows an unknown outcome and asks to check the task first", async ({ page, request }) => {
  test.setTimeout(90_000); // the console waits out its 15 s read timeout
  // DTS never answers: the call is held until the end of the test, so only the console's read
  // timeout (15 s in the e2e servers, playwright.config.ts) can end the wait.
  await holdCalls(request, { action: "ResetDtsJob" });
  // A task of its own: the console then refuses further resets of it (reset_in_progress) until
  // the unknown outcome is reconciled, and the audit store outlives the simulator's reset.
  await gotoTask(page, failedWithError);
  const dialog = await openResetDialog(page, failedWithError);
  await fillConfirmStep(dialog, failedWithError.jobId);
  const submit = dialog.getByRole("button", { name: "Reset task" });
  await submit.click();

  // While the call runs the button shows progress and cannot be pressed again; Escape is ignored.
  // (The call has reached DTS and gets no answer: that is what "runs" means here.)
  await waitForHeldCalls(request);
  const pending = dialog.getByRole("button", { name: "Resetting…" });
  await expect(pending).toBeDisabled();
  await pending.click({ force: true });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeVisible();

  const alert = dialog.getByRole("alert");
  // The read timeout plus a loaded machine's slack; the wait ends on the event, not on the clock.
  await expect(alert).toContainText("Outcome unknown", { timeout: 45_000 });
  await expect(alert).toContainText("Check the task before trying again");
  await expect(dialog).toBeVisible();
  // Sent once and never re-sent: the one call is still held (the call log lists answered calls only).
  expect((await heldCalls(request)).map((c) => c.action)).toEqual(["ResetDtsJob"]);
  expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(0);
});
