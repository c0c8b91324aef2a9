// Resetting a task through the dialog, end to end against the simulator.
import {
  SEED,
  expect,
  fillConfirmStep,
  gotoTask,
  jobsUrl,
  openResetDialog,
  rowOf,
  test,
  waitForRows,
} from "./fixtures";
import { SIMULATOR_URL, simulatorCalls } from "./support/simulator";

const { oneWayRunning, twoWayRunning, subscribeNormal } = SEED;

test("one-way Forward reset: one signed ResetDtsJob reaches DTS and the row reaches Not Configured", async ({
  page,
  request,
}) => {
  await gotoTask(page, oneWayRunning);
  const dialog = await openResetDialog(page, oneWayRunning);

  // Step 1: the review, with focus on Cancel.
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expect(dialog).toContainText(oneWayRunning.jobId);
  await expect(dialog).toContainText(oneWayRunning.instanceId);
  await expect(dialog).toContainText("China (Hangzhou)");
  await expect(dialog.getByRole("group", { name: "Direction" }).getByRole("radio", { name: "Forward" })).toBeChecked();
  await expect(dialog).toContainText("credentials, the selected objects and the alert rules");
  await expect(dialog).toContainText("Not Configured");
  await expect(dialog).toContainText("The data in the source and destination databases is not touched.");
  await expect(dialog).toContainText("billing may continue");
  await expect(dialog).not.toContainText("cached changes"); // only for change tracking
  await expect(dialog.getByRole("link", { name: /Reset a DTS instance/ })).toHaveAttribute(
    "href",
    "https://www.alibabacloud.com/help/en/dts/user-guide/reset-a-dts-instance",
  );

  // Step 2: confirm.
  await fillConfirmStep(dialog, oneWayRunning.jobId, "Replication stuck after a schema change");
  const submit = dialog.getByRole("button", { name: "Reset task" });
  await expect(submit).toBeEnabled();
  await submit.click();

  await expect(dialog).toBeHidden();
  const result = page.getByRole("region", { name: /Task reset: orders-rds-to-polardb \(Forward\)/ });
  await expect(result).toBeVisible();
  await expect(result).toContainText("HTTP status200");
  await expect(result).toContainText(/RequestId\s*[0-9A-F]{8}-/);
  await expect(result).toContainText("reconfigure the task");
  await expect(page.getByRole("status").filter({ hasText: "Reset sent: orders-rds-to-polardb (Forward)" })).toContainText(
    "HTTP 200",
  );
  await expect(rowOf(page, oneWayRunning).locator('[data-status="NotConfigured"]')).toBeVisible();
  await expect(rowOf(page, oneWayRunning)).not.toContainText("Waiting for DTS");
  await expect(page.getByRole("button", { name: `Reset ${oneWayRunning.name}`, exact: true })).toBeDisabled();

  const calls = await simulatorCalls(request, "ResetDtsJob");
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({
    verdict: "ok",
    code: null,
    httpStatus: 200,
    params: {
      DtsJobId: oneWayRunning.jobId,
      DtsInstanceId: oneWayRunning.instanceId,
      RegionId: oneWayRunning.region,
      SynchronizationDirection: "Forward",
    },
  });
  // Signed: the simulator verified the signature (verdict ok) under a known scheme.
  expect(["V1", "V3"]).toContain(calls[0]?.scheme);
});

test("Reverse reset of a two-way task wipes the reverse task only", async ({ page, request }) => {
  await gotoTask(page, twoWayRunning);
  const dialog = await openResetDialog(page, twoWayRunning);
  const directions = dialog.getByRole("group", { name: "Direction" });
  await expect(directions.getByRole("radio")).toHaveCount(2);
  // Each direction says which task it wipes and its current status.
  await expect(directions).toContainText(`Wipes task ${twoWayRunning.jobId}`);
  await expect(directions).toContainText(`Wipes task ${twoWayRunning.reverseJobId}`);
  await directions.getByRole("radio", { name: "Reverse" }).check();

  await dialog.getByRole("button", { name: "Continue" }).click();
  // The ID to type is the reverse task's, and the forward task's ID does not confirm it.
  await expect(dialog).toContainText(`type its task ID: ${twoWayRunning.reverseJobId}`);
  await dialog.getByLabel("Type the task ID to confirm").fill(twoWayRunning.jobId);
  await dialog.getByLabel("Reason").fill("Reverse direction stuck");
  await expect(dialog.getByRole("button", { name: "Reset task" })).toBeDisabled();
  await dialog.getByLabel("Type the task ID to confirm").fill(twoWayRunning.reverseJobId ?? "");
  // The runbook's command names the forward task with direction Reverse, as the call does.
  const command = `aliyun dts ResetDtsJob --RegionId ${twoWayRunning.region} --DtsJobId ${twoWayRunning.jobId} --DtsInstanceId ${twoWayRunning.instanceId} --SynchronizationDirection Reverse`;
  await dialog.getByText("Equivalent ResetDtsJob command").click();
  await expect(dialog.getByRole("group", { name: "aliyun CLI command" })).toContainText(command);
  await dialog.getByRole("button", { name: "Reset task" }).click();

  await expect(dialog).toBeHidden();
  const panel = page.getByRole("region", { name: /Task reset: member-center-bidirectional \(Reverse\)/ });
  await expect(panel).toBeVisible();
  await panel.getByText("Equivalent ResetDtsJob command").click();
  await expect(panel.getByRole("group", { name: "aliyun CLI command" })).toContainText(command);
  const row = rowOf(page, twoWayRunning);
  await expect(row.locator("td").nth(3).locator('[data-status="NotConfigured"]')).toBeVisible(); // topology: reverse
  await expect(row.locator("td").nth(2).locator('[data-status="Synchronizing"]')).toBeVisible(); // forward untouched

  const calls = await simulatorCalls(request, "ResetDtsJob");
  expect(calls).toHaveLength(1);
  expect(calls[0]?.params).toMatchObject({ SynchronizationDirection: "Reverse", DtsInstanceId: twoWayRunning.instanceId });
  expect(calls[0]?.verdict).toBe("ok");
});

