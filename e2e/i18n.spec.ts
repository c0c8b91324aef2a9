// The console in English and in Simplified Chinese (issue 14): the same main flow in both
// languages (sign in, list, the reset dialog, the result, the record), with every label found
// through the catalogs; in Chinese, no English word of the interface may show (task data aside);
// axe clean in both; the switcher and the Accept-Language fallback.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import en from "../messages/en.json";
import zh from "../messages/zh-CN.json";
import { DEMO_PASSWORD } from "../lib/auth/demo-users";
import { demoUser, expectNoAxeViolations, jobsUrl, SEED, signedOutTest, typeParam } from "./fixtures";
import { simulatorCalls } from "./support/simulator";

type Locale = "en" | "zh-CN";
type Catalog = Record<string, Record<string, string>>;
const CATALOGS: Record<Locale, Catalog> = { en, "zh-CN": zh };

const test = signedOutTest;

/** The catalog key whose English message is exactly `english`. */
function keyOf(english: string): [string, string] {
  for (const [ns, messages] of Object.entries(en as Catalog)) {
    for (const [key, value] of Object.entries(messages)) if (value === english) return [ns, key];
  }
  throw new Error(`"${english}" is not a message of messages/en.json: is it translated?`);
}

/** A label in the locale under test, found by its English wording. */
function say(locale: Locale, english: string, values: Record<string, string> = {}): string {
  const [ns, key] = keyOf(english);
  const message = CATALOGS[locale][ns]![key]!;
  return message.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

/** A message by key, with its placeholders filled (simple `{name}` placeholders only). */
function message(locale: Locale, id: string, values: Record<string, string> = {}): string {
  const [ns, key] = id.split(".") as [string, string];
  const text = CATALOGS[locale][ns]?.[key];
  if (text === undefined) throw new Error(`no message ${id}`);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

/** Every word of the console's own data (what the API answers), which may show in any language. */
async function dataWords(request: APIRequestContext, urls: string[]): Promise<Set<string>> {
  const words = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === "string") {
      for (const w of value.split(/[^A-Za-z]+/)) if (w) words.add(w.toLowerCase());
    } else if (Array.isArray(value)) {
      value.forEach(collect);
    } else if (value && typeof value === "object") {
      Object.values(value).forEach(collect);
    }
  };
  for (const url of ["/api/auth/session", ...urls]) {
    const response = await request.get(url);
    expect(response.ok(), url).toBe(true);
    collect(await response.json());
  }
  return words;
}

// Names and abbreviations Alibaba's Chinese console writes in Latin letters too.
const LATIN_IN_CHINESE = new Set(
  ["DTS", "ID", "API", "RAM", "UTC", "CSV", "JSON", "HTTP", "RequestId", "ResetDtsJob", "ConfigureDtsJob", "MySQL",
    "PolarDB", "Kafka", "RDS", "ECS", "Alibaba", "Cloud", "English", "Reserve", "CLI", "SDK",
    // Notification channels (issue 24): a product, a term the platforms' Chinese pages keep, the URL scheme.
    "Slack", "Webhook", "https"].map((w) => w.toLowerCase()),
);

/**
 * The English words on the page (visible text, accessible names, titles, placeholders, the tab
 * title) that are neither the console's data nor a name kept in Latin letters.
 */
