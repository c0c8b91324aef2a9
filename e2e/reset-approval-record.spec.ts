// A reset made on an approved request (issue 13) names both people: its record says who asked and
// who approved, with a link to the request on /approvals, and the history marks it "approved by …".
import { SEED, demoUser, expect, expectNoAxeViolations, test } from "./fixtures";
import { DEMO_PASSWORD } from "../lib/auth/demo-users";
import { runTag } from "./support/reset-history";

const { oneWayRunning } = SEED;

test("an approved reset's record names who asked and who approved, and links to the request", async ({ page, playwright, baseURL }) => {
  // The admin and the second operator act through the API only, each with a session of their own.
  const as = async (username: string, password: string) => {
    const api = await playwright.request.newContext({ baseURL });
    expect((await api.post("/api/auth/sign-in", { data: { username, password } })).status(), `sign-in as ${username}`).toBe(200);
    return api;
  };
  const admin = await as("demo-admin", DEMO_PASSWORD);
  const approver = `e2e-approver-${Date.now().toString(36)}`;
  const password = "e2e-approver-password-123";
  expect((await admin.post("/api/admin/users", { data: { username: approver, role: "operator", password } })).status()).toBe(201);
  expect((await admin.put("/api/admin/approval-policy", { data: { mode: "all" } })).status()).toBe(200);
  try {
    // The operator asks (202: a request, nothing sent to DTS); another operator approves it.
    const asked = await page.request.post(`/api/jobs/${oneWayRunning.jobId}/reset`, {
      data: { region: oneWayRunning.region, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: `Stuck (${runTag("approved")})` },
    });
    expect(asked.status()).toBe(202);
    const requestId = ((await asked.json()) as { request: { id: string } }).request.id;
    const second = await as(approver, password);
    const approved = await second.post(`/api/reset-requests/${requestId}/approve`, { data: {} });
    expect(approved.status()).toBe(200);
    const { reset } = (await approved.json()) as { reset: { id: string } };
    await second.dispose();

    await page.goto(`/resets/${reset.id}`);
    const who = page.getByRole("region", { name: "Who, when and why" });
    await expect(who).toContainText(`Requested by ${demoUser("operator")}, approved by ${approver} at`);
    const link = who.getByRole("link", { name: "Open the request" });
    await expect(link).toHaveAttribute("href", `/approvals#request-${requestId}`);
    // One account only: the record does not name it.
    await expect(page.getByRole("region", { name: "What was reset" })).not.toContainText("Account");
    await expectNoAxeViolations(page, "/resets/[id] (approved reset, summary)");

    // The link lands on the request's card once the list is in.
    await link.click();
    await expect(page).toHaveURL(`/approvals#request-${requestId}`);
    await expect(page.locator(`article[id="request-${requestId}"]`)).toBeInViewport();

    // The history marks the record.
    await page.goto(`/resets?task=${oneWayRunning.instanceId}`);
    const row = page.getByRole("table", { name: /Reset attempts, newest first/ }).locator(`tr[data-reset-id="${reset.id}"]`);
    await expect(row).toContainText(`approved by ${approver}`);
  } finally {
    await admin.put("/api/admin/approval-policy", { data: { mode: "off" } });
    await admin.dispose();
  }
});
