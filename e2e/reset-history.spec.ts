// The reset history pages: /resets, /resets/[id] and the task page's list, against the simulator.
// The audit store outlives the simulator's reset between tests, so each test finds its own records
// by ID or by a tag in the reason, never by counting what is there.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { SEED, expect, expectNoAxeViolations, test } from "./fixtures";
import { csvRecords, csvView, expectVisibleFocus, getRecord, resetThroughApi, runTag, tabTo, todayUtc } from "./support/reset-history";
import { holdCalls, injectFault, INVALID_PARAMETER_FAILURE, releaseHold, resetSimulator, simulatorCalls, waitForHeldCalls } from "./support/simulator";

const { oneWayRunning, twoWayRunning, twoWayReverseFailed, subscribeNormal, longName, nonAsciiName, locked } = SEED;

const historyTable = (page: Page) => page.getByRole("table", { name: /Reset attempts, newest first/ });
const historyRow = (page: Page, id: string) => historyTable(page).locator(`tr[data-reset-id="${id}"]`);

async function waitForHistory(page: Page): Promise<void> {
  await expect(historyTable(page)).toBeVisible();
  await expect(historyTable(page)).not.toHaveAttribute("aria-busy", "true");
  await expect(page.getByText("Loading the reset history…")).toHaveCount(0);
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage });
}

test("a reset through the API is listed in /resets, found by every filter, and its record keeps the task as it was", async ({ page }) => {
  const before = await (await page.request.get(`/api/jobs/${subscribeNormal.jobId}?region=${subscribeNormal.region}&type=subscribe`)).json();
  const source = before.detail.forward.source;
  expect(source.instanceId).toMatch(/^rm-/);
  const tag = runTag("snapshot");
  const { status, reset } = await resetThroughApi(page.request, subscribeNormal, `CDC consumer lost its offsets (${tag})`);
  expect(status).toBe(200);
  expect(reset.status).toBe("succeeded");

  // The filters, through the form: each one lands in the URL.
  await page.goto("/resets");
  await waitForHistory(page);
  await page.getByLabel("Task (ID, instance ID or name)").fill(subscribeNormal.instanceId);
  await page.getByLabel("Actor (username)").fill("demo");
  await page.getByLabel("From date").fill(todayUtc());
  await page.getByLabel("To date").fill(todayUtc());
  await page.getByLabel("Outcome").selectOption("succeeded");
  await expect(page).toHaveURL(new RegExp(`outcome=succeeded&task=${subscribeNormal.instanceId}&actor=demo&from=${todayUtc()}&to=${todayUtc()}`));
  await waitForHistory(page);
  const row = historyRow(page, reset.id);
  await expect(row).toBeVisible();
  for (const text of [subscribeNormal.name, subscribeNormal.jobId, "cn-hangzhou", "Forward", "demo", tag, "Succeeded", reset.requestId ?? "?"]) {
    await expect(row).toContainText(text);
  }
  // The exports carry the same filters.
  const csvHref = await page.getByRole("link", { name: /Export CSV/ }).getAttribute("href");
  expect(csvHref).toBe(`/api/resets/export?outcome=succeeded&task=${subscribeNormal.instanceId}&actor=demo&from=${todayUtc()}&to=${todayUtc()}&format=csv`);

  // Filters that exclude it.
  await page.getByLabel("Outcome").selectOption("failed");
  await expect(page).toHaveURL(/outcome=failed/);
  await waitForHistory(page);
  await expect(row).toHaveCount(0);
  await page.getByLabel("Outcome").selectOption("succeeded");
  await page.getByLabel("From date").fill("2020-01-01");
  await page.getByLabel("To date").fill("2020-01-31");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(historyTable(page)).toContainText("No resets match these filters.");
  // A reversed range is caught next to the fields.
  await page.getByLabel("From date").fill("2020-02-01");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The start date must not be after the end date." })).toBeVisible();
  await expect(page).toHaveURL(/to=2020-01-31/);
  await historyTable(page).getByRole("link", { name: "Clear the filters" }).click();
  await expect(page).toHaveURL(/\/resets$/);
  await expect(page.getByLabel("Task (ID, instance ID or name)")).toHaveValue("");

  // The record: who, what, and the snapshot of the task before the reset.
  await waitForHistory(page);
  await historyRow(page, reset.id).getByRole("link").click();
  await expect(page).toHaveURL(`/resets/${reset.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Reset of ${subscribeNormal.name} (Forward)`);
  const snapshot = page.getByRole("region", { name: "Before the reset" });
  for (const text of [source.instanceId, source.engine, source.database, source.userName]) await expect(snapshot).toContainText(text);
  await expect(snapshot).toContainText("Database orders: 2 tables");
  await expect(snapshot.getByRole("listitem").filter({ hasText: /^order_main$/ })).toBeVisible();
  await expect(snapshot.getByRole("listitem").filter({ hasText: /^order_item$/ })).toBeVisible();
  await expect(snapshot).toContainText("Data Synchronization: on");
  await expect(snapshot).toContainText("srcNetType");
  const raw = snapshot.getByText("Raw JSON: DescribeDtsJobDetail before the reset");
  await raw.click();
  await expect(snapshot.locator("details[open] pre")).toContainText('"DbObject"');

  const guidance = page.getByRole("region", { name: "Reconfiguration guidance" });
  await expect(guidance.getByRole("row", { name: /^SourceEndpointInstanceID/ })).toContainText(source.instanceId);
  await expect(guidance.getByRole("row", { name: /^SourceEndpointPassword/ })).toContainText("You must supply it");
  await expect(guidance).toContainText("DTS never returns passwords — you must supply them");
  const json = JSON.parse((await guidance.locator("pre").textContent()) ?? "{}");
  expect(json).toMatchObject({ DtsJobId: subscribeNormal.jobId, DtsInstanceId: subscribeNormal.instanceId, SourceEndpointInstanceID: source.instanceId });
  expect(JSON.parse(json.DbList)).toMatchObject({ orders: { Table: { order_main: {}, order_item: {} } } });
  expect(Object.keys(json).some((key) => key.includes("Password"))).toBe(false);
  await expect(page.getByRole("link", { name: /Open the task/ })).toHaveAttribute("href", `/jobs/${subscribeNormal.jobId}?region=cn-hangzhou&type=subscribe`);

  // What the page shows is what the record holds, and that is the task from before the reset.
  const record = await getRecord(page.request, reset.id);
  expect((record.snapshot.detail.SourceEndpoint as Record<string, unknown>).InstanceID).toBe(source.instanceId);
  const after = await (await page.request.get(`/api/jobs/${subscribeNormal.jobId}?region=${subscribeNormal.region}&type=subscribe`)).json();
  expect(after.job.status).toBe("NotConfigured");
});

