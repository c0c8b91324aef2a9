// Nothing secret reaches a browser: not in the built client assets, not in any page's HTML, not
// in any API answer, and no signing code in the bundle. The server was built and started with
// canary secrets (playwright.config.ts): the simulator key it signs with, and an Alibaba Cloud
// secret sitting in its environment.
import fs from "node:fs";
import path from "node:path";
import { SEED_FIXTURES } from "../simulator/seed-fixtures";
import { E2E_ALIBABA_SECRET, E2E_METRICS_TOKEN, E2E_SIMULATOR_SECRET } from "./support/secrets";
import { injectFault, resetSimulator } from "./support/simulator";
import { expect, test } from "./support/auth";

const { oneWayRunning, twoWayRunning } = SEED_FIXTURES;
const CANARIES = [E2E_SIMULATOR_SECRET, E2E_ALIBABA_SECRET, E2E_METRICS_TOKEN];
// Traces of request signing that must never be visible outside the server.
const SIGNING_TRACES = ["ACS3-HMAC-SHA256", "x-acs-signature-nonce", "SignatureNonce=", "@alicloud/credentials"];

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function expectClean(text: string, where: string) {
  for (const canary of CANARIES) expect(text.includes(canary), `${where} contains a canary secret`).toBe(false);
  expect(text, where).not.toMatch(/Signature=|"Authorization"/);
}

test.use({ signedInAs: "admin" });

test("the built client assets hold no secret and no signing code", () => {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const assets = filesUnder(path.join(distDir, "static")).filter((f) => /\.(js|css|json|map|txt)$/.test(f));
  expect(assets.length, `client assets under ${distDir}/static`).toBeGreaterThan(5);
  for (const file of assets) {
    const text = fs.readFileSync(file, "utf8");
    expectClean(text, file);
    for (const trace of SIGNING_TRACES) expect(text.includes(trace), `${file} contains "${trace}"`).toBe(false);
  }
});

test("pages and API answers hold no secret", async ({ page, request }) => {
  await resetSimulator(request);
  const pages = [
    "/jobs?region=cn-hangzhou&type=sync",
    `/jobs/${twoWayRunning.jobId}?region=cn-hangzhou&type=sync`,
    "/resets",
    "/admin/users",
    "/sign-in",
  ];
  for (const url of pages) {
    const response = await page.goto(url);
    expect(response?.ok(), url).toBe(true);
    expectClean(await page.content(), `HTML of ${url}`);
  }

  // A success, a DTS failure and an unknown outcome: each answer carries DTS's details, never ours.
  const body = { region: oneWayRunning.region, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: "secret scan" };
  // A refusal (HTTP 400 in the body): a 5xx would be an unknown outcome, which blocks the next reset.
  await injectFault(request, { action: "ResetDtsJob", kind: "dts-failure", times: 1, errCode: "InvalidParameter", httpStatusCode: 400 });
  const failed = await request.post(`/api/jobs/${oneWayRunning.jobId}/reset`, { data: body });
  expect(failed.status()).toBe(502);
  const succeeded = await request.post(`/api/jobs/${oneWayRunning.jobId}/reset`, { data: body });
  expect(succeeded.status()).toBe(200);

  const answers = [
    failed,
    succeeded,
    await request.get("/api/jobs?region=cn-hangzhou&type=sync"),
    await request.get(`/api/jobs/${twoWayRunning.jobId}?region=cn-hangzhou`),
    await request.get("/api/resets"),
    await request.get("/api/resets/export?format=json"),
    await request.get("/api/health"),
  ];
  for (const answer of answers) expectClean(await answer.text(), `answer of ${answer.url()}`);
});
