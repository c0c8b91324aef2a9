// The JSON API at the HTTP level: bad input gets a clear 4xx and nothing reaches DTS.
// `request` is signed in as the demo operator (./support/auth.ts); auth itself is tested in auth-*.spec.ts.
import { expect, test } from "./support/auth";
import { SEED_FIXTURES } from "../simulator/seed-fixtures";
import { forwardResetBody, resetSimulator, simulatorCalls } from "./support/simulator";

const { oneWayRunning, twoWayRunning, prechecking, notConfigured } = SEED_FIXTURES;

const validBody = forwardResetBody(oneWayRunning, "Replication stuck after a schema change");

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test("health says which mode the console runs in", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", mode: "simulator", db: "sqlite" });
  expect(response.headers()["cache-control"]).toBe("no-store");
});

test("lists tasks with paging and rejects bad query parameters", async ({ request }) => {
  const page = await request.get(`/api/jobs?region=cn-hangzhou&type=sync&pageSize=10&page=1`);
  expect(page.status()).toBe(200);
  const body = await page.json();
  expect(body).toMatchObject({ page: 1, pageSize: 10 });
  expect(body.items).toHaveLength(10);
  expect(body.total).toBeGreaterThan(10);

  for (const query of ["region=mars-1", "region=cn-hangzhou&pageSize=50", "region=cn-hangzhou&type=migration", "region=cn-hangzhou&page=0", "region=cn-hangzhou&bogus=1"]) {
    const response = await request.get(`/api/jobs?${query}`);
    expect(response.status(), query).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_request");
  }
});

test("a task lookup by ID and by instance", async ({ request }) => {
  const byId = await request.get(`/api/jobs/${twoWayRunning.jobId}?region=${twoWayRunning.region}`);
  expect(byId.status()).toBe(200);
  const body = await byId.json();
  expect(body.job).toMatchObject({ jobId: twoWayRunning.jobId, twoWay: true });
  expect(body.detail.reverse).toMatchObject({ jobId: twoWayRunning.reverseJobId });

  const byInstance = await request.get(`/api/instances/${oneWayRunning.instanceId}?region=${oneWayRunning.region}`);
  expect((await byInstance.json()).job.jobId).toBe(oneWayRunning.jobId);

  const missing = await request.get(`/api/jobs/nosuchtask0000?region=cn-hangzhou`);
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("task_not_found");
});

test.describe("reset refusals send nothing to DTS", () => {
  const cases: Array<{ name: string; jobId: string; body: unknown; status: number; code: string; raw?: string; contentType?: string }> = [
    { name: "bad JSON", jobId: oneWayRunning.jobId, body: null, raw: "{not json", status: 400, code: "invalid_request" },
    { name: "not JSON at all", jobId: oneWayRunning.jobId, body: null, raw: "a=b", contentType: "application/x-www-form-urlencoded", status: 400, code: "invalid_request" },
    { name: "unknown field", jobId: oneWayRunning.jobId, body: { ...validBody, force: true }, status: 400, code: "invalid_request" },
    { name: "missing reason", jobId: oneWayRunning.jobId, body: { ...validBody, reason: " " }, status: 400, code: "invalid_request" },
    { name: "reason too long", jobId: oneWayRunning.jobId, body: { ...validBody, reason: "x".repeat(501) }, status: 400, code: "invalid_request" },
    { name: "bad direction", jobId: oneWayRunning.jobId, body: { ...validBody, direction: "Sideways" }, status: 400, code: "invalid_request" },
    { name: "bad region", jobId: oneWayRunning.jobId, body: { ...validBody, region: "mars-1" }, status: 400, code: "invalid_request" },
    { name: "bad task ID", jobId: "bad%20id!", body: validBody, status: 400, code: "invalid_request" },
    { name: "confirmation mismatch", jobId: oneWayRunning.jobId, body: { ...validBody, confirmation: "l3m1213ye7l3k2x" }, status: 409, code: "confirmation_mismatch" },
    { name: "Reverse on a one-way task", jobId: oneWayRunning.jobId, body: { ...validBody, direction: "Reverse" }, status: 409, code: "reverse_not_allowed" },
    {
      name: "a task in Prechecking",
      jobId: prechecking.jobId,
      body: { ...validBody, instanceId: prechecking.instanceId, confirmation: prechecking.jobId },
      status: 409,
      code: "not_resettable",
    },
    {
      name: "an already Not Configured task",
      jobId: notConfigured.jobId,
      body: { ...validBody, instanceId: notConfigured.instanceId, confirmation: notConfigured.jobId },
      status: 409,
      code: "not_resettable",
    },
    {
      name: "Reverse confirmed with the forward ID",
      jobId: twoWayRunning.jobId,
      body: { ...validBody, instanceId: twoWayRunning.instanceId, direction: "Reverse", confirmation: twoWayRunning.jobId },
      status: 409,
      code: "confirmation_mismatch",
    },
    { name: "an unknown task", jobId: "zzzzzzzzzzzzzzz", body: { ...validBody, confirmation: "zzzzzzzzzzzzzzz" }, status: 404, code: "task_not_found" },
    { name: "instance of another task", jobId: oneWayRunning.jobId, body: { ...validBody, instanceId: prechecking.instanceId }, status: 409, code: "task_mismatch" },
  ];

  for (const c of cases) {
    test(c.name, async ({ request }) => {
      const response = await request.post(`/api/jobs/${c.jobId}/reset`, {
        headers: { "content-type": c.contentType ?? "application/json" },
        data: c.raw ?? JSON.stringify(c.body),
      });
      expect(response.status()).toBe(c.status);
      const body = await response.json();
      expect(body.error.code).toBe(c.code);
      expect(body.error.message).toBeTruthy();
      expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(0);
    });
  }
});

test("a reset replayed with the same idempotency key sends one call and returns the same record", async ({ request }) => {
  const body = { ...validBody, idempotencyKey: "e2e-replay-key-0001" };
  const first = await request.post(`/api/jobs/${oneWayRunning.jobId}/reset`, { data: body });
  expect(first.status()).toBe(200);
  const firstBody = await first.json();
  expect(firstBody).toMatchObject({ replayed: false, reset: { status: "succeeded", httpStatus: 200, direction: "Forward" } });
  expect(firstBody.reset.requestId).toBeTruthy();

  const second = await request.post(`/api/jobs/${oneWayRunning.jobId}/reset`, { data: body });
  expect(second.status()).toBe(200);
  const secondBody = await second.json();
  expect(secondBody.replayed).toBe(true);
  expect(secondBody.reset.id).toBe(firstBody.reset.id);
  expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(1);
});
