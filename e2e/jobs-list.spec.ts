// The task list: seeded tasks, tabs, region, status, search and paging, all kept in the URL.
import type { APIRequestContext } from "@playwright/test";
import { SEED, expect, jobsUrl, rowOf, taskTable, test, waitForRows } from "./fixtures";
import { SIMULATOR_URL, injectFault } from "./support/simulator";

const { oneWayRunning, twoWayRunning, prechecking, notConfigured, failedWithError, subscribeNormal, twoWayReverseFailed } =
  SEED;

test("a bare /jobs opens the default region's synchronization tasks, with the region in the URL", async ({ page }) => {
  await page.goto("/jobs");
  await expect(page).toHaveURL(/\/jobs\?region=cn-hangzhou&type=sync$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tasks" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Mode" })).toHaveText("Simulator mode: no real DTS task is touched.");
  await expect(page.getByRole("link", { name: "Data synchronization" })).toHaveAttribute("aria-current", "page");
  await waitForRows(page);
});

test("the list shows seeded tasks with their columns", async ({ page }) => {
  await page.goto(jobsUrl({ region: "cn-hangzhou", type: "sync", pageSize: 30 }));
  await waitForRows(page);
  for (const fixture of [oneWayRunning, twoWayRunning, prechecking, notConfigured, failedWithError]) {
    await expect(rowOf(page, fixture), fixture.name).toBeVisible();
  }

  const oneWay = rowOf(page, oneWayRunning);
  await expect(oneWay).toContainText(oneWayRunning.jobId);
  await expect(oneWay).toContainText(oneWayRunning.instanceId);
  await expect(oneWay).toContainText("Synchronizing");
  await expect(oneWay).toContainText("One-way");
  await expect(oneWay.getByRole("button", { name: `Copy task ID of ${oneWayRunning.name}` })).toBeVisible();
  await expect(oneWay.getByRole("button", { name: `Reset ${oneWayRunning.name}`, exact: true })).toBeEnabled();

  const twoWay = rowOf(page, twoWayRunning);
  await expect(twoWay).toContainText("Two-way");
  await expect(twoWay).toContainText("Reverse:");

  // Failed and Not Configured look different, in words and icons as well as colour.
  await expect(rowOf(page, failedWithError).locator('[data-status="Failed"]')).toHaveAttribute("data-tone", "failed");
  await expect(rowOf(page, notConfigured).locator('[data-status="NotConfigured"]')).toHaveText("Not Configured");
});

test("a task that cannot be reset has its Reset button disabled with the reason shown", async ({ page }) => {
  await page.goto(jobsUrl({ region: "cn-hangzhou", type: "sync", pageSize: 30 }));
  await waitForRows(page);
  const button = page.getByRole("button", { name: `Reset ${prechecking.name}`, exact: true });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAccessibleDescription("DTS does not allow a reset while the precheck is running.");
  await expect(rowOf(page, notConfigured)).toContainText("The task is already Not Configured");
});

test("tabs, region, status and search live in the URL and survive a reload and the back button", async ({ page }) => {
  await page.goto(jobsUrl({ region: "cn-hangzhou", type: "sync" }));
  await waitForRows(page);

  await page.getByRole("link", { name: "Change tracking" }).click();
  await expect(page).toHaveURL(/type=subscribe/);
  await waitForRows(page);
  await expect(rowOf(page, subscribeNormal)).toBeVisible();
  // The status filter offers the statuses of change tracking, not of synchronization.
  const status = page.getByLabel("Status");
  await expect(status.locator('option[value="Normal"]')).toHaveCount(1);
  await expect(status.locator('option[value="Synchronizing"]')).toHaveCount(0);

  await page.getByRole("link", { name: "Data synchronization" }).click();
  await expect(page).toHaveURL(/type=sync/);
  await waitForRows(page);
  await page.getByLabel("Region").selectOption("cn-shanghai");
  await expect(page).toHaveURL(/region=cn-shanghai/);
  await waitForRows(page);
  await expect(rowOf(page, twoWayReverseFailed)).toBeVisible();

  await page.getByLabel("Region").selectOption("cn-hangzhou");
  await page.getByLabel("Status").selectOption("Failed");
  await expect(page).toHaveURL(/status=Failed/);
  await waitForRows(page);
  await expect(taskTable(page).getByRole("row")).toHaveCount(2); // header + the one failed task
  await expect(rowOf(page, failedWithError)).toBeVisible();

  await page.reload();
  await waitForRows(page);
  await expect(page.getByLabel("Status")).toHaveValue("Failed");
  await expect(page.getByLabel("Region")).toHaveValue("cn-hangzhou");
  await expect(rowOf(page, failedWithError)).toBeVisible();

  await page.goBack(); // to region=cn-hangzhou without the status
  await expect(page).not.toHaveURL(/status=/);
  await expect(page.getByLabel("Status")).toHaveValue("");
});