test("Reverse is not offered on a one-way task", async ({ page }) => {
  await gotoTask(page, oneWayRunning);
  const dialog = await openResetDialog(page, oneWayRunning);
  const directions = dialog.getByRole("group", { name: "Direction" });
  await expect(directions.getByRole("radio")).toHaveCount(1);
  await expect(directions.getByRole("radio", { name: "Forward" })).toBeChecked();
  await expect(directions.getByRole("radio", { name: "Reverse" })).toHaveCount(0);
  await expect(dialog).toContainText("only the Forward direction exists");
});

test("a confirmation that does not match, or a short reason, keeps the button disabled", async ({ page, request }) => {
  await gotoTask(page, oneWayRunning);
  const dialog = await openResetDialog(page, oneWayRunning);
  await dialog.getByRole("button", { name: "Continue" }).click();
  const confirm = dialog.getByLabel("Type the task ID to confirm");
  const reason = dialog.getByLabel("Reason");
  const submit = dialog.getByRole("button", { name: "Reset task" });

  await expect(confirm).toBeFocused();
  await expect(submit).toBeDisabled();
  await reason.fill("Replication stuck");
  await confirm.fill(oneWayRunning.jobId.toUpperCase()); // task IDs are case-sensitive
  await expect(submit).toBeDisabled();
  await confirm.fill(oneWayRunning.jobId.slice(0, -1));
  await expect(submit).toBeDisabled();
  await expect(dialog).toContainText(`This does not match ${oneWayRunning.jobId} yet.`);

  await confirm.fill(oneWayRunning.jobId);
  await expect(submit).toBeEnabled();
  await reason.fill("ab");
  await expect(submit).toBeDisabled();
  await expect(dialog.getByText("2 / 500 characters")).toBeVisible();

  // Pressing Enter in the field does not get round the check.
  await confirm.fill("wrong");
  await reason.fill("Replication stuck");
  await confirm.press("Enter");
  await expect(dialog).toBeVisible();
  expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(0);

  // Escape cancels, and nothing was sent.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(0);
});

test("a change tracking task's dialog warns that its cached changes are lost", async ({ page }) => {
  await gotoTask(page, subscribeNormal);
  const dialog = await openResetDialog(page, subscribeNormal);
  await expect(dialog).toContainText("loses its cached changes");
});

test("a task recreated under a new task ID is followed by its instance ID", async ({ page, request }) => {
  const patched = await request.patch(`${SIMULATOR_URL}/__sim/config`, { data: { keepJobIdOnReset: false } });
  expect(patched.ok()).toBe(true);
  // Narrowed by name: a search by the old task ID would, rightly, no longer find it.
  await page.goto(jobsUrl({ region: oneWayRunning.region, type: "sync", q: oneWayRunning.name }));
  await waitForRows(page);
  const dialog = await openResetDialog(page, oneWayRunning);
  await fillConfirmStep(dialog, oneWayRunning.jobId);
  await dialog.getByRole("button", { name: "Reset task" }).click();
  await expect(dialog).toBeHidden();

  // The row is keyed by instance: it stays and shows the task under its new ID.
  const row = page.locator(`tr[data-instance-id="${oneWayRunning.instanceId}"]`);
  await expect(row.locator('[data-status="NotConfigured"]')).toBeVisible();
  await expect(row).not.toHaveAttribute("data-job-id", oneWayRunning.jobId);
  const newJobId = await row.getAttribute("data-job-id");
  // The result panel learns the new ID, and its link opens the task under it.
  const result = page.getByRole("region", { name: /Task reset/ });
  await expect(result).toContainText(`New task ID${newJobId}`);
  await result.getByRole("link", { name: "Open the task" }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${newJobId}\\?`));
  await expect(page.getByRole("heading", { level: 1, name: oneWayRunning.name })).toBeVisible();
});
