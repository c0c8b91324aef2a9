// The secret scan, extended to the server's log output and the audit store: after exercising every
// path that handles a secret (sign-in with right and wrong passwords, sessions, API tokens, signed
// DTS calls, DTS errors), no password, session or API token, AccessKey secret, security token or
// signature may appear in either. The server writes its whole output to LOG_FILE
// (playwright.config.ts); the store is AUDIT_DB_PATH.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { request as newRequest } from "@playwright/test";
import { SEED_FIXTURES } from "../simulator/seed-fixtures";
import { E2E_ALIBABA_SECRET, E2E_METRICS_TOKEN, E2E_SIMULATOR_SECRET } from "./support/secrets";
import { clearFaults, injectFault, resetSimulator } from "./support/simulator";
import { bearer, createApiToken, DEMO_PASSWORD, demoUsername, e2eDatabasePath, expect, sessionCookie, signInRequest, test } from "./support/auth";

const { oneWayRunning } = SEED_FIXTURES;
const WRONG_PASSWORD_CANARY = "e2e-WRONG-password-canary-7d1c";
const NEW_USER_PASSWORD_CANARY = "e2e-NEW-user-password-canary-3a9f";
const TOKEN_PATTERN = /dts[sc]_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/;

function logFilePath(): string {
  return path.resolve(process.env.LOG_FILE ?? path.join(process.env.E2E_DATA_DIR ?? ".e2e-data", "server.log"));
}

test.use({ signedInAs: null });

test("no secret reaches the server's logs or the audit store", async ({ request }) => {
  test.setTimeout(60_000);
  const baseURL = test.info().project.use.baseURL;
  await resetSimulator(request);
  const secrets: Record<string, string> = {
    "the simulator's AccessKey secret": E2E_SIMULATOR_SECRET,
    "the Alibaba Cloud AccessKey secret": E2E_ALIBABA_SECRET,
    "the demo password": DEMO_PASSWORD,
    "a wrong password": WRONG_PASSWORD_CANARY,
    "a new user's password": NEW_USER_PASSWORD_CANARY,
    "the metrics token": E2E_METRICS_TOKEN,
  };

  // Exercise every path that touches a secret.
  expect((await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } })).status()).toBe(200);
  expect((await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN.slice(0, -1)}x` } })).status()).toBe(401);
  const wrong = await request.post("/api/auth/sign-in", { data: { username: demoUsername("viewer"), password: WRONG_PASSWORD_CANARY }, headers: { "x-forwarded-for": "198.19.0.1" } });
  expect(wrong.status()).toBe(401);
  const typedIntoUsername = await request.post("/api/auth/sign-in", { data: { username: WRONG_PASSWORD_CANARY, password: "x" }, headers: { "x-forwarded-for": "198.19.0.2" } });
  expect(typedIntoUsername.status()).toBe(401);

  const operator = await newRequest.newContext({ baseURL });
  await signInRequest(operator, "operator");
  secrets["an operator session"] = (await sessionCookie(operator))!;
  const reset = await operator.post(`/api/jobs/${oneWayRunning.jobId}/reset`, {
    data: { region: oneWayRunning.region, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: "Secret scan" },
  });
  expect(reset.status()).toBe(200);
  // A DTS failure: its message and fields are logged (warn), signature and secret must not be.
  // Every DescribeDtsJobs fails until cleared: the background job reads DTS too (open records of
  // earlier specs), and a counted fault it took first would let this request through.
  await injectFault(request, { action: "DescribeDtsJobs", kind: "internal", probability: 1 });
  expect((await operator.get("/api/jobs?region=cn-hangzhou&type=sync")).status()).toBeGreaterThanOrEqual(500);
  await clearFaults(request);
  await operator.post("/api/auth/sign-out");
  await operator.dispose();

  const admin = await newRequest.newContext({ baseURL });
  const token = await createApiToken(admin, "viewer", `secret scan ${Date.now()}`);
  secrets["an admin session"] = (await sessionCookie(admin))!;
  secrets["an API token"] = token.secret;
  expect((await admin.post("/api/admin/users", { data: { username: `scan-${Date.now()}`, role: "viewer", password: NEW_USER_PASSWORD_CANARY } })).status()).toBe(201);
  const reset2 = await admin.post(`/api/admin/users/${demoUsername("viewer")}/password`, { data: { password: DEMO_PASSWORD } });
  expect(reset2.status()).toBe(200);
  await admin.dispose();
  const withToken = await newRequest.newContext({ baseURL, extraHTTPHeaders: bearer(token.secret) });
  expect((await withToken.get("/api/resets")).status()).toBe(200);
  expect((await withToken.get("/api/jobs/nosuchtask0000?region=cn-hangzhou", { headers: { authorization: `Bearer ${token.secret}x` } })).status()).toBe(401);
  await withToken.dispose();

  // The log output of the whole run so far.
  const logFile = logFilePath();
  expect(fs.existsSync(logFile), `no server log at ${logFile}: set LOG_FILE in playwright.config.ts's webServer.env`).toBe(true);
  // The server's output reaches the file through a pipe, in order: a last, unique line (a DTS
  // failure message is logged as a warning) is the event that everything before it is there.
  const marker = `log-marker-${Date.now().toString(36)}`;
  await injectFault(request, { action: "DescribeDtsJobs", kind: "dts-failure", probability: 1, errCode: "InvalidParameter", errMessage: marker, httpStatusCode: 400 });
  const viewer = await newRequest.newContext({ baseURL });
  await signInRequest(viewer, "viewer");
  secrets["a viewer session"] = (await sessionCookie(viewer))!;
  expect((await viewer.get("/api/jobs?region=cn-hangzhou&type=sync")).status()).toBeGreaterThanOrEqual(400);
  await clearFaults(request);
  await viewer.dispose();
  await expect.poll(() => fs.readFileSync(logFile, "utf8").includes(marker), { timeout: 30_000, message: "the marker line in the server log" }).toBe(true);
  const log = fs.readFileSync(logFile, "utf8");
  expect(log.length).toBeGreaterThan(0);
  for (const [what, value] of Object.entries(secrets)) expect(log.includes(value), `${what} in the server log`).toBe(false);
  expect(log, "a session or API token in the server log").not.toMatch(TOKEN_PATTERN);
  expect(log, "a request signature in the server log").not.toMatch(/Signature=(?!\[redacted\])[^&\s"]+/);
  for (const line of log.split("\n").filter((l) => l.startsWith("{"))) expect(() => JSON.parse(line), `a log line that is not JSON: ${line}`).not.toThrow();

  // Everything the audit store holds, every text in every table.
  const db = new Database(e2eDatabasePath(), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    const dump = tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join("\n");
    for (const [what, value] of Object.entries(secrets)) expect(dump.includes(value), `${what} in the audit store`).toBe(false);
    expect(dump, "a session or API token in the audit store").not.toMatch(TOKEN_PATTERN);
    const hashes = db.prepare("SELECT password_hash FROM users").all() as Array<{ password_hash: string }>;
    for (const { password_hash } of hashes) expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  } finally {
    db.close();
  }
});
