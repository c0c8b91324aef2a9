// Notifications through the page (issue 24): an admin adds a DingTalk channel pointing at a robot
// this spec runs on loopback (NOTIFY_ALLOW_LOOPBACK=true in playwright.config.ts), sends a test and
// reads the receiver's answer, resets a task and sees the reset's delivery; keyboard only for the
// form, axe clean in both languages and on a phone. The robot checks DingTalk's signature the way
// DingTalk does, and answers as DingTalk does. Waits are on the page's own state, never a sleep.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Locator, Page } from "@playwright/test";
import { SEED, expect, expectNoAxeViolations, test } from "./fixtures";

const { oneWayRunning } = SEED;
const SECRET = "SECe2e0123456789abcdef0123456789abcdef0123456789abcdef";
const TOKEN = "e2etoken0123456789abcdef";

interface Hit {
  path: string;
  body: { msgtype?: string; markdown?: { title: string; text: string }; actionCard?: { title: string; text: string } };
  signed: boolean;
}

let robot: http.Server;
const hits: Hit[] = [];

test.beforeAll(async () => {
  robot = http.createServer((req, res) => {
    let data = "";
    req.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
    req.on("end", () => {
      const query = new URL(`http://robot${req.url}`).searchParams;
      const timestamp = query.get("timestamp") ?? "";
      const expected = createHmac("sha256", SECRET).update(`${timestamp}\n${SECRET}`).digest("base64");
      const signed = query.get("sign") === expected && Math.abs(Date.now() - Number(timestamp)) < 3_600_000;
      hits.push({ path: req.url ?? "", body: JSON.parse(data || "{}") as Hit["body"], signed });
      res.writeHead(200, { "content-type": "application/json" });
      // DingTalk answers 200 either way; a bad signature is errcode 310000.
      res.end(JSON.stringify(signed ? { errcode: 0, errmsg: "ok" } : { errcode: 310000, errmsg: "sign not match" }));
    });
  });
  await new Promise<void>((resolve) => robot.listen(0, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  robot.closeAllConnections();
  await new Promise<void>((resolve) => robot.close(() => resolve()));
});

test.use({ signedInAs: "admin" });

async function tabTo(page: Page, target: Locator, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("an admin adds a DingTalk channel, sends a test, resets a task and sees the delivery; axe clean", async ({ page }) => {
  const name = `DBA on call ${Date.now().toString(36)}`;
  const url = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/robot/send?access_token=${TOKEN}`;
  await page.goto("/admin/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" })).toHaveAttribute("aria-current", "page");
  await expectNoAxeViolations(page, "/admin/notifications");

  // The form, with the keyboard: a mistake first (no name), shown under its field and focused.
  const form = page.getByRole("form", { name: "Add a channel" });
  await tabTo(page, form.getByLabel("Kind"));
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("Receiver URL")).toBeFocused();
  await page.keyboard.type(url);
  await tabTo(page, form.getByRole("button", { name: "Add channel" }));
  await page.keyboard.press("Enter");
  await expect(form.getByText("Name the channel (up to 80 characters).")).toBeVisible();
  await expect(form.getByLabel("Name")).toBeFocused();
  await page.keyboard.type(name);
  await tabTo(page, form.getByLabel(/Signing secret/));
  await page.keyboard.type(SECRET);
  await tabTo(page, form.getByRole("button", { name: "Add channel" }));
  await page.keyboard.press("Enter");

  const table = page.getByRole("table", { name: "Notification channels" });
  const row = table.getByRole("row").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText("DingTalk");
  await expect(row).toContainText("Secret set");
  await expect(row).not.toContainText(TOKEN); // the URL is shown masked
  await expect(page.locator("body")).not.toContainText(SECRET);

  // Send test: the receiver's answer on the page, the robot's signature check passed.
  await tabTo(page, row.getByRole("button", { name: `Send a test to ${name}` }));
  await page.keyboard.press("Enter");
  const outcome = page.getByRole("status").filter({ hasText: `Test to ${name}` });
  await expect(outcome).toContainText("Delivered: the receiver answered HTTP 200.");
  await expect(outcome).toContainText("The receiver's answer:");
  expect(hits).toHaveLength(1);
  expect(hits[0]).toMatchObject({ signed: true });
  expect(hits[0]!.path).toContain(`access_token=${TOKEN}`);

  // A reset: its event reaches the robot (paced: DingTalk takes 20 a minute), and the page shows it delivered.
  const reset = await page.request.post(`/api/jobs/${oneWayRunning.jobId}/reset`, {
    data: { region: oneWayRunning.region, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: "e2e: notifications" },
  });
  expect(reset.status()).toBe(200);
  const deliveries = page.getByRole("table", { name: "Recent deliveries" });
  const delivered = deliveries.getByRole("row").filter({ hasText: "Reset succeeded" }).filter({ hasText: name });
  await expect(delivered).toContainText("Delivered", { timeout: 30_000 });
  const resetHit = hits.find((h) => JSON.stringify(h.body).includes(oneWayRunning.jobId));
  expect(resetHit).toMatchObject({ signed: true });
  await expect(row).toContainText("Delivered");
  await expectNoAxeViolations(page, "/admin/notifications with a channel and deliveries");

  // In Chinese, and on a phone: axe clean too.
  await page.context().addCookies([{ name: "locale", value: "zh-CN", url: page.url() }]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "通知" })).toBeVisible();
  await expect(page.getByRole("table", { name: "通知渠道" }).getByRole("row").filter({ hasText: name })).toContainText("钉钉");
  await expectNoAxeViolations(page, "/admin/notifications in zh-CN");
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("heading", { level: 1, name: "通知" })).toBeVisible();
  await expectNoAxeViolations(page, "/admin/notifications on a phone");
  // The page itself never scrolls sideways (tables scroll within their frame): what sticks out, if anything.
  const sticking = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return Array.from(document.querySelectorAll<HTMLElement>("body *"))
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.parentElement?.closest(".overflow-x-auto"))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)})`);
  });
  expect(sticking).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  // Back in English on a desktop: edit the channel (the secret kept), then delete it behind the confirmation.
  await page.context().addCookies([{ name: "locale", value: "en", url: page.url() }]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.reload();
  await tabTo(page, row.getByRole("button", { name: `Edit ${name}` }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: `Edit ${name}` })).toBeFocused();
  const edit = page.getByRole("form", { name: `Edit ${name}` });
  await edit.getByLabel("Name").fill(`${name} (edited)`);
  await tabTo(page, edit.getByRole("button", { name: "Save changes" }));
  await page.keyboard.press("Enter");
  const edited = table.getByRole("row").filter({ hasText: `${name} (edited)` });
  await expect(edited).toContainText("Secret set");
  await tabTo(page, edited.getByRole("button", { name: `Delete ${name} (edited)` }));
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("alertdialog", { name: `Delete the channel ${name} (edited)?` });
  await expect(confirm).toBeVisible();
  await expectNoAxeViolations(page, "the delete confirmation");
  await tabTo(page, confirm.getByRole("button", { name: "Delete channel" }), 5);
  await page.keyboard.press("Enter");
  await expect(table.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});