test("a Reverse reset names the reverse task it wiped, and the guidance its direction", async ({ page }) => {
  const { reset } = await resetThroughApi(page.request, twoWayRunning, `Reverse direction stuck (${runTag("reverse")})`, "Reverse");
  await page.goto(`/resets?task=${twoWayRunning.instanceId}`);
  await waitForHistory(page);
  await expect(historyRow(page, reset.id)).toContainText(`Reset task ID ${twoWayRunning.reverseJobId}`);
  await historyRow(page, reset.id).getByRole("link").click();
  await expect(page.getByRole("region", { name: "What was reset" })).toContainText(`Task wiped${twoWayRunning.reverseJobId}`);
  const guidance = page.getByRole("region", { name: "Reconfiguration guidance" });
  await expect(guidance.getByRole("row", { name: /^SynchronizationDirection/ })).toContainText("Reverse");
  await expect(guidance.getByRole("row", { name: /^DtsJobId/ })).toContainText(twoWayRunning.reverseJobId ?? "?");
  await expect(page.getByRole("region", { name: "Before the reset" }).getByRole("heading", { name: "Destination" })).toBeVisible();
});

test("the list refreshes itself while a reset is pending, and stops guessing once DTS answers", async ({ page }) => {
  // DTS gets the reset and answers only when the test says so: the record stays pending for as
  // long as the test needs it (within the console's read timeout, 15 s in the e2e servers).
  const hold = await holdCalls(page.request, { action: "ResetDtsJob" });
  const tag = runTag("pending");
  const posting = resetThroughApi(page.request, longName, `Slow answer (${tag})`);
  // The record is written before DTS is called: once the call is held, the page's first read includes it.
  const [held] = await waitForHeldCalls(page.request);
  expect(held?.params.DtsJobId).toBe(longName.jobId);

  await page.goto(`/resets?task=${longName.instanceId}`);
  await waitForHistory(page);
  const row = historyTable(page).locator("tr", { hasText: tag });
  await expect(row).toHaveAttribute("data-outcome", "pending");
  await expect(row).toContainText("Pending");
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

  // DTS answers now. No reload: the page polls while a row is pending.
  expect(await releaseHold(page.request, hold)).toBe(1);
  const { status, reset } = await posting;
  expect(status).toBe(200);
  await expect(row).toHaveAttribute("data-outcome", "succeeded", { timeout: 30_000 });
  await expect(row).toContainText(reset.requestId ?? "?");
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
});

