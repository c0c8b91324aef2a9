// Two-person approval over the JSON API (issue 13): the real route handlers (Request in, Response
// out), the real simulator over HTTP (its call log is the witness), a real SQLite file, with
// RESET_APPROVAL=required. Self-approval is refused for sessions and API tokens alike.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import { startHarness, type Harness } from "./dts-harness";
import { callRoute, signInCookie, type RouteHandler } from "./reset-route-client";
import { routeSuiteLifecycle, simulatorConsoleEnv } from "./route-suite";
import { parseCsv } from "../support-csv";

const { oneWayRunning } = SEED_FIXTURES;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reset-approvals-routes-"));
const saved = { ...process.env };

let h: Harness;
let routes: {
  signIn: RouteHandler;
  reset: RouteHandler;
  list: RouteHandler;
  one: RouteHandler;
  approve: RouteHandler;
  reject: RouteHandler;
  cancel: RouteHandler;
  approval: RouteHandler;
  policy: { GET: RouteHandler; PUT: RouteHandler };
  users: RouteHandler;
  tokens: RouteHandler;
  resets: RouteHandler;
  resetOne: RouteHandler;
  exportResets: RouteHandler;
};
const cookies: Record<string, string> = {};
let adminToken: string;

const call = callRoute;

const signIn = (username: string, password?: string) => signInCookie(routes.signIn, username, password);

const resetBody = {
  region: oneWayRunning.region,
  instanceId: oneWayRunning.instanceId,
  direction: "Forward",
  confirmation: oneWayRunning.jobId,
  reason: "Stuck after DDL on orders.order_item",
};

async function requestAs(who: { cookie?: string; bearer?: string }) {
  const response = await call(routes.reset, `/api/jobs/${oneWayRunning.jobId}/reset`, { method: "POST", body: resetBody, ...who }, { jobId: oneWayRunning.jobId });
  return { status: response.status, body: (await response.json()) as { request: { id: string; status: string; snapshotHash: string }; error?: { code: string } } };
}

function decide(action: "approve" | "reject" | "cancel", id: string, who: { cookie?: string; bearer?: string }, body?: unknown) {
  return call(routes[action], `/api/reset-requests/${id}/${action}`, { method: "POST", body, ...who }, { id });
}

async function resetCalls() {
  return h.calls("ResetDtsJob");
}

beforeAll(async () => {
  h = await startHarness({ rateLimit: false });
  Object.assign(process.env, simulatorConsoleEnv(h, dir, {
      RESET_APPROVAL: "required",
  }));
  const load = async (p: string) => (await import(p)) as Record<string, RouteHandler>;
  const policy = await load("@/app/api/admin/approval-policy/route");
  routes = {
    signIn: (await load("@/app/api/auth/sign-in/route")).POST!,
    reset: (await load("@/app/api/jobs/[jobId]/reset/route")).POST!,
    list: (await load("@/app/api/reset-requests/route")).GET!,
    one: (await load("@/app/api/reset-requests/[id]/route")).GET!,
    approve: (await load("@/app/api/reset-requests/[id]/approve/route")).POST!,
    reject: (await load("@/app/api/reset-requests/[id]/reject/route")).POST!,
    cancel: (await load("@/app/api/reset-requests/[id]/cancel/route")).POST!,
    approval: (await load("@/app/api/jobs/[jobId]/approval/route")).GET!,
    policy: { GET: policy.GET!, PUT: policy.PUT! },
    users: (await load("@/app/api/admin/users/route")).POST!,
    tokens: (await load("@/app/api/admin/tokens/route")).POST!,
    resets: (await load("@/app/api/resets/route")).GET!,
    resetOne: (await load("@/app/api/resets/[id]/route")).GET!,
    exportResets: (await load("@/app/api/resets/export/route")).GET!,
  };
  cookies.demo = await signIn("demo");
  cookies.admin = await signIn("demo-admin");
  cookies.viewer = await signIn("demo-viewer");
  const created = await call(routes.users, "/api/admin/users", { method: "POST", cookie: cookies.admin, body: { username: "bob", role: "operator", password: "bob-password-long-enough" } });
  expect(created.status).toBe(201);
  cookies.bob = await signIn("bob", "bob-password-long-enough");
  const token = await call(routes.tokens, "/api/admin/tokens", { method: "POST", cookie: cookies.admin, body: { name: "ci job", role: "operator" } });
  expect(token.status).toBe(201);
  adminToken = ((await token.json()) as { secret: string }).secret;
});
routeSuiteLifecycle(() => ({ harness: h, env: saved, dir }));

