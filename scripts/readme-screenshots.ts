// `npm run screenshots`: the README's pictures, in English and in Simplified Chinese: the task list
// (with its "As of …" line) and the reset dialog's review step. Run it where a CJK font is installed
// (Debian: apt-get install fonts-noto-cjk); without one, Chromium draws Chinese as boxes. Uses the
// production build in .next-bench (built first when missing) and the simulator's seed.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { BENCH_DIST_DIR, buildApp, hasBuild, startStack } from "../bench/lib/server";
import { DEMO_USERS, DEMO_PASSWORD } from "../lib/auth/demo-users";

const OUT = path.resolve(__dirname, "../docs/screenshots");
const SYSTEM_CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find((p): p is string => !!p && fs.existsSync(p));
const TASK = { name: "member-center-bidirectional", region: "cn-hangzhou" };

async function main() {
  if (!hasBuild(BENCH_DIST_DIR)) await buildApp(BENCH_DIST_DIR);
  const stack = await startStack();
  const browser = await chromium.launch({ ...(SYSTEM_CHROMIUM ? { executablePath: SYSTEM_CHROMIUM } : {}) });
  try {
    fs.mkdirSync(OUT, { recursive: true });
    for (const locale of ["en", "zh-CN"] as const) {
      const context = await browser.newContext({ baseURL: stack.baseUrl, locale, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const operator = DEMO_USERS.find((a) => a.role === "operator")!;
      const signIn = await page.request.post("/api/auth/sign-in", { data: { username: operator.username, password: DEMO_PASSWORD } });
      if (!signIn.ok()) throw new Error(`sign-in answered ${signIn.status()}`);
      await page.goto(`/jobs?region=${TASK.region}&type=sync`);
      await page.getByRole("link", { name: TASK.name, exact: true }).first().waitFor();
      await page.screenshot({ path: path.join(OUT, `tasks-${locale}.png`) });
      await page.goto(`/jobs?region=${TASK.region}&type=sync&q=${TASK.name}`);
      await page.getByRole("link", { name: TASK.name, exact: true }).first().waitFor();
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: TASK.name, exact: true }) });
      await row.getByRole("button").last().click();
      await page.getByRole("alertdialog").waitFor();
      await page.screenshot({ path: path.join(OUT, `reset-dialog-${locale}.png`) });
      await context.close();
      console.log(`screenshots: ${locale} done`);
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
