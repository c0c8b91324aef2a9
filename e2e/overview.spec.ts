// /overview (issue 21): every region of every account at a glance, the landing page after
// sign-in. The counts on the page are compared with what GET /api/overview answers at the same
// seed, never with numbers written here: the seed may grow, the page must follow the API.
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import en from "../messages/en.json";
import zh from "../messages/zh-CN.json";
import { expect, expectNoAxeViolations, signedOutTest, taskTable, test, waitForRows } from "./fixtures";
import { DEMO_PASSWORD, demoUsername } from "./support/auth";
import { clearFaults, injectFault } from "./support/simulator";

interface RegionOverview {
  region: string;
  total: number;
  byStatus: Record<string, number>;
  error?: { code: string; message: string };
}

interface Overview {
  asOf: string;
  type: "sync" | "subscribe";
  accounts: { id: string; name: string; error?: { code: string; message: string }; regions: RegionOverview[] }[];
}

/** The "failed" tone of lib/domain/status.ts statusTone(), and Suspending. */
const ATTENTION = new Set(["Failed", "InitializeFailed", "PrecheckFailed", "Abnormal", "MigrationFailed", "Suspending"]);

async function readOverview(request: APIRequestContext, type: "sync" | "subscribe"): Promise<Overview> {
  const response = await request.get(`/api/overview?type=${type}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Overview;
}

function accountSection(page: Page, id: string): Locator {
  return page.locator(`section[data-account="${id}"]`);
}

/** Waits until the overview is on the page (the loading line gone, a section per account). */
async function waitForOverview(page: Page, overview: Overview): Promise<void> {
  await expect(page.locator("[data-as-of]")).toBeVisible();
  for (const account of overview.accounts) await expect(accountSection(page, account.id)).toBeAttached();
}

/**
 * Every count of the API's answer is on the page, as a link, in the layout shown (a table row per
 * region on wide screens, a card per region on a phone), and no other region is listed.
 */
async function expectCountsMatch(page: Page, overview: Overview, layout: "table" | "cards"): Promise<void> {
  for (const account of overview.accounts) {
    const section = accountSection(page, account.id);
    if (account.error) {
      await expect(section.locator(`[data-error-code="${account.error.code}"]`).first()).toBeVisible();
      continue;
    }
    const regionAttr = layout === "table" ? "data-region" : "data-card-region";
    const container = section.locator(`[data-layout="${layout}"]`);
    if (account.regions.length === 0) continue;
    await expect(container).toBeVisible();
    await expect(container.locator(`[${regionAttr}]`), `${account.id}: one ${layout === "table" ? "row" : "card"} per region`).toHaveCount(account.regions.length);
    for (const region of account.regions) {
      const row = container.locator(`[${regionAttr}="${region.region}"]`);
      await expect(row).toBeVisible();
      if (region.error) {
        await expect(row.locator(`[data-error-code="${region.error.code}"]`)).toContainText(region.error.code);
        continue;
      }
      await expect(row.locator("a[data-total]"), `${account.id}/${region.region} total`).toHaveAttribute("data-total", String(region.total));
      const shown = await row.locator("a[data-status]").evaluateAll((links) =>
        Object.fromEntries(links.map((a) => [a.getAttribute("data-status"), Number(a.getAttribute("data-count"))])),
      );
      const expected = Object.fromEntries(Object.entries(region.byStatus).filter(([, n]) => n > 0));
      expect(shown, `${account.id}/${region.region} counts by status`).toEqual(expected);
    }
  }
}

/** The first count of a status that needs attention, else the first count at all. */
function pickCount(overview: Overview): { account: string; region: string; status: string; count: number } {
  const all = overview.accounts.flatMap((a) =>
    a.regions.flatMap((r) => Object.entries(r.byStatus).filter(([s, n]) => n > 0 && s !== "Unreadable").map(([status, count]) => ({ account: a.id, region: r.region, status, count }))),
  );
  const chosen = all.find((c) => ATTENTION.has(c.status)) ?? all[0];
  if (!chosen) throw new Error("the seed has no task to count");
  return chosen;
}

test("the overview lists every region with tasks, with the API's counts, and is axe clean", async ({ page }) => {
  await page.goto("/overview");
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("navigation", { name: "Task type" }).getByRole("link", { name: "Data synchronization" })).toHaveAttribute("aria-current", "page");
  const overview = await readOverview(page.request, "sync");
  expect(overview.accounts.length).toBeGreaterThan(0);
  await waitForOverview(page, overview);
  await expect(page.getByText(/^As of /)).toBeVisible();
  await expectCountsMatch(page, overview, "table");
  // A region with a count that needs attention is marked, not only coloured.
  const flagged = overview.accounts.flatMap((a) => a.regions.filter((r) => Object.keys(r.byStatus).some((s) => ATTENTION.has(s))).map((r) => ({ account: a.id, region: r.region })));
  for (const { account, region } of flagged) {
    const row = accountSection(page, account).locator(`[data-layout="table"] [data-region="${region}"]`);
    await expect(row).toHaveAttribute("data-attention", "true");
    await expect(row.getByRole("rowheader")).toContainText("Needs attention");
  }
  await expectNoAxeViolations(page, "/overview");

  // Change tracking: its own counts.
  await page.getByRole("navigation", { name: "Task type" }).getByRole("link", { name: "Change tracking" }).click();
  await expect(page).toHaveURL(/\/overview\?type=subscribe$/);
  const subscribe = await readOverview(page.request, "subscribe");
  await waitForOverview(page, subscribe);
  await expectCountsMatch(page, subscribe, "table");
  await expectNoAxeViolations(page, "/overview?type=subscribe");

  // Refresh reads again and says when.
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByRole("button", { name: "Refresh" })).toBeEnabled();
  await expectCountsMatch(page, subscribe, "table");
});

test("in Chinese: the page's words, the statuses and the regions in Chinese, the same counts, axe clean", async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: "locale", value: "zh-CN", url: baseURL! }]);
  await page.goto("/overview?type=sync");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: zh.Overview.title, level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: zh.Overview.typeTabs }).getByRole("link", { name: zh.Overview.typeSync })).toHaveAttribute("aria-current", "page");
  const overview = await readOverview(page.request, "sync");
  await waitForOverview(page, overview);
  await expect(page.getByText(/^数据时间：/)).toBeVisible();
  await expectCountsMatch(page, overview, "table");
  const table = page.locator('[data-layout="table"]').first();
  for (const column of [zh.Overview.columnRegion, zh.Overview.columnTotal, zh.Overview.columnAttention, zh.Overview.columnOther]) {
    await expect(table.getByRole("columnheader", { name: column })).toBeVisible();
  }
  // A status in Alibaba's Chinese words (the Status catalog), not DTS's enum.
  const { status } = pickCount(overview);
  const badge = table.locator(`a[data-status="${status}"]`).first();
  await expect(badge).toContainText((zh.Status as Record<string, string>)[status]!);
  await expect(badge).not.toContainText((en.Status as Record<string, string>)[status]!);
  await expectNoAxeViolations(page, "/overview (zh-CN)");
});

test("a count is a link to the filtered task list, from the keyboard", async ({ page }) => {
  await page.goto("/overview");
  const overview = await readOverview(page.request, "sync");
  await waitForOverview(page, overview);
  const chosen = pickCount(overview);
  const link = accountSection(page, chosen.account).locator(`[data-layout="table"] [data-region="${chosen.region}"] a[data-status="${chosen.status}"]`);
  await expect(link).toHaveAttribute("data-count", String(chosen.count));
  // Reached with Tab like any link (it is one), opened with Enter.
  await link.focus();
  await expect(link).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/jobs\\?account=${chosen.account}&region=${chosen.region}&type=sync&status=${chosen.status}$`));
  await waitForRows(page);
  await expect(page.getByLabel("Status")).toHaveValue(chosen.status);
  const rows = taskTable(page).locator("tbody tr[data-instance-id]");
  await expect(rows.first()).toBeVisible();
  // Every task listed is in the status counted, and (within a page) there are as many.
  const statuses = await rows.locator("td:nth-child(3) [data-status]").evaluateAll((badges) => badges.map((b) => b.getAttribute("data-status")));
  expect(new Set(statuses)).toEqual(new Set([chosen.status]));
  if (chosen.count <= 20) await expect(rows).toHaveCount(chosen.count);
});

