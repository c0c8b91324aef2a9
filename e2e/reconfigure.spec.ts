// Reconfigure a reset task from its record: keyboard only, up to Synchronizing; a failed precheck
// item shown with DTS's message; "Start again" once the cause is fixed, with the keyboard, in both
// languages; and the canary passwords in no log, record, export, page or API answer. The simulator's precheck timeline moves on the console's own reads (one stage per
// DescribePreCheckStatus read), never on the clock.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import en from "../messages/en.json";
import zh from "../messages/zh-CN.json";
import { SEED, expect, expectNoAxeViolations, test } from "./fixtures";
import { e2eDatabasePath } from "./support/auth";
import { injectFault, SIMULATOR_URL, simulatorCalls } from "./support/simulator";

const { oneWayRunning } = SEED;
const SOURCE_CANARY = "e2e-SRC-db-password-canary-4b2f";
const DEST_CANARY = "e2e-DST-db-password-canary-91ad";

async function tabTo(page: Page, target: Locator, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

async function resetByApi(request: APIRequestContext): Promise<string> {
  const response = await request.post(`/api/jobs/${oneWayRunning.jobId}/reset`, {
    data: { region: oneWayRunning.region, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: "Reconfigure e2e" },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { reset: { id: string } }).reset.id;
}

test("reset a task, reconfigure it from its record with the keyboard only, watch it reach Synchronizing", async ({ page, request }) => {
  const resetId = await resetByApi(page.request);
  await page.goto(`/resets/${resetId}`);
  const open = page.getByRole("link", { name: "Reconfigure from snapshot" });
  await expect(open).toBeVisible();
  await tabTo(page, open);
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: /Reconfigure orders-rds-to-polardb/ })).toBeVisible();
  const form = page.getByRole("form", { name: "Configuration from the snapshot" });
  await expect(form.getByLabel(/SourceEndpointEngineName/)).toHaveValue("MYSQL");
  await expect(form.getByLabel(/DestinationEndpointDataBaseName/)).toHaveValue("orders");
  // The alert settings the reset read (DescribeJobMonitorRule) before clearing them, pre-filled.
  await expect(form.getByLabel(/DelayNotice/)).toHaveValue("true");
  await expect(form.getByLabel(/DelayRuleTime/)).toHaveValue("60");
  await expect(form.getByLabel(/DelayPhone/)).toHaveValue("13800138000,13900139000");
  await expect(form.getByLabel(/ErrorNotice/)).toHaveValue("true");
  await expect(form.getByLabel(/ErrorPhone/)).toHaveValue("13700137000");
  await expectNoAxeViolations(page, "reconfigure form");

  await tabTo(page, form.getByLabel("Source database password"));
  await page.keyboard.type(SOURCE_CANARY);
  await tabTo(page, form.getByLabel("Destination database password"));
  await page.keyboard.type(DEST_CANARY);
  // One change, so the review shows a difference.
  const tableMode = form.getByLabel(/Reserve\.targetTableMode/);
  await tabTo(page, tableMode);
  await page.keyboard.press("ArrowDown"); // 0 → 2
  await expect(tableMode).toHaveValue("2");
  await tabTo(page, form.getByRole("button", { name: "Review changes" }));
  await page.keyboard.press("Enter");

  const review = page.getByRole("heading", { name: "Review before configuring" });
  await expect(review).toBeFocused();
  const diff = page.getByRole("table", { name: /1 value differs/ });
  await expect(diff.getByRole("row", { name: /Reserve\.targetTableMode 0 2/ })).toBeVisible();
  await expectNoAxeViolations(page, "reconfigure review");
  await tabTo(page, page.getByRole("button", { name: "Configure the task" }));
  await page.keyboard.press("Enter");

  const status = page.getByTestId("reconfiguration").first();
  await expect(status).toHaveAttribute("data-progress", "synchronizing", { timeout: 30_000 });
  await expect(status.getByText("Synchronizing: the task runs again")).toBeVisible();
  await expect(status.getByText(/accepted by DTS/)).toBeVisible();
  const configureCalls = await simulatorCalls(request, "ConfigureDtsJob");
  expect(configureCalls).toHaveLength(1);
  expect(configureCalls[0]!.params).toMatchObject({ DelayNotice: "true", DelayRuleTime: "60", DelayPhone: "13800138000,13900139000", ErrorNotice: "true", ErrorPhone: "13700137000" });
  expect(await simulatorCalls(request, "StartDtsJob")).toHaveLength(1);

  // The reset record links to the reconfiguration, and the reconfiguration back to the record.
  await page.getByRole("link", { name: "← Reset record" }).click();
  await expect(page.getByRole("region", { name: "Reconfigure" }).getByText("Synchronizing: the task runs again")).toBeVisible();
  await expect(page.getByRole("link", { name: "Open the reconfiguration" })).toBeVisible();
});