test("a failed reset is recorded with DTS's code, message, HTTP status and RequestId", async ({ page }) => {
  await injectFault(page.request, INVALID_PARAMETER_FAILURE);
  const { status, reset } = await resetThroughApi(page.request, twoWayReverseFailed, `Should fail (${runTag("failed")})`);
  expect(status).toBe(502);
  expect(reset).toMatchObject({ status: "failed", error: { code: "InvalidParameter", message: "The Value of Input Parameter DtsJobId is not valid." } });
  expect(reset.httpStatus).toEqual(expect.any(Number));
  expect(reset.requestId).toMatch(/^[0-9A-F]{8}-/);
  expect((await simulatorCalls(page.request, "ResetDtsJob")).map((c) => c.verdict)).toEqual(["fault"]);

  await page.goto(`/resets?outcome=failed&task=${twoWayReverseFailed.instanceId}`);
  await waitForHistory(page);
  const row = historyRow(page, reset.id);
  await expect(row).toContainText("Failed");
  await expect(row).toContainText("InvalidParameter");
  await expect(row).toContainText(reset.requestId ?? "?");
  await expect(row.locator('[data-outcome="failed"]')).toBeVisible();

  await row.getByRole("link").click();
  const outcome = page.getByRole("region", { name: "Outcome" });
  await expect(outcome).toContainText(`RequestId${reset.requestId}`);
  await expect(outcome).toContainText(`HTTP status${reset.httpStatus}`);
  await expect(outcome).toContainText("Error codeInvalidParameter");
  await expect(outcome).toContainText("The Value of Input Parameter DtsJobId is not valid.");
  await expect(outcome).toContainText("Safe to retry");
  await expect(outcome).toContainText("From DTS's answer to the reset");
  await shot(page, "reset-detail-failed");
});

test("the CSV export parses back to the same records, quotes, commas and non-ASCII text included", async ({ page }) => {
  const tag = runTag("csv");
  const first = await resetThroughApi(page.request, nonAsciiName, `He said "reset", then left; 中文 ✓ (${tag})`);
  await injectFault(page.request, INVALID_PARAMETER_FAILURE);
  const second = await resetThroughApi(page.request, longName, `Second, "quoted" — and a line break:\nnext line (${tag})`);
  expect([first.reset.status, second.reset.status]).toEqual(["succeeded", "failed"]);

  // Newest first.
  await page.goto("/resets");
  await waitForHistory(page);
  const ids = await historyTable(page).locator("tr[data-reset-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-reset-id")));
  expect(ids.slice(0, 2)).toEqual([second.reset.id, first.reset.id]);

  await page.goto(`/resets?from=${todayUtc()}&to=${todayUtc()}`);
  await waitForHistory(page);
  const href = await page.getByRole("link", { name: /Export CSV/ }).getAttribute("href");
  const response = await page.request.get(href ?? "");
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="dts-resets-.*\.csv"$/);
  const rows = csvRecords(await response.text());

  // Same records, same order as the API's list for the same filters.
  const list = await (await page.request.get(`/api/resets?from=${todayUtc()}&to=${todayUtc()}&pageSize=100`)).json();
  const listIds = (list.items as { id: string }[]).map((item) => item.id);
  expect(rows.map((r) => r.id).slice(0, listIds.length)).toEqual(listIds);
  if (list.total <= 100) expect(rows).toHaveLength(list.total);

  for (const { reset } of [first, second]) {
    const record = await getRecord(page.request, reset.id);
    const row = rows.find((r) => r.id === reset.id);
    expect(row, `CSV row of ${reset.id}`).toBeDefined();
    expect(row).toMatchObject(csvView(record));
  }
  expect(rows.find((r) => r.id === first.reset.id)?.task_name).toBe(nonAsciiName.name);

  // The same file through the browser's download, and the JSON export, agree.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /Export CSV/ }).click();
  const download = await downloading;
  const downloaded = csvRecords(fs.readFileSync((await download.path()) ?? "", "utf8"));
  expect(downloaded.find((r) => r.id === first.reset.id)?.reason).toBe(`He said "reset", then left; 中文 ✓ (${tag})`);
  const jsonHref = await page.getByRole("link", { name: /Export JSON/ }).getAttribute("href");
  const exported = (await (await page.request.get(jsonHref ?? "")).json()) as Array<{ id: string; reason: string; snapshotDetail: unknown }>;
  expect(exported.find((r) => r.id === second.reset.id)?.reason).toBe(`Second, "quoted" — and a line break:\nnext line (${tag})`);
});

