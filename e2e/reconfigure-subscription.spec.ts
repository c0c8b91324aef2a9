// Issue 25's end-to-end case: a change tracking task reset and reconfigured with
// ConfigureSubscription up to Normal, with the keyboard only, axe clean, in English and in
// Chinese; then the command copied from the record (the clipboard holds exactly the API's
// `equivalent.cli`). The simulator's precheck timeline moves on the console's own reads, never on
// the clock.
import type { Locator, Page } from "@playwright/test";
import en from "../messages/en.json";
import zh from "../messages/zh-CN.json";
import { SEED, expect, expectNoAxeViolations, test } from "./fixtures";
import { resetThroughApi, runTag } from "./support/reset-history";
import { simulatorCalls } from "./support/simulator";
import type { ReconfigureView } from "../lib/domain/reconfigure";

const { subscribeNormal } = SEED;
const SOURCE_PASSWORD = "e2e-cdc-source-password-7f3a";
const VPC = "vpc-bp1e2ecdc0000000000";
const VSWITCH = "vsw-bp1e2ecdc0000000000";

type Catalog = typeof en;
const CATALOGS = { en, "zh-CN": zh } as const;

async function tabTo(page: Page, target: Locator, max = 150) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

for (const locale of ["en", "zh-CN"] as const) {
  const m = CATALOGS[locale] as Catalog;
  const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");

  test(`a change tracking task reset and reconfigured to Normal with the keyboard only (${locale}), then its command copied from the record`, async ({ page, request, context, baseURL }) => {
    await context.addCookies([{ name: "locale", value: locale, url: baseURL! }]);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const { status, reset } = await resetThroughApi(page.request, subscribeNormal, `CDC consumer lost its offsets (${runTag("cdc")})`);
    expect(status).toBe(200);

    await page.goto(`/resets/${reset.id}`);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    const open = page.getByRole("link", { name: m.Reconfigure.reconfigureLink });
    await tabTo(page, open);
    await page.keyboard.press("Enter");

    const form = page.getByRole("form", { name: m.Reconfigure.formHeading });
    await expect(form).toBeVisible();
    await expect(form.getByLabel(/SourceEndpointEngineName/)).toHaveValue("MySQL");
    await expectNoAxeViolations(page, `change tracking form (${locale})`);
    await tabTo(page, form.getByLabel(m.Reconfigure.passwordSource));
    await page.keyboard.type(SOURCE_PASSWORD);
    // DTS does not report the tracking instance's network: typed by the operator.
    await tabTo(page, form.getByLabel(/SubscriptionInstanceVPCId/));
    await page.keyboard.type(VPC);
    await tabTo(page, form.getByLabel(/SubscriptionInstanceVSwitchId/));
    await page.keyboard.type(VSWITCH);
    await tabTo(page, form.getByRole("button", { name: m.Reconfigure.reviewChanges }));
    await page.keyboard.press("Enter");

    await expect(page.getByRole("heading", { name: m.Reconfigure.reviewHeading })).toBeFocused();
    await expect(page.getByText(m.Reconfigure.reviewExplainSubscription)).toBeVisible();
    await expectNoAxeViolations(page, `change tracking review (${locale})`);
    await tabTo(page, page.getByRole("button", { name: m.Reconfigure.configure, exact: true }));
    await page.keyboard.press("Enter");

    const status2 = page.getByTestId("reconfiguration").first();
    await expect(status2).toHaveAttribute("data-progress", "synchronizing", { timeout: 30_000 });
    await expect(status2.getByText(m.Reconfigure.progressSynchronizing)).toBeVisible();
    await expect(status2.locator('[data-status="Normal"]')).toHaveText(m.Status.Normal);
    const configured = await simulatorCalls(request, "ConfigureSubscription");
    expect(configured).toHaveLength(1);
    expect(configured[0]!.params).toMatchObject({ DtsJobId: subscribeNormal.jobId, SubscriptionInstanceVPCId: VPC, SubscriptionInstanceVSwitchId: VSWITCH });
    expect(await simulatorCalls(request, "ConfigureDtsJob")).toHaveLength(0);
    await expectNoAxeViolations(page, `change tracking reconfigured (${locale})`);

    // Back on the record: copy the ConfigureSubscription command with the keyboard.
    await tabTo(page, page.getByRole("link", { name: m.Reconfigure.backToRecord }));
    await page.keyboard.press("Enter");
    const section = page.getByRole("region", { name: m.Reconfigure.sectionTitle });
    await expect(section.getByText(m.Reconfigure.progressSynchronizing)).toBeVisible();
    const summary = section.locator("summary", { hasText: fill(m.Runbook.title, { action: "ConfigureSubscription" }) });
    const copy = section.getByRole("button", { name: fill(m.Common.copy, { label: fill(m.Runbook.cliCopy, { action: "ConfigureSubscription" }) }) });
    // Open the command with the keyboard; the record may still be re-rendering from its refetch
    // on arrival, so the toggle is checked and pressed again only while the details stay closed.
    await expect(async () => {
      if (!(await copy.isVisible())) {
        await tabTo(page, summary);
        await page.keyboard.press("Enter");
      }
      await expect(copy).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await tabTo(page, copy);
    await page.keyboard.press("Enter");
    await expect(section.getByText(m.Common.copied).first()).toBeVisible();
    const view = (await (await page.request.get(`/api/resets/${reset.id}/reconfigure`)).json()) as ReconfigureView;
    const expected = view.reconfigurations[0]!.equivalent.cli;
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    expect(expected).toContain(`--SubscriptionInstanceVPCId ${VPC}`);
    expect(expected).toContain(`--SourceEndpointPassword "$DTS_SOURCE_PASSWORD"`);
    expect(expected).not.toContain(SOURCE_PASSWORD);

    // And the reset's own command, from the record's runbook section.
    const resetCopy = page.getByRole("button", { name: fill(m.Common.copy, { label: fill(m.Runbook.cliCopy, { action: "ResetDtsJob" }) }) });
    await tabTo(page, resetCopy);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `aliyun dts ResetDtsJob --RegionId ${subscribeNormal.region} --DtsJobId ${subscribeNormal.jobId} --DtsInstanceId ${subscribeNormal.instanceId} --SynchronizationDirection Forward`,
    );
    await expectNoAxeViolations(page, `reset record after reconfiguring (${locale})`);
  });
}