test("a failed precheck item is shown with DTS's message", async ({ page, request }) => {
  const message = "DTS-1020042 Access denied for user 'dts_sync'@'100.104.0.0/16' (using password: YES)";
  const armed = await request.post(`${SIMULATOR_URL}/__sim/precheck/failures`, { data: { item: "CHECK_CONN_SRC", message } });
  expect(armed.status()).toBe(201);
  const resetId = await resetByApi(page.request);
  const answer = await page.request.post(`/api/resets/${resetId}/reconfigure`, { data: { sourcePassword: "wrong", destinationPassword: "right" } });
  expect(answer.status()).toBe(200);
  await page.goto(`/resets/${resetId}/reconfigure`);
  const status = page.getByTestId("reconfiguration").first();
  await expect(status).toHaveAttribute("data-progress", "precheck_failed", { timeout: 30_000 });
  await expect(status.getByRole("list", { name: "Failed precheck items" })).toContainText(`CHECK_CONN_SRC: ${message}`);
});

for (const locale of ["en", "zh-CN"] as const) {
  const m = locale === "en" ? en : (zh as typeof en);
  test(`Start again after a failed precheck, once the cause is fixed, with the keyboard only (${locale})`, async ({ page, request, context, baseURL }) => {
    await context.addCookies([{ name: "locale", value: locale, url: baseURL! }]);
    const repair = "Allow DTS's CIDR blocks for dts_sync, then start the precheck again.";
    // The cause stays until it is fixed: every precheck of the task fails on it until cleared.
    const armed = await request.post(`${SIMULATOR_URL}/__sim/precheck/failures`, { data: { jobId: oneWayRunning.jobId, item: "CHECK_CONN_SRC", repairMethod: repair, persistent: true } });
    expect(armed.status()).toBe(201);
    const resetId = await resetByApi(page.request);
    expect((await page.request.post(`/api/resets/${resetId}/reconfigure`, { data: { sourcePassword: "pw-src", destinationPassword: "pw-dst" } })).status()).toBe(200);
    await page.goto(`/resets/${resetId}/reconfigure`);
    const status = page.getByTestId("reconfiguration").first();
    await expect(status).toHaveAttribute("data-progress", "precheck_failed", { timeout: 30_000 });
    const items = status.getByRole("list", { name: m.Reconfigure.failedItems });
    await expect(items).toContainText("CHECK_CONN_SRC");
    await expect(items).toContainText(m.Reconfigure.howToFix.replace("{repair}", repair));
    await expectNoAxeViolations(page, `precheck failed, Start again offered (${locale})`);

    // The operator fixes it, then starts again: a confirmation, focus on Cancel, one StartDtsJob.
    expect((await request.delete(`${SIMULATOR_URL}/__sim/precheck/failures?jobId=${oneWayRunning.jobId}`)).status()).toBe(200);
    const startsBefore = (await simulatorCalls(request, "StartDtsJob")).length;
    await tabTo(page, status.getByRole("button", { name: m.Reconfigure.startAgain, exact: true }));
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: m.Common.cancel })).toBeFocused();
    await expect(dialog).toContainText(oneWayRunning.jobId);
    await expectNoAxeViolations(page, `Start again dialog (${locale})`);
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: m.Reconfigure.startAgainSend })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();

    const attempt = status.getByTestId("start-attempt").first();
    await expect(attempt).toHaveAttribute("data-progress", "synchronizing", { timeout: 30_000 });
    await expect(attempt.getByText(m.Reconfigure.progressSynchronizing)).toBeVisible();
    await expect(attempt).toContainText(m.Reconfigure.callSucceeded);
    // The button is gone once the task runs, and exactly one StartDtsJob was sent for it.
    await expect(status.getByRole("button", { name: m.Reconfigure.startAgain, exact: true })).toHaveCount(0);
    const starts = await simulatorCalls(request, "StartDtsJob");
    expect(starts).toHaveLength(startsBefore + 1);
    expect(starts.at(-1)!.params).toMatchObject({ DtsJobId: oneWayRunning.jobId, DtsInstanceId: oneWayRunning.instanceId, SynchronizationDirection: "Forward" });
    await expectNoAxeViolations(page, `started again (${locale})`);
  });
}