test("search is sent on submit, matches name, task ID and instance ID, and is kept in the URL", async ({ page }) => {
  await page.goto(jobsUrl({ region: "cn-hangzhou", type: "sync" }));
  await waitForRows(page);
  const box = page.getByLabel("Search by name, task ID or instance ID");

  await box.fill("member-center");
  await expect(page).not.toHaveURL(/q=/); // nothing sent per keystroke
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/q=member-center/);
  await waitForRows(page);
  await expect(rowOf(page, twoWayRunning)).toBeVisible();
  await expect(taskTable(page).getByRole("row")).toHaveCount(2);

  await box.fill(oneWayRunning.instanceId);
  await box.press("Enter");
  await expect(rowOf(page, oneWayRunning)).toBeVisible();
  await expect(taskTable(page).getByRole("row")).toHaveCount(2);

  await page.reload();
  await expect(page.getByLabel("Search by name, task ID or instance ID")).toHaveValue(oneWayRunning.instanceId);
  await expect(rowOf(page, oneWayRunning)).toBeVisible();

  await box.fill("no-such-task-anywhere");
  await box.press("Enter");
  await expect(page.getByText("No tasks match these filters.")).toBeVisible();
});

test("pagination is done by the server and kept in the URL", async ({ page }) => {
  await page.goto(jobsUrl({ region: "cn-hangzhou", type: "sync", pageSize: 10 }));
  await waitForRows(page);
  await expect(taskTable(page).getByRole("row")).toHaveCount(11);
  const pagination = page.getByRole("navigation", { name: "Pagination" });
  await expect(pagination).toContainText(/Tasks 1–10 of \d+/);
  const firstPageNames = await taskTable(page).getByRole("link").allTextContents();

  await pagination.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(pagination).toContainText(/Tasks 11–20 of \d+/);
  // The pager follows the URL at once; the rows follow when page 2 arrives (the previous page stays
  // on screen, "updating…", meanwhile).
  await expect(page.getByText("(updating…)")).toHaveCount(0);
  const secondPageNames = await taskTable(page).getByRole("link").allTextContents();
  expect(secondPageNames.some((name) => firstPageNames.includes(name))).toBe(false);

  await page.reload();
  await expect(pagination).toContainText(/Tasks 11–20 of \d+/);
  await expect(page.getByLabel("Rows per page")).toHaveValue("10");

  await page.getByLabel("Rows per page").selectOption("30");
  await expect(page).not.toHaveURL(/page=2/);
  await expect(pagination).toContainText(/Page 1 of 1/);
});

async function clearFaults(request: APIRequestContext) {
  expect((await request.delete(`${SIMULATOR_URL}/__sim/faults`)).ok()).toBe(true);
}

test("a failed list call shows DTS's code, message and RequestId, and Retry recovers", async ({ page, request }) => {
  // A permission error: not retried by the server, so it reaches the page as it came. Every
  // call fails (probability 1) until the fault is cleared: the browser may refetch on its own
  // (window focus), and the test should not depend on how many times it does.
  await injectFault(request, {
    action: "DescribeDtsJobs",
    kind: "dts-failure",
    probability: 1,
    errCode: "Forbidden.RAM",
    errMessage: "You are not authorized to operate on the specified resource.",
    httpStatusCode: 403,
  });
  await page.goto(jobsUrl({ region: "cn-hangzhou", type: "sync" }));
  const alert = page.getByRole("alert").filter({ hasText: "The task list could not be loaded" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Forbidden.RAM");
  await expect(alert).toContainText("You are not authorized to operate on the specified resource.");
  await expect(alert).toContainText(/RequestId\s*[0-9A-F-]{20,}/);
  await clearFaults(request);
  await alert.getByRole("button", { name: "Retry" }).click();
  await waitForRows(page);
  await expect(alert).toHaveCount(0);
});

test.describe("signed in as a viewer", () => {
  test.use({ signedInAs: "viewer" });

  test("every Reset button is disabled with the role as the reason", async ({ page }) => {
    await page.goto(jobsUrl({ region: oneWayRunning.region, type: "sync", q: oneWayRunning.jobId }));
    await waitForRows(page);
    const button = page.getByRole("button", { name: `Reset ${oneWayRunning.name}`, exact: true });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription("Your role, viewer, cannot reset tasks.");
  });
});
