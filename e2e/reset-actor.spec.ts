// Every reset record names who did it: the signed-in account (or API token), its role, the client
// address and the user agent, taken from the request on the server, never from the body.
import { request as newRequest } from "@playwright/test";
import { SEED_FIXTURES } from "../simulator/seed-fixtures";
import { forwardResetBody, resetSimulator, simulatorCalls } from "./support/simulator";
import { bearer, createApiToken, demoUsername, expect, test } from "./support/auth";

const { oneWayRunning } = SEED_FIXTURES;
const body = forwardResetBody(oneWayRunning, "Actor recording check");

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test("a reset by an operator's session records the account, role, address and user agent", async ({ request }) => {
  const response = await request.post(`/api/jobs/${oneWayRunning.jobId}/reset`, { data: body, headers: { "user-agent": "e2e-actor-check/1.0" } });
  expect(response.status(), await response.text()).toBe(200);
  const { reset } = await response.json();
  expect(reset).toMatchObject({ actor: demoUsername("operator"), actorRole: "operator", status: "succeeded" });
  const detail = await (await request.get(`/api/resets/${reset.id}`)).json();
  expect(detail.reset).toMatchObject({ actorAddress: expect.stringMatching(/^(127\.0\.0\.1|::1)$/), actorUserAgent: "e2e-actor-check/1.0" });
  expect(await simulatorCalls(request, "ResetDtsJob")).toHaveLength(1);
});

test("a reset by an API token records the token as the actor, and a viewer token cannot reset", async () => {
  const admin = await newRequest.newContext({ baseURL: test.info().project.use.baseURL });
  const operatorToken = await createApiToken(admin, "operator", `actor check ${Date.now()}`);
  const viewerToken = await createApiToken(admin, "viewer");
  await admin.dispose();

  const anonymous = await newRequest.newContext({ baseURL: test.info().project.use.baseURL });
  const refused = await anonymous.post(`/api/jobs/${oneWayRunning.jobId}/reset`, { data: body, headers: bearer(viewerToken.secret) });
  expect(refused.status()).toBe(403);
  expect(await simulatorCalls(anonymous, "ResetDtsJob")).toHaveLength(0);

  const response = await anonymous.post(`/api/jobs/${oneWayRunning.jobId}/reset`, { data: body, headers: bearer(operatorToken.secret) });
  expect(response.status(), await response.text()).toBe(200);
  const { reset } = await response.json();
  expect(reset.actor).toMatch(/^token:actor check \d+$/);
  expect(reset.actorRole).toBe("operator");
  await anonymous.dispose();
});