describe("a reset where approval is required", () => {
  it("answers 202 with a pending request, keeps the snapshot and its hash, and sends nothing to DTS", async () => {
    const policy = await call(routes.approval, `/api/jobs/${oneWayRunning.jobId}/approval?region=${oneWayRunning.region}`, { cookie: cookies.viewer }, { jobId: oneWayRunning.jobId });
    expect((await policy.json()).approval).toMatchObject({ required: true });

    const { status, body } = await requestAs({ cookie: cookies.demo });
    expect(status).toBe(202);
    expect(body.request).toMatchObject({ status: "pending", jobId: oneWayRunning.jobId, requestedBy: { username: "demo", role: "operator" } });
    expect(body.request.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await resetCalls()).toHaveLength(0);

    const one = await call(routes.one, `/api/reset-requests/${body.request.id}`, { cookie: cookies.viewer }, { id: body.request.id });
    const detail = (await one.json()).request;
    expect(detail.snapshot.job).toMatchObject({ DtsJobId: oneWayRunning.jobId });
    expect(detail.snapshot.detail.DbObject).toContain("orders");
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(["requested"]);
  });

  it("refuses self-approval through a session and through the requester's API token (403 self_approval)", async () => {
    const mine = (await requestAs({ cookie: cookies.demo })).body.request;
    const self = await decide("approve", mine.id, { cookie: cookies.demo }, {});
    expect(self.status).toBe(403);
    expect((await self.json()).error.code).toBe("self_approval");

    // demo-admin asks; the token demo-admin created must not approve it.
    const adminsOwn = (await requestAs({ cookie: cookies.admin })).body.request;
    const byToken = await decide("approve", adminsOwn.id, { bearer: adminToken });
    expect(byToken.status).toBe(403);
    expect((await byToken.json()).error.code).toBe("self_approval");
    // …nor the other way round: a request made with the token, approved by its creator.
    const tokensOwn = (await requestAs({ bearer: adminToken })).body.request;
    expect(tokensOwn).toMatchObject({ requestedBy: { username: "token:ci job" } });
    const byCreator = await decide("approve", tokensOwn.id, { cookie: cookies.admin });
    expect((await byCreator.json()).error.code).toBe("self_approval");
    expect(await resetCalls()).toHaveLength(0);
  });

  it("refuses a viewer (403 forbidden)", async () => {
    const { request } = (await requestAs({ cookie: cookies.demo })).body;
    const response = await decide("approve", request.id, { cookie: cookies.viewer });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  });

  it("approve and reset: one ResetDtsJob, recorded as the requester's reset, linked to the request naming the approver", async () => {
    const { request } = (await requestAs({ cookie: cookies.demo })).body;
    const response = await decide("approve", request.id, { cookie: cookies.bob }, { comment: "Checked with the owners" });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.reset).toMatchObject({ status: "succeeded", actor: "demo", jobId: oneWayRunning.jobId });
    expect(body.request).toMatchObject({ status: "approved", decidedBy: { username: "bob" }, decisionComment: "Checked with the owners", resetId: body.reset.id });
    expect(body.request.events.map((e: { type: string }) => e.type)).toEqual(["requested", "approved", "reset_recorded"]);
    expect(await resetCalls()).toHaveLength(1);

    const again = await decide("approve", request.id, { cookie: cookies.admin });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("request_not_pending");
    expect(await resetCalls()).toHaveLength(1);
  });

  it("the record of an approved reset names the requester and the approver, in the API and both exports", async () => {
    const { request } = (await requestAs({ cookie: cookies.demo })).body;
    const approved = await decide("approve", request.id, { cookie: cookies.bob });
    expect(approved.status).toBe(200);
    const { reset } = (await approved.json()) as { reset: { id: string; approval: unknown } };
    const expected = { requestId: request.id, requestedBy: "demo", approvedBy: "bob" };
    expect(reset.approval).toMatchObject(expected);

    const one = await (await call(routes.resetOne, `/api/resets/${reset.id}`, { cookie: cookies.viewer }, { id: reset.id })).json();
    expect(one.reset).toMatchObject({ actor: "demo", account: "default", approval: expected });
    expect(one.reset.approval.approvedAt).toEqual(expect.any(String));
    const list = await (await call(routes.resets, "/api/resets", { cookie: cookies.viewer })).json();
    expect(list.items.find((r: { id: string }) => r.id === reset.id)).toMatchObject({ approval: expected });

    const json = (await (await call(routes.exportResets, "/api/resets/export?format=json", { cookie: cookies.viewer })).json()) as Array<{ id: string; approval: unknown }>;
    expect(json.find((r) => r.id === reset.id)?.approval).toMatchObject(expected);
    const csv = await (await call(routes.exportResets, "/api/resets/export?format=csv", { cookie: cookies.viewer })).text();
    const [header, ...rows] = parseCsv(csv);
    const row = rows.find((r) => r[0] === reset.id)!;
    expect(row[header!.indexOf("approved_by")]).toBe("bob");
    expect(row[header!.indexOf("approval_requested_by")]).toBe("demo");
    expect(row[header!.indexOf("approval_request_id")]).toBe(request.id);

  });

  it("two reviewers approving at once send one ResetDtsJob", async () => {
    const { request } = (await requestAs({ cookie: cookies.demo })).body;
    const answers = await Promise.all([decide("approve", request.id, { cookie: cookies.bob }), decide("approve", request.id, { cookie: cookies.admin })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await resetCalls()).toHaveLength(1);
  });

  it("an approval and a cancel at once leave one outcome", async () => {
    const { request } = (await requestAs({ cookie: cookies.demo })).body;
    const [approved, cancelled] = await Promise.all([decide("approve", request.id, { cookie: cookies.bob }), decide("cancel", request.id, { cookie: cookies.demo })]);
    expect([approved.status, cancelled.status].sort()).toEqual([200, 409]);
    const final = (await (await call(routes.one, `/api/reset-requests/${request.id}`, { cookie: cookies.demo }, { id: request.id })).json()).request;
    const decisions = final.events.filter((e: { type: string }) => e.type === "approved" || e.type === "cancelled");
    expect(decisions).toHaveLength(1);
    expect(await resetCalls()).toHaveLength(final.status === "approved" ? 1 : 0);
  });

  it("reject needs a comment, is refused to the requester, and leaves the request rejected", async () => {
    const { request } = (await requestAs({ cookie: cookies.demo })).body;
    expect((await decide("reject", request.id, { cookie: cookies.bob }, {})).status).toBe(400);
    expect((await (await decide("reject", request.id, { cookie: cookies.demo }, { comment: "no" })).json()).error.code).toBe("self_approval");
    const response = await decide("reject", request.id, { cookie: cookies.bob }, { comment: "Not during business hours" });
    expect(response.status).toBe(200);
    expect((await response.json()).request).toMatchObject({ status: "rejected", decidedBy: { username: "bob" }, decisionComment: "Not during business hours" });
    expect((await (await decide("approve", request.id, { cookie: cookies.admin })).json()).error.code).toBe("request_not_pending");
    expect(await resetCalls()).toHaveLength(0);
  });

  it("only the requester cancels", async () => {
    const { request } = (await requestAs({ cookie: cookies.demo })).body;
    const other = await decide("cancel", request.id, { cookie: cookies.bob });
    expect(other.status).toBe(403);
    const mine = await decide("cancel", request.id, { cookie: cookies.demo });
    expect(mine.status).toBe(200);
    expect((await mine.json()).request).toMatchObject({ status: "cancelled", decidedBy: { username: "demo" } });
  });

  it("a task changed since the request invalidates it: 409 request_invalidated, nothing sent", async () => {
    const { request } = (await requestAs({ cookie: cookies.demo })).body;
    const changed = await h.control(`jobs/${oneWayRunning.jobId}/status`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: "Suspending" }) });
    expect(changed.status).toBe(200);
    const response = await decide("approve", request.id, { cookie: cookies.bob });
    expect(response.status).toBe(409);
    const error = (await response.json()).error;
    expect(error.code).toBe("request_invalidated");
    expect(error.request.status).toBe("invalidated");
    expect(await resetCalls()).toHaveLength(0);
    expect((await (await decide("approve", request.id, { cookie: cookies.admin })).json()).error.code).toBe("request_invalidated");
  });

  it("lists pending requests first, then the history, with the pending count", async () => {
    const first = (await requestAs({ cookie: cookies.demo })).body.request;
    await decide("cancel", first.id, { cookie: cookies.demo });
    const second = (await requestAs({ cookie: cookies.demo })).body.request;
    const body = await (await call(routes.list, "/api/reset-requests", { cookie: cookies.viewer })).json();
    expect(body.items[0].status).toBe("pending");
    expect(body.pendingCount).toBeGreaterThanOrEqual(1);
    const pendingIds = (await (await call(routes.list, "/api/reset-requests?status=pending", { cookie: cookies.viewer })).json()).items.map((r: { id: string }) => r.id);
    expect(pendingIds).toContain(second.id);
    expect(pendingIds).not.toContain(first.id);
  });

  it("the admin policy API is admin-only and validates patterns", async () => {
    expect((await call(routes.policy.GET, "/api/admin/approval-policy", { cookie: cookies.demo })).status).toBe(403);
    const put = await call(routes.policy.PUT, "/api/admin/approval-policy", { method: "PUT", cookie: cookies.admin, body: { mode: "selected", regions: ["cn-beijing"], namePatterns: ["prod-*"] } });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ policy: { mode: "selected", regions: ["cn-beijing"], namePatterns: ["prod-*"] }, envRequired: true, updatedBy: "demo-admin" });
    const bad = await call(routes.policy.PUT, "/api/admin/approval-policy", { method: "PUT", cookie: cookies.admin, body: { mode: "sometimes" } });
    expect(bad.status).toBe(400);
  });
});