test("the CSV export neutralises formula-like reasons, and the JSON export keeps them exact", async ({ page }) => {
  const tag = runTag("formula");
  // One task each (a fresh simulator per test): what a spreadsheet would run as a formula.
  const cases = [
    { fixture: oneWayRunning, reason: `=HYPERLINK("http://x","click") (${tag})` },
    { fixture: longName, reason: `+1 (${tag})` },
    { fixture: subscribeNormal, reason: `-2 (${tag})` },
    { fixture: nonAsciiName, reason: `@SUM(A1) (${tag})` },
  ];
  const ids: string[] = [];
  for (const { fixture, reason } of cases) {
    const { status, reset } = await resetThroughApi(page.request, fixture, reason);
    expect(status, reason).toBe(200);
    ids.push(reset.id);
  }

  const filters = `from=${todayUtc()}&to=${todayUtc()}`;
  const csv = await (await page.request.get(`/api/resets/export?format=csv&${filters}`)).text();
  const rows = csvRecords(csv);
  const json = (await (await page.request.get(`/api/resets/export?format=json&${filters}`)).json()) as Array<{ id: string; reason: string }>;
  for (const [i, { reason }] of cases.entries()) {
    const id = ids[i] ?? "?";
    // CSV: a leading ' makes the spreadsheet show the text instead of running it.
    expect(rows.find((r) => r.id === id)?.reason, `CSV reason of ${reason}`).toBe(`'${reason}`);
    // JSON: exact, lossless.
    expect(json.find((r) => r.id === id)?.reason, `JSON reason of ${reason}`).toBe(reason);
    // And the record itself is as typed.
    expect((await getRecord(page.request, id)).reason).toBe(reason);
  }
  // RFC 4180 still holds: the HYPERLINK cell is quoted with its quotes doubled.
  expect(csv).toContain(`"'=HYPERLINK(""http://x"",""click"") (${tag})"`);
  // No cell of the whole file starts like a formula.
  for (const row of rows) for (const [column, cell] of Object.entries(row)) expect(cell, `${column} of ${row.id}`).not.toMatch(/^[=+\-@\t\r]/);
});