test("an account DTS refuses is shown with DTS's code and message, and Refresh recovers", async ({ page }) => {
  await injectFault(page.request, {
    action: "DescribeDtsJobs",
    kind: "dts-failure",
    probability: 1,
    errCode: "Forbidden.RAM",
    errMessage: "You are not authorized to operate on the specified resource.",
    httpStatusCode: 403,
  });
  try {
    await page.goto("/overview");
    const failed = await readOverview(page.request, "sync");
    await waitForOverview(page, failed);
    const account = failed.accounts[0]!;
    expect(account.error?.code).toBe("Forbidden.RAM");
    const section = accountSection(page, account.id);
    await expect(section.locator('[data-error-code="Forbidden.RAM"]')).toContainText("You are not authorized to operate on the specified resource.");
    await expect(section).toContainText("No region of this account could be read.");
    await expectNoAxeViolations(page, "/overview with an account error");
  } finally {
    await clearFaults(page.request);
  }
  await page.getByRole("button", { name: "Refresh" }).click();
  const overview = await readOverview(page.request, "sync");
  await expect(accountSection(page, overview.accounts[0]!.id).locator('[data-error-code="Forbidden.RAM"]')).toHaveCount(0);
  await expectCountsMatch(page, overview, "table");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("each region is a card with the same counts, nothing scrolls sideways, axe clean", async ({ page }) => {
    await page.goto("/overview");
    const overview = await readOverview(page.request, "sync");
    await waitForOverview(page, overview);
    for (const account of overview.accounts.filter((a) => a.regions.length > 0)) {
      await expect(accountSection(page, account.id).locator('[data-layout="table"]')).toBeHidden();
    }
    await expectCountsMatch(page, overview, "cards");
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll, "the page is as wide as the screen").toBe(widths.inner);
    await expectNoAxeViolations(page, "/overview on a phone");
  });
});

signedOutTest.describe("landing page", () => {
  signedOutTest("signing in without a next page lands on the overview; an explicit next page still wins", async ({ page }) => {
    for (const [path, landing, heading] of [
      ["/sign-in", /\/overview$/, "Overview"],
      ["/sign-in?next=%2Fresets", /\/resets$/, "Reset history"],
    ] as const) {
      // Leave the previous landing page first: its queries, answered 401 once the cookies are gone,
      // would send the browser to sign-in for that page, over the navigation below.
      await page.goto("about:blank");
      await page.context().clearCookies();
      await page.goto(path);
      await page.getByLabel("Username").fill(demoUsername("viewer"));
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page).toHaveURL(landing);
      // The landing page is in (not only its address), before the next navigation.
      await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    }
    // The console's home is the overview too.
    await page.goto("/");
    await expect(page).toHaveURL(/\/overview$/);
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  });
});
