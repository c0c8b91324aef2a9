// Shared setup for the dashboard specs: every test starts from the simulator's seed, and the
// helpers name things the way an operator (and a screen reader) does.
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Locator, type Page } from "@playwright/test";
import { DEMO_USERS, DEMO_PASSWORD } from "../lib/auth/demo-users";
import { SEED_FIXTURES, type SeedFixture } from "../simulator/seed-fixtures";
import { releaseAllHolds, resetSimulator } from "./support/simulator";

export { expect };
export const SEED = SEED_FIXTURES;

/** The simulator-mode demo account of a role (lib/auth/demo-accounts.ts). */
export function demoUser(role: "viewer" | "operator" | "admin"): string {
  const account = DEMO_USERS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account with the role ${role}`);
  return account.username;
}

/** Every test starts from the simulator's seed, signed out (for specs that sign in through the page). */
export const signedOutTest = base.extend<{ freshSimulator: void }>({
  // Automatic: specs stay independent whatever ran before them.
  freshSimulator: [
    async ({ request }, run) => {
      await resetSimulator(request);
      await run();
      // A test that failed while a call was held must not leave the console waiting on it.
      await releaseAllHolds(request).catch(() => undefined);
    },
    { auto: true },
  ],
});

export const test = signedOutTest.extend<{ signedInAs: "viewer" | "operator" | "admin" }>({
  // Overridable per file (test.use({ signedInAs: "viewer" })). page.request shares the page's
  // cookies, so the session cookie it receives signs the browser in.
  signedInAs: ["operator", { option: true }],
  // ("run", not "use": the React hooks lint rule takes a call to use() for React's use().)
  page: async ({ page, signedInAs }, run) => {
    const response = await page.request.post("/api/auth/sign-in", {
      data: { username: demoUser(signedInAs), password: DEMO_PASSWORD },
    });
    expect(response.status(), `sign-in as ${signedInAs}`).toBe(200);
    await run(page);
  },
});

export function typeParam(fixture: SeedFixture): "sync" | "subscribe" {
  return fixture.jobType === "SUBSCRIBE" ? "subscribe" : "sync";
}

export function jobsUrl(params: Record<string, string | number>): string {
  return `/jobs?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
}

export function taskTable(page: Page): Locator {
  return page.getByRole("table", { name: /tasks in/ });
}

/** Waits until the table shows rows from the API (not the loading row). */
export async function waitForRows(page: Page): Promise<void> {
  await expect(taskTable(page)).toBeVisible();
  await expect(taskTable(page)).not.toHaveAttribute("aria-busy", "true");
  await expect(page.getByText("Loading tasks…")).toHaveCount(0);
}

/** Opens /jobs narrowed to one seeded task, by searching for its task ID. */
export async function gotoTask(page: Page, fixture: SeedFixture): Promise<void> {
  await page.goto(jobsUrl({ region: fixture.region, type: typeParam(fixture), q: fixture.jobId }));
  await waitForRows(page);
  await expect(rowOf(page, fixture)).toBeVisible();
}

export function rowOf(page: Page, fixture: SeedFixture): Locator {
  return taskTable(page)
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: fixture.name, exact: true }) });
}

export function resetDialog(page: Page): Locator {
  return page.getByRole("alertdialog", { name: "Reset task" });
}

export async function openResetDialog(page: Page, fixture: SeedFixture): Promise<Locator> {
  await page.getByRole("button", { name: `Reset ${fixture.name}`, exact: true }).click();
  const dialog = resetDialog(page);
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Step 1 -> step 2, then type the confirmation and the reason. */
export async function fillConfirmStep(dialog: Locator, confirmation: string, reason = "Replication stuck after a schema change") {
  await dialog.getByRole("button", { name: "Continue" }).click();
  await dialog.getByLabel("Type the task ID to confirm").fill(confirmation);
  await dialog.getByLabel("Reason").fill(reason);
}

export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: false });
}