test("the task detail page lists the task's resets, and says so when there are none", async ({ page }) => {
  const { reset } = await resetThroughApi(page.request, oneWayRunning, `Task page listing (${runTag("task")})`);
  await page.goto(`/jobs/${oneWayRunning.jobId}?region=${oneWayRunning.region}&type=sync`);
  const history = page.getByRole("region", { name: "Reset history" });
  const row = history.locator(`tr[data-reset-id="${reset.id}"]`);
  await expect(row).toContainText("Forward");
  await expect(row).toContainText("demo");
  await expect(row).toContainText("Succeeded");
  await expect(row).toContainText(reset.requestId ?? "?");
  await history.scrollIntoViewIfNeeded();
  await shot(page, "task-reset-history");
  // The row links to the record (its time) and, for a synchronization task, to reconfiguring it.
  await expect(row.getByRole("link", { name: /Reconfiguration/ })).toHaveAttribute("href", `/resets/${reset.id}/reconfigure`);
  await row.locator(`a[href="/resets/${reset.id}"]`).click();
  await expect(page).toHaveURL(`/resets/${reset.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(oneWayRunning.name);

  await page.goto(`/jobs/${locked.jobId}?region=${locked.region}&type=sync`);
  await expect(page.getByRole("region", { name: "Reset history" })).toContainText("No resets recorded yet.");
});

test("axe finds no violations on /resets and /resets/[id]", async ({ page }) => {
  const long = `Replication stuck after a schema change on the orders database; the DBA asked for a reset once the binlog retention was extended (${runTag("axe")})`;
  const { reset } = await resetThroughApi(page.request, oneWayRunning, long);
  await injectFault(page.request, INVALID_PARAMETER_FAILURE);
  await resetThroughApi(page.request, twoWayReverseFailed, `Failed on purpose (${runTag("axe")})`);

  await page.goto("/resets");
  await waitForHistory(page);
  await expect(historyRow(page, reset.id)).toBeVisible();
  await expectNoAxeViolations(page, "/resets");
  await shot(page, "resets-list");

  await page.goto(`/resets/${reset.id}`);
  await expect(page.getByRole("region", { name: "Reconfiguration guidance" })).toBeVisible();
  await expectNoAxeViolations(page, "/resets/[id]");
  await page.getByText("Raw JSON: DescribeDtsJobDetail before the reset").click();
  await expectNoAxeViolations(page, "/resets/[id] with the raw JSON open");
  await page.getByText("Raw JSON: DescribeDtsJobDetail before the reset").click();
  await shot(page, "reset-detail", true);

  await page.goto("/resets/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("alert").filter({ hasText: "There is no reset record with the ID" })).toBeVisible();
  await expectNoAxeViolations(page, "/resets/[unknown id]");
});

test("the history works with the keyboard alone: filters, paging, opening a record, raw JSON", async ({ page }) => {
  const tag = runTag("keys");
  // Eleven records of one task: more than the smallest page holds.
  for (let i = 0; i < 11; i++) {
    await resetSimulator(page.request);
    const reason = i === 10 ? `A long reason that the table clamps to two lines until it is expanded, written to check that the whole text is one keypress away (${tag})` : `Keyboard paging ${i} (${tag})`;
    expect((await resetThroughApi(page.request, oneWayRunning, reason)).status).toBe(200);
  }
  await page.goto("/resets");
  await waitForHistory(page);

  const task = page.getByLabel("Task (ID, instance ID or name)");
  await tabTo(page, task);
  await expectVisibleFocus(task);
  await page.keyboard.type(oneWayRunning.instanceId);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Actor (username)")).toBeFocused();
  await page.keyboard.type("demo");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/resets?task=${oneWayRunning.instanceId}&actor=demo`);
  await expect(page.getByLabel("Actor (username)")).toBeFocused(); // applying does not lose focus

  const outcome = page.getByLabel("Outcome");
  await tabTo(page, outcome, { backwards: true });
  await page.keyboard.press("ArrowDown"); // pending
  await page.keyboard.press("ArrowDown"); // succeeded
  await expect(page).toHaveURL(/outcome=succeeded/);
  await expect(outcome).toBeFocused();
  await waitForHistory(page);

  // The long reason (newest, so first) expands from the keyboard.
  const showAll = historyTable(page).getByRole("button", { name: "Show all of the reason" }).first();
  await tabTo(page, showAll);
  await expectVisibleFocus(showAll);
  await page.keyboard.press("Enter");
  await expect(historyTable(page).getByRole("button", { name: "Show less of the reason" }).first()).toHaveAttribute("aria-expanded", "true");

  const pageSize = page.getByLabel("Rows per page");
  await tabTo(page, pageSize);
  await page.keyboard.press("ArrowUp"); // 25 -> 10
  await expect(page).toHaveURL(/pageSize=10/);
  await waitForHistory(page);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText(/Resets 1–10 of \d+/);
  const next = page.getByRole("link", { name: "Next page" });
  await tabTo(page, next);
  await expectVisibleFocus(next);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("Page 2 of");
  await waitForHistory(page);

  const firstLink = historyTable(page).locator("tbody tr").first().getByRole("link");
  const id = await historyTable(page).locator("tbody tr").first().getAttribute("data-reset-id");
  await tabTo(page, firstLink);
  await expectVisibleFocus(firstLink);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/resets/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(oneWayRunning.name);

  const summary = page.getByText("Raw JSON: DescribeDtsJobDetail before the reset");
  await tabTo(page, summary);
  await expectVisibleFocus(summary);
  await page.keyboard.press("Enter");
  await expect(page.locator("details", { has: summary })).toHaveAttribute("open", "");
  await expect(page.locator("details[open] pre")).toContainText('"SourceEndpoint"');
});