async function englishOnPage(page: Page, data: Set<string>): Promise<string[]> {
  const text = await page.evaluate(() => {
    // Code samples (<code>, <kbd>, …) are quoted literally in every language.
    let body = document.body.innerText;
    for (const code of Array.from(document.querySelectorAll<HTMLElement>("code, kbd, samp, pre"))) body = body.replace(code.innerText, " ");
    const parts = [document.title, body];
    for (const el of Array.from(document.querySelectorAll("[aria-label], [title], [placeholder], [alt], [aria-description]"))) {
      for (const attr of ["aria-label", "title", "placeholder", "alt", "aria-description"]) {
        const value = el.getAttribute(attr);
        if (value) parts.push(value);
      }
    }
    return parts.join("\n");
  });
  const found = new Set<string>();
  for (const token of text.split(/[\s\u3000-\u303f\uff00-\uffef,;:()[\]{}"'“”‘’…·/|]+/)) {
    // Identifiers, hosts and IDs (digits, dots, hyphens, underscores) are data, not words.
    if (!/^[A-Za-z]{3,}[.!?]?$/.test(token)) continue;
    const word = token.replace(/[.!?]$/, "");
    // DTS's API names (DtsJobId, SourceEndpointEngineName, DescribeDtsJobs) are names, in both languages.
    if (/[a-z][A-Z]/.test(word)) continue;
    if (LATIN_IN_CHINESE.has(word.toLowerCase()) || data.has(word.toLowerCase())) continue;
    found.add(word);
  }
  return [...found].sort();
}

async function expectChineseOnly(page: Page, locale: Locale, data: Set<string>, where: string) {
  if (locale !== "zh-CN") return;
  expect(await englishOnPage(page, data), `English words on ${where}`).toEqual([]);
}

const task = SEED.oneWayRunning;

for (const locale of ["en", "zh-CN"] as const) {
  test(`main flow in ${locale}: sign in, list, reset through the dialog, read the result and the record`, async ({ page, request }) => {
    // The language is chosen on the sign-in page with the header's switcher (a cookie); the
    // browser itself asks for English.
    await page.goto("/sign-in");
    if (locale === "zh-CN") {
      await page.getByRole("button", { name: "简体中文" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    }
    // The switch refreshes the page: wait for its refreshed title, or axe may run in the moment the
    // metadata is being replaced (a CI run once saw "document-title" there).
    await expect(page).toHaveTitle(new RegExp(`^${message(locale, "SignIn.title")}`));
    await expect(page.getByRole("button", { name: locale === "zh-CN" ? "简体中文" : "English" })).toHaveAttribute("aria-pressed", "true");
    await expect(page).toHaveURL(/\/sign-in$/);
    // The demo accounts' names are data.
    await expectChineseOnly(page, locale, new Set(["demo"]), "the sign-in page");
    await expectNoAxeViolations(page, `/sign-in (${locale})`);

    await page.getByLabel(say(locale, "Username")).fill(demoUser("operator"));
    await page.getByLabel(say(locale, "Password")).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: say(locale, "Sign in"), exact: true }).click();
    await expect(page).toHaveURL(/\/overview/);

    await page.goto(jobsUrl({ region: task.region, type: typeParam(task), q: task.jobId }));
    await expect(page.getByRole("heading", { level: 1, name: say(locale, "Tasks") })).toBeVisible();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: task.name, exact: true }) });
    await expect(row).toBeVisible();
    await expect(row.locator('[data-status="Synchronizing"]')).toHaveText(message(locale, "Status.Synchronizing"));
    await expect(page.getByText(locale === "zh-CN" ? "华东1（杭州）" : "China (Hangzhou)").first()).toBeVisible();
    const listData = await dataWords(page.request, [`/api/jobs?region=${task.region}&type=sync&q=${task.jobId}`]);
    await expectChineseOnly(page, locale, listData, "the task list");
    await expectNoAxeViolations(page, `/jobs (${locale})`);

    // The dialog: review, then the typed confirmation (the task ID in both languages) and a reason.
    await page.getByRole("button", { name: say(locale, "Reset {name}", { name: task.name }), exact: true }).click();
    const dialog = page.getByRole("alertdialog", { name: say(locale, "Reset task") });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: say(locale, "Cancel") })).toBeFocused();
    await expect(dialog.getByRole("radio", { name: say(locale, "Forward") })).toBeChecked();
    await expect(dialog).toContainText(message(locale, "Status.NotConfigured"));
    await expectChineseOnly(page, locale, listData, "the dialog's review step");
    await expectNoAxeViolations(page, `reset dialog, review (${locale})`);

    await dialog.getByRole("button", { name: say(locale, "Continue") }).click();
    await dialog.getByLabel(say(locale, "Type the task ID to confirm")).fill(task.jobId);
    await dialog.getByLabel(say(locale, "Reason")).fill(locale === "zh-CN" ? "表结构变更后同步卡住" : "Replication stuck after a schema change");
    await expectChineseOnly(page, locale, listData, "the dialog's confirm step");
    await dialog.getByRole("button", { name: say(locale, "Reset task") }).click();
    await expect(dialog).toBeHidden();

    // The result, and the one signed call DTS received.
    const result = page.getByRole("region", { name: new RegExp(task.name) });
    await expect(result).toBeVisible();
    await expect(result).toContainText(/[0-9A-F]{8}-[0-9A-F]{4}/);
    await expect(row.locator('[data-status="NotConfigured"]')).toHaveText(message(locale, "Status.NotConfigured"));
    expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(1);
    const afterData = await dataWords(page.request, [`/api/jobs?region=${task.region}&type=sync&q=${task.jobId}`, "/api/resets"]);
    await expectChineseOnly(page, locale, new Set([...listData, ...afterData]), "the task list after the reset");

    // The record: who, why, the outcome, the snapshot.
    await page.goto("/resets");
    await expect(page.getByRole("heading", { level: 1, name: say(locale, "Reset history") })).toBeVisible();
    await expectChineseOnly(page, locale, afterData, "the reset history");
    await expectNoAxeViolations(page, `/resets (${locale})`);
    const resets = (await (await page.request.get("/api/resets")).json()) as { items: { id: string }[] };
    const recordId = resets.items[0]!.id;
    await page.goto(`/resets/${recordId}`);
    await expect(page.getByText(locale === "zh-CN" ? "表结构变更后同步卡住" : "Replication stuck after a schema change")).toBeVisible();
    const recordData = await dataWords(page.request, [`/api/resets/${recordId}`]);
    await expectChineseOnly(page, locale, new Set([...afterData, ...recordData]), "the reset record");
    await expectNoAxeViolations(page, `/resets/${recordId} (${locale})`);
  });
}

