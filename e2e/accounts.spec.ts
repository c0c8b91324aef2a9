// Several Alibaba Cloud accounts in one console (issue 21): the account picker and the address that
// names the account, a reset in the second account, and the record and history that say which
// account. These run against the console on the demo fleet (two accounts, main and prod:
// simulator/fleet.ts; playwright.config.ts starts it at E2E_FLEET_URL with its own simulator at
// E2E_FLEET_SIMULATOR_URL). Where that console is not running, or it lists one account, they skip
// and say why.
//
// The fleet's simulator is not put back to its seed between tests: a reset of the simulator also
// forgets the STS keys it issued, which the console keeps (cached per account until shortly before
// they expire), and prod would then answer InvalidAccessKeyId.NotFound. So each test reads what it
// needs from the console (a reset picks a task that is still running) and counts calls by
// difference, and runs again on a server that ran it before.
import { expect, test as base, type APIRequestContext, type Page } from "@playwright/test";
import { seedFixturesFor } from "../simulator/seed-fixtures";
import { expectNoAxeViolations, fillConfirmStep, resetDialog, taskTable } from "./fixtures";
import { DEMO_PASSWORD, demoUsername } from "./support/auth";

const FLEET_URL = process.env.E2E_FLEET_URL;
const FLEET_SIMULATOR_URL = process.env.E2E_FLEET_SIMULATOR_URL;
const MAIN = seedFixturesFor();
const PROD = seedFixturesFor("prod");

