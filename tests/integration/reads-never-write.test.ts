// Reads never write (issue 20): a viewer's GET of the reconfiguration page, with a
// reconfiguration open (DTS accepted it, its precheck is not started yet), sends nothing to DTS
// that changes a task and changes no record. Only the background job follows it.
// The real route handlers (Request in, Response out), the real simulator (its call log is the
// witness), a real SQLite file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import { startHarness, type Harness } from "./dts-harness";
import { callRoute, signInCookie, type RouteHandler } from "./reset-route-client";
import { routeSuiteLifecycle, simulatorConsoleEnv } from "./route-suite";

const { oneWayRunning } = SEED_FIXTURES;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reads-never-write-"));
const saved = { ...process.env };

let h: Harness;
let routes: { signIn: RouteHandler; reset: RouteHandler; reconfigure: { GET: RouteHandler; POST: RouteHandler }; record: RouteHandler };
const cookies: Record<string, string> = {};

const call: typeof callRoute = (handler, pathname, init = {}, routeParams = {}) => callRoute(handler, pathname, { clientAddress: "198.51.100.21", ...init }, routeParams);

const signIn = (username: string) => signInCookie(routes.signIn, username, undefined, "198.51.100.21");

beforeAll(async () => {
  h = await startHarness({ rateLimit: false });
  Object.assign(process.env, simulatorConsoleEnv(h, dir));
  const load = async (p: string) => (await import(p)) as Record<string, RouteHandler>;
  const reconfigure = await load("@/app/api/resets/[id]/reconfigure/route");
  routes = {
    signIn: (await load("@/app/api/auth/sign-in/route")).POST!,
    reset: (await load("@/app/api/jobs/[jobId]/reset/route")).POST!,
    reconfigure: { GET: reconfigure.GET!, POST: reconfigure.POST! },
    record: (await load("@/app/api/resets/[id]/route")).GET!,
  };
  cookies.operator = await signIn("demo");
  cookies.viewer = await signIn("demo-viewer");
});
routeSuiteLifecycle(() => ({ harness: h, env: saved, dir }));

/** The calls that change a task, as the simulator logged them. */
async function writes(): Promise<string[]> {
  return (await h.calls()).map((c) => c.action ?? "").filter((a) => ["ResetDtsJob", "ConfigureDtsJob", "StartDtsJob"].includes(a));
}

describe("GET /api/resets/{id}/reconfigure", () => {
  it("a viewer's read of an open reconfiguration sends nothing to DTS and changes no record", async () => {
    const reset = await call(routes.reset, `/api/jobs/${oneWayRunning.jobId}/reset`, {
      method: "POST",
      cookie: cookies.operator,
      body: { region: oneWayRunning.region, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: "reads never write" },
    }, { jobId: oneWayRunning.jobId });
    expect(reset.status).toBe(200);
    const resetId = ((await reset.json()) as { reset: { id: string } }).reset.id;

    // DTS accepts the configuration; the POST's own first follow step cannot read the task (DTS
    // refuses that one read), so the record waits with its precheck not yet started: exactly what
    // the old GET would have followed, with reads and a StartDtsJob, on a viewer's read.
    await h.fault({ action: "DescribeDtsJobDetail", kind: "dts-failure", errCode: "InvalidParameter", errMessage: "refused once by the test", httpStatusCode: 400, times: 1 });
    const configured = await call(routes.reconfigure.POST, `/api/resets/${resetId}/reconfigure`, {
      method: "POST",
      cookie: cookies.operator,
      body: { sourcePassword: "src-pw-reads", destinationPassword: "dst-pw-reads" },
    }, { id: resetId });
    expect(configured.status).toBe(200);
    const before = await writes();
    expect(before).toEqual(["ResetDtsJob", "ConfigureDtsJob"]);

    const first = await call(routes.reconfigure.GET, `/api/resets/${resetId}/reconfigure`, { cookie: cookies.viewer }, { id: resetId });
    expect(first.status).toBe(200);
    const view = (await first.json()) as { reconfigurations: Array<{ status: string; progress: string; start: unknown }> };
    expect(view.reconfigurations).toHaveLength(1);
    expect(view.reconfigurations[0]).toMatchObject({ status: "succeeded", progress: "configuring", start: null });

    // Read again and again: still nothing sent, and the record as it was.
    for (let i = 0; i < 3; i++) expect((await call(routes.reconfigure.GET, `/api/resets/${resetId}/reconfigure`, { cookie: cookies.viewer }, { id: resetId })).status).toBe(200);
    const again = (await (await call(routes.reconfigure.GET, `/api/resets/${resetId}/reconfigure`, { cookie: cookies.viewer }, { id: resetId })).json()) as typeof view;
    expect(again.reconfigurations).toEqual(view.reconfigurations);
    expect(await writes()).toEqual(before);
  });
});