test("the database passwords are in no log, record, export, page or API answer", async ({ page, request }) => {
  const resetId = await resetByApi(page.request);
  // A refused call (its error path), then a good one followed to the end.
  await injectFault(request, { action: "ConfigureDtsJob", kind: "dts-failure", errCode: "InvalidParameter", errMessage: "The Value of Input Parameter %s is not valid.", dynamicMessage: "SourceEndpointPassword", httpStatusCode: 400 });
  const refused = await page.request.post(`/api/resets/${resetId}/reconfigure`, { data: { sourcePassword: SOURCE_CANARY, destinationPassword: DEST_CANARY } });
  expect(refused.status()).toBe(502);
  const missing = await page.request.post(`/api/resets/${resetId}/reconfigure`, { data: { sourcePassword: SOURCE_CANARY } });
  expect(missing.status()).toBe(400);
  const ok = await page.request.post(`/api/resets/${resetId}/reconfigure`, { data: { sourcePassword: SOURCE_CANARY, destinationPassword: DEST_CANARY } });
  expect(ok.status()).toBe(200);
  const answers = [await refused.text(), await missing.text(), await ok.text()];
  await expect.poll(async () => ((await (await page.request.get(`/api/resets/${resetId}/reconfigure`)).json()) as { reconfigurations: Array<{ progress: string }> }).reconfigurations[0]?.progress, { timeout: 30_000 }).toBe("synchronizing");
  answers.push(await (await page.request.get(`/api/resets/${resetId}/reconfigure`)).text());
  answers.push(await (await page.request.get(`/api/resets/${resetId}`)).text());
  answers.push(await (await page.request.get(`/api/resets/export?format=json`)).text());
  answers.push(await (await page.request.get(`/api/resets/export?format=csv`)).text());
  await page.goto(`/resets/${resetId}/reconfigure`);
  answers.push(await page.content());
  const calls = JSON.stringify(await simulatorCalls(request));
  expect(calls).toContain("(sent; value not logged)");
  answers.push(calls, JSON.stringify(await (await request.get(`${SIMULATOR_URL}/__sim/holds`)).json()));

  // The log, up to a unique last line (a DTS failure is logged as a warning).
  const marker = `reconf-marker-${Date.now().toString(36)}`;
  await injectFault(request, { action: "DescribeDtsJobs", kind: "dts-failure", times: 3, errCode: "InvalidParameter", errMessage: marker, httpStatusCode: 400 });
  await page.request.get("/api/jobs?region=cn-hangzhou&type=sync");
  const logFile = path.resolve(process.env.LOG_FILE ?? path.join(process.env.E2E_DATA_DIR ?? ".e2e-data", "server.log"));
  await expect.poll(() => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").includes(marker) : false), { timeout: 15_000 }).toBe(true);
  const places: Record<string, string | Buffer> = { "the server log": fs.readFileSync(logFile) };
  const db = e2eDatabasePath();
  for (const file of [db, `${db}-wal`]) if (fs.existsSync(file)) places[file] = fs.readFileSync(file);
  answers.forEach((text, i) => (places[`answer ${i}`] = text));
  for (const [place, content] of Object.entries(places)) {
    for (const canary of [SOURCE_CANARY, DEST_CANARY]) {
      expect(content.includes(canary), `${canary} in ${place}`).toBe(false);
    }
  }
});