interface AccountsAnswer {
  items: { id: string; name: string; kind: string }[];
  defaultAccount: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const test = base.extend<{ accounts: AccountsAnswer }>({
  // The page signed in as an operator, and the console's accounts: a console with one account
  // cannot run these tests.
  accounts: async ({ page }, run, testInfo) => {
    testInfo.skip(!FLEET_URL || !FLEET_SIMULATOR_URL, "E2E_FLEET_URL / E2E_FLEET_SIMULATOR_URL are not set: no console with several accounts runs (playwright.config.ts starts one unless E2E_DEV is set).");
    const signIn = await page.request.post("/api/auth/sign-in", { data: { username: demoUsername("operator"), password: DEMO_PASSWORD } });
    expect(signIn.status(), "sign-in as operator on the fleet console").toBe(200);
    const response = await page.request.get("/api/accounts");
    expect(response.status(), await response.text()).toBe(200);
    const accounts = (await response.json()) as AccountsAnswer;
    testInfo.skip(
      accounts.items.length < 2,
      `GET /api/accounts at ${FLEET_URL} lists ${accounts.items.length} account(s): these tests need a console with DTS_ACCOUNTS naming main and prod on the demo fleet's simulator (scripts/serve.ts --demo-fleet).`,
    );
    await run(accounts);
  },
});

if (FLEET_URL) test.use({ baseURL: FLEET_URL });

function nameOf(accounts: AccountsAnswer, id: string): string {
  const account = accounts.items.find((a) => a.id === id);
  if (!account) throw new Error(`the console has no account ${id}: ${accounts.items.map((a) => a.id).join(", ")}`);
  return account.name;
}

async function resetCalls(request: APIRequestContext, account: string): Promise<number> {
  const response = await request.get(`${FLEET_SIMULATOR_URL}/__sim/calls?action=ResetDtsJob&account=${account}`);
  return ((await response.json()) as { calls: unknown[] }).calls.length;
}

interface ListedTask {
  jobId: string;
  instanceId: string;
  name: string;
  twoWay: boolean;
  account?: string;
}

/** A one-way task of prod that is synchronizing (so it can be reset), as the console lists it. */
async function resettableProdTask(request: APIRequestContext): Promise<ListedTask> {
  for (const region of ["cn-hangzhou", "cn-shanghai", "ap-southeast-1"]) {
    const response = await request.get(`/api/jobs?account=prod&region=${region}&type=sync&status=Synchronizing&pageSize=30`);
    expect(response.status(), await response.text()).toBe(200);
    const task = ((await response.json()) as { items: ListedTask[] }).items.find((t) => !t.twoWay && t.jobId.length > 0);
    if (task) return { ...task, region } as ListedTask & { region: string };
  }
  throw new Error("prod has no synchronizing one-way task left to reset: restart the fleet console (its simulator starts from the seed)");
}

async function waitForList(page: Page) {
  await expect(taskTable(page)).toBeVisible();
  await expect(taskTable(page)).not.toHaveAttribute("aria-busy", "true");
}

test("a bare /jobs names the default account; switching the account keeps the region, resets paging, and the URL follows", async ({ page, accounts }) => {
  await page.goto("/jobs");
  await expect(page).toHaveURL(new RegExp(`/jobs\\?account=${accounts.defaultAccount}&region=cn-hangzhou&type=sync$`));
  const picker = page.getByLabel("Account");
  await expect(picker).toHaveValue(accounts.defaultAccount);
  await waitForList(page);
  await expect(taskTable(page)).toContainText(MAIN.oneWayRunning.jobId);
  await expect(taskTable(page)).not.toContainText(PROD.twoWayRunning.jobId);

  // Page 2 of Shanghai in main, then the other account: Shanghai still, page 1.
  await page.goto(`/jobs?account=main&region=cn-shanghai&type=sync&page=2&pageSize=10`);
  await waitForList(page);
  await page.getByLabel("Account").selectOption("prod");
  await expect(page).toHaveURL(/\/jobs\?account=prod&region=cn-shanghai&type=sync&pageSize=10$/);
  await expect(page.getByLabel("Region")).toHaveValue("cn-shanghai");
  await expect(taskTable(page)).toHaveAccessibleName(new RegExp(`account ${escape(nameOf(accounts, "prod"))}`));

  // The address is enough to open the same view: a shared link to prod opens prod.
  // (A two-way task: the reset test below resets one-way ones only, so this one keeps its ID.)
  const shared = PROD.twoWayRunning;
  await page.goto(`/jobs?account=prod&region=${shared.region}&type=sync&q=${shared.jobId}`);
  await waitForList(page);
  await expect(page.getByLabel("Account")).toHaveValue("prod");
  const link = taskTable(page).getByRole("link", { name: shared.name, exact: true });
  await expect(link).toHaveAttribute("href", `/jobs/${shared.jobId}?account=prod&region=${shared.region}&type=sync`);
  await expectNoAxeViolations(page, "/jobs with the account picker");

  // The task page reads the task in that account and links back to the same account's list.
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${shared.jobId}\\?account=prod&`));
  await expect(page.getByRole("heading", { name: shared.name, level: 1 })).toBeVisible();
  await expect(page.locator("[data-account]").first()).toHaveAttribute("data-account", "prod");
  await expect(page.getByRole("link", { name: /All data synchronization tasks in/ })).toHaveAttribute("href", new RegExp("account=prod"));
});

test("a reset in the second account: the dialog names it, the request carries it, and the history and the record show it", async ({ page, accounts }) => {
  const task = (await resettableProdTask(page.request)) as ListedTask & { region: string };
  expect(task.account, "the API says which account a task lives in").toBe("prod");
  const prodName = nameOf(accounts, "prod");
  const before = { prod: await resetCalls(page.request, "prod"), main: await resetCalls(page.request, "main") };
  await page.goto(`/jobs?account=prod&region=${task.region}&type=sync&q=${task.jobId}`);
  await waitForList(page);
  await page.getByRole("button", { name: `Reset ${task.name}`, exact: true }).click();
  const dialog = resetDialog(page);
  await expect(dialog).toBeVisible();
  // The review step says which account, beside the task's own facts.
  await expect(dialog.locator('[data-account="prod"]')).toHaveText(`${prodName} (prod)`);
  await expect(dialog).toContainText(task.jobId);
  // The typed confirmation stays the task ID.
  await fillConfirmStep(dialog, task.jobId, "Replication stuck in prod after a schema change");
  const request = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith(`/api/jobs/${task.jobId}/reset`));
  await dialog.getByRole("button", { name: "Reset task" }).click();
  expect(((await request).postDataJSON() as { account?: string }).account).toBe("prod");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("region", { name: new RegExp(`Task reset: ${escape(task.name)}`) })).toBeVisible();
  // DTS heard it in prod, and only there.
  expect(await resetCalls(page.request, "prod")).toBe(before.prod + 1);
  expect(await resetCalls(page.request, "main")).toBe(before.main);

  // The history: an account column, and a filter by account that the address carries.
  await page.goto("/resets");
  const row = page.locator("tbody tr[data-reset-id]").filter({ hasText: task.jobId }).first();
  await expect(row.locator('[data-account="prod"]')).toContainText(prodName);
  await page.getByLabel("Account").selectOption("prod");
  await expect(page).toHaveURL(/\/resets\?account=prod$/);
  await expect(page.locator("tbody tr[data-reset-id]")).not.toHaveCount(0);
  for (const account of await page.locator("tbody tr[data-reset-id] [data-account]").evaluateAll((els) => els.map((e) => e.getAttribute("data-account")))) {
    expect(account).toBe("prod");
  }
  await page.getByLabel("Account").selectOption("main");
  await expect(page).toHaveURL(/\/resets\?account=main$/);
  await expect(page.locator(`tbody tr[data-reset-id]`).filter({ hasText: task.jobId })).toHaveCount(0);
  await page.getByLabel("Account").selectOption("prod");
  await expectNoAxeViolations(page, "/resets with the account filter");

  // The record names the account, and its task link opens the task in that account.
  await page.locator("tbody tr[data-reset-id]").filter({ hasText: task.jobId }).first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/resets\/[^/?]+$/);
  await expect(page.locator("dt", { hasText: /^Account$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText("prod");
  await expect(page.getByRole("link", { name: /Open the task/ })).toHaveAttribute("href", new RegExp(`account=prod`));
});

test("the overview counts both accounts, and a count of prod opens prod's list", async ({ page, accounts }) => {
  await page.goto("/overview");
  const response = await page.request.get("/api/overview?type=sync");
  const overview = (await response.json()) as { accounts: { id: string; regions: { region: string; byStatus: Record<string, number> }[] }[] };
  expect(overview.accounts.map((a) => a.id)).toEqual(accounts.items.map((a) => a.id));
  for (const account of accounts.items) {
    await expect(page.getByRole("heading", { name: new RegExp(escape(account.name)), level: 2 })).toBeVisible();
  }
  const prod = overview.accounts.find((a) => a.id === "prod")!;
  const region = prod.regions.find((r) => (r.byStatus.Failed ?? 0) > 0) ?? prod.regions[0]!;
  const status = (r: typeof region) => ((r.byStatus.Failed ?? 0) > 0 ? "Failed" : Object.keys(r.byStatus)[0]!);
  const link = page.locator(`section[data-account="prod"] [data-layout="table"] [data-region="${region.region}"] a[data-status="${status(region)}"]`);
  await expect(link).toHaveAttribute("data-count", String(region.byStatus[status(region)]));
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/jobs\\?account=prod&region=${region.region}&type=sync&status=${status(region)}$`));
  await expect(page.getByLabel("Account")).toHaveValue("prod");
  await expectNoAxeViolations(page, "/jobs of prod from the overview");
});