test.describe("the browser's language", () => {
  test.use({ locale: "zh-CN" });

  test("Accept-Language picks Chinese when no choice was made, and the cookie overrides it", async ({ page, context }) => {
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(say("zh-CN", "Sign in"));
    await expect(page).toHaveTitle(new RegExp(message("zh-CN", "Layout.appName")));

    // The switcher sets the cookie; the address does not change.
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page).toHaveURL(/\/sign-in$/);
    const cookie = (await context.cookies()).find((c) => c.name === "locale");
    expect(cookie).toMatchObject({ value: "en", path: "/", sameSite: "Lax" });
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  });

  test("an unknown cookie value is ignored", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "locale", value: "fr", url: baseURL! }]);
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });
});

test("without a cookie or a Chinese Accept-Language the console speaks English", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "de-DE" });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await context.close();
});

test("the admin and approval pages read Chinese and pass axe, with a request pending", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "locale", value: "zh-CN", url: baseURL! }]);
  const admin = await page.request.post("/api/auth/sign-in", { data: { username: demoUser("admin"), password: DEMO_PASSWORD } });
  expect(admin.status()).toBe(200);
  // Every reset needs approval; the admin asks for one, so /approvals has a pending request to show.
  // The policy and the request live in the console's store, not the simulator: both are undone below.
  const origin = { origin: baseURL! };
  expect((await page.request.put("/api/admin/approval-policy", { headers: origin, data: { mode: "all" } })).status()).toBe(200);
  let requestId: string | null = null;
  try {
    const asked = await page.request.post(`/api/jobs/${task.jobId}/reset`, {
      headers: origin,
      data: { region: task.region, instanceId: task.instanceId, direction: "Forward", confirmation: task.jobId, reason: "需要审批的重置" },
    });
    expect(asked.status()).toBe(202);
    requestId = ((await asked.json()) as { request: { id: string } }).request.id;

    await page.goto("/approvals");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByText("需要审批的重置").first()).toBeVisible();
    const approvalData = await dataWords(page.request, ["/api/reset-requests"]);
    await expectChineseOnly(page, "zh-CN", approvalData, "/approvals");
    await expectNoAxeViolations(page, "/approvals (zh-CN)");

    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const adminData = await dataWords(page.request, ["/api/admin/users", "/api/admin/tokens", "/api/admin/events", "/api/admin/approval-policy"]);
    await expectChineseOnly(page, "zh-CN", adminData, "/admin/users");
    await expectNoAxeViolations(page, "/admin/users (zh-CN)");

    await page.goto("/admin/notifications");
    await expect(page.getByRole("heading", { level: 1, name: "通知" })).toBeVisible();
    await expect(page.getByRole("form", { name: "添加渠道" })).toBeVisible();
    const notifyData = await dataWords(page.request, ["/api/admin/notification-channels", "/api/admin/notification-deliveries"]);
    await expectChineseOnly(page, "zh-CN", notifyData, "/admin/notifications");
    await expectNoAxeViolations(page, "/admin/notifications (zh-CN)");
  } finally {
    if (requestId) await page.request.post(`/api/reset-requests/${requestId}/cancel`, { headers: origin, data: {} });
    await page.request.put("/api/admin/approval-policy", { headers: origin, data: { mode: "off" } });
  }
});
