import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import { CLIENT_ID as OIDC_CLIENT_ID, CLIENT_SECRET as OIDC_CLIENT_SECRET } from "./tests/integration/oidc-client";
import { E2E_ALIBABA_SECRET, E2E_METRICS_TOKEN, E2E_SIMULATOR_SECRET } from "./e2e/support/secrets";

// Debian's Chromium where present (this project's machines); Playwright's own browser elsewhere
// (run `npx playwright install chromium` first on a machine with internet access).
const systemChromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find(
  (p): p is string => !!p && fs.existsSync(p),
);

const PORT = Number(process.env.E2E_PORT ?? 3100);
const SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 4110);
const baseURL = `http://127.0.0.1:${PORT}`;

// Specs reach the simulator's control API (/__sim) at this address.
process.env.SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;
// A second console of the same build on the demo fleet (two accounts, main and prod: simulator/fleet.ts),
// for the specs about several accounts (e2e/accounts.spec.ts); every other spec sees one account.
const FLEET_PORT = PORT + 1;
const FLEET_SIMULATOR_PORT = SIMULATOR_PORT + 1;
process.env.E2E_FLEET_URL = `http://127.0.0.1:${FLEET_PORT}`;
process.env.E2E_FLEET_SIMULATOR_URL = `http://127.0.0.1:${FLEET_SIMULATOR_PORT}`;
process.env.E2E_DATA_DIR = ".e2e-data";
// A real OpenID Provider (tests/integration/oidc-harness.ts) on loopback, which the fleet console
// signs in with beside its local accounts (e2e/oidc.spec.ts).
const OIDC_PORT = SIMULATOR_PORT + 2;
process.env.E2E_OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;

export default defineConfig({
  testDir: "./e2e",
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["./e2e/summary-reporter.ts"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    trace: "retain-on-failure",
    launchOptions: systemChromium
      ? {
          executablePath: systemChromium,
          args: [
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        }
      : {},
  },
  webServer: [
    {
      command: process.env.E2E_DEV
        ? "rm -rf .e2e-data && npx tsx --conditions=react-server scripts/serve.ts --dev"
        : "rm -rf .e2e-data && npx next build && npx tsx --conditions=react-server scripts/serve.ts",
      url: `${baseURL}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
      env: {
        PORT: String(PORT),
        HOST: "127.0.0.1",
        SIMULATOR_PORT: String(SIMULATOR_PORT),
        DTS_MODE: "simulator",
        AUDIT_DB_PATH: ".e2e-data/audit.db",
        // The production read timeout. Tests that need DTS's answer late hold it at the simulator
        // (/__sim/holds) and release it well within this; the unknown-outcome test holds it for good.
        // (The client applies the connect timeout as an idle timeout too, hence the same value.)
        DTS_READ_TIMEOUT_MS: "15000",
        DTS_CONNECT_TIMEOUT_MS: "15000",
        LOG_LEVEL: "debug",
        // Reads never write (issue 20): only the background job follows a reconfiguration's
        // precheck, one step per round. A short round lets a spec see Synchronizing within its wait
        // on the page's own event (data-progress), however many steps the precheck takes.
        RECONCILE_INTERVAL_MS: "500",
        // The fixture puts the simulator back to its seed between tests, behind the console's back;
        // a list reused across that would show the previous test's tasks. Reuse within the window is
        // tested with a hand-moved clock (tests/unit/dts-quota.test.ts) and measured by the bench;
        // coalescing and pacing stay on here.
        DTS_READ_FRESHNESS_MS: "0",
        // The specs give each sign-in a client address of its own with X-Forwarded-For, as a proxy on
        // loopback would, so that throttling in one spec never slows another.
        TRUSTED_PROXIES: "127.0.0.1, ::1",
        // Notification channels (e2e/notifications.spec.ts): the spec's receiver listens on loopback.
        NOTIFY_ALLOW_LOOPBACK: "true",
        NOTIFY_SECRET_KEY: "ZTJlLW5vdGlmeS1rZXktMzItYnl0ZXMtb2YtdGVzdCE=",
        NOTIFY_RETRY_BASE_MS: "200",
        // The secret scan (e2e/secret-scan-logs.spec.ts) reads everything the server logged.
        LOG_FILE: ".e2e-data/server.log",
        // Canaries for the secret scans (e2e/secret-scan-client.spec.ts, e2e/secret-scan-logs.spec.ts):
        // the simulator and the client sign with this secret, and an Alibaba secret sits in the
        // environment of the build and server.
        SIMULATOR_ACCESS_KEY_SECRET: E2E_SIMULATOR_SECRET,
        ALIBABA_CLOUD_ACCESS_KEY_ID: "e2e-alibaba-key-id",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: E2E_ALIBABA_SECRET,
        // GET /api/metrics is on (e2e/auth-matrix.spec.ts: no session or API token opens it, this does).
        METRICS_TOKEN: E2E_METRICS_TOKEN,
      },
    },
  ...(process.env.E2E_DEV
    ? []
    : [
        {
          command: "npx tsx e2e/support/oidc-provider.ts",
          url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
          reuseExistingServer: !process.env.CI,
          timeout: 60_000,
          env: { E2E_OIDC_PORT: String(OIDC_PORT), E2E_OIDC_CONSOLE_ORIGIN: process.env.E2E_FLEET_URL },
        },
        {
          // Starts once the first console answers: its build is then complete, and .e2e-data exists.
          command: `node -e 'const u = process.argv[1]; (async () => { for (;;) { try { if ((await fetch(u)).ok) return; } catch {} await new Promise((r) => setTimeout(r, 1000)); } })()' ${baseURL}/api/health && npx tsx --conditions=react-server scripts/serve.ts --demo-fleet`,
          url: `http://127.0.0.1:${FLEET_PORT}/api/health`,
          reuseExistingServer: !process.env.CI,
          timeout: 300_000,
          env: {
            PORT: String(FLEET_PORT),
            HOST: "127.0.0.1",
            SIMULATOR_PORT: String(FLEET_SIMULATOR_PORT),
            DTS_MODE: "simulator",
            AUDIT_DB_PATH: ".e2e-data/fleet.db",
            DTS_READ_TIMEOUT_MS: "15000",
            DTS_CONNECT_TIMEOUT_MS: "15000",
            RECONCILE_INTERVAL_MS: "500",
            DTS_READ_FRESHNESS_MS: "0",
            TRUSTED_PROXIES: "127.0.0.1, ::1",
            // Single sign-on through the provider above (e2e/oidc.spec.ts); local sign-in stays on.
            CONSOLE_PUBLIC_ORIGIN: process.env.E2E_FLEET_URL,
            OIDC_ISSUER: process.env.E2E_OIDC_ISSUER,
            OIDC_CLIENT_ID: OIDC_CLIENT_ID,
            OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
            OIDC_SCOPES: "openid profile email groups",
            OIDC_ROLE_MAP: "dts-admins=admin,dts-operators=operator,dts-viewers=viewer",
            OIDC_DISPLAY_NAME: "Example IdP",
          },
        },
      ]),
  ],
});
