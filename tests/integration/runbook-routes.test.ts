// The runbook command and change tracking reconfiguration through the JSON API: a reset record
// and the JSON export carry `equivalent`; a reset change tracking task is offered with
// ConfigureSubscription, configured with its source password only, and the record's command says
// what was sent, with placeholders for the password.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import type { Equivalent } from "@/lib/domain/runbook";
import type { ReconfigurationRecord, ReconfigureView } from "@/lib/domain/reconfigure";
import { startHarness, type Harness } from "./dts-harness";
import { callRoute, signInCookie, type RouteHandler } from "./reset-route-client";
import { routeSuiteLifecycle, simulatorConsoleEnv } from "./route-suite";

const { subscribeNormal } = SEED_FIXTURES;
const CANARY = "route-CANARY-pw-93be10";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runbook-routes-"));
const saved = { ...process.env };

let h: Harness;
let routes: Record<"signIn" | "reset" | "record" | "exportResets" | "viewGet" | "configurePost", RouteHandler>;
const cookies: Record<string, string> = {};
const call: typeof callRoute = (handler, pathname, init = {}, routeParams = {}) => callRoute(handler, pathname, { clientAddress: "198.51.100.22", ...init }, routeParams);

beforeAll(async () => {
  h = await startHarness({ rateLimit: false });
  Object.assign(process.env, simulatorConsoleEnv(h, dir));
  const load = async (p: string) => (await import(p)) as Record<string, RouteHandler>;
  const reconfigure = await load("@/app/api/resets/[id]/reconfigure/route");
  routes = {
    signIn: (await load("@/app/api/auth/sign-in/route")).POST!,
    reset: (await load("@/app/api/jobs/[jobId]/reset/route")).POST!,
    record: (await load("@/app/api/resets/[id]/route")).GET!,
    exportResets: (await load("@/app/api/resets/export/route")).GET!,
    viewGet: reconfigure.GET!,
    configurePost: reconfigure.POST!,
  };
  cookies.operator = await signInCookie(routes.signIn, "demo", undefined, "198.51.100.22");
  cookies.viewer = await signInCookie(routes.signIn, "demo-viewer", undefined, "198.51.100.22");
});
routeSuiteLifecycle(() => ({ harness: h, env: saved, dir }));

describe("a change tracking task, reset and reconfigured through the API", () => {
  it("carries the runbook command everywhere and never the password", async () => {
    const reset = await call(routes.reset, `/api/jobs/${subscribeNormal.jobId}/reset`, {
      method: "POST",
      cookie: cookies.operator,
      body: { region: subscribeNormal.region, instanceId: subscribeNormal.instanceId, direction: "Forward", confirmation: subscribeNormal.jobId, reason: `it's "$HOME" \`id\` 订单` },
    }, { jobId: subscribeNormal.jobId });
    expect(reset.status).toBe(200);
    const created = (await reset.json()) as { reset: { id: string; equivalent: Equivalent } };
    const resetId = created.reset.id;
    expect(created.reset.equivalent.cli).toBe(
      `aliyun dts ResetDtsJob --RegionId ${subscribeNormal.region} --DtsJobId ${subscribeNormal.jobId} --DtsInstanceId ${subscribeNormal.instanceId} --SynchronizationDirection Forward`,
    );

    const record = (await (await call(routes.record, `/api/resets/${resetId}`, { cookie: cookies.viewer }, { id: resetId })).json()) as { reset: { equivalent: Equivalent } };
    expect(record.reset.equivalent).toEqual(created.reset.equivalent);
    expect(record.reset.equivalent.sdk).toContain("client.resetDtsJobWithOptions(request, runtime)");

    const view = (await (await call(routes.viewGet, `/api/resets/${resetId}/reconfigure`, { cookie: cookies.viewer }, { id: resetId })).json()) as ReconfigureView;
    expect(view).toMatchObject({ api: "ConfigureSubscription", allowed: true, account: "default" });
    expect(view.parameters).toMatchObject({ SubscriptionInstanceNetworkType: "vpc", SourceEndpointInstanceType: "RDS", SourceEndpointEngineName: "MySQL" });
    expect(view.parameters).not.toHaveProperty("JobType");
    expect(view.remarks.notes.map((n) => n.code)).toEqual(expect.arrayContaining(["subscriptionVpcMissing", "consumerGroupsNotReplayed", "alertsReplayed"]));
    // The seeded task's error alert, read before the reset, is replayed.
    expect(view.parameters).toMatchObject({ ErrorNotice: "true", ErrorPhone: "13600136000" });

    const configured = await call(routes.configurePost, `/api/resets/${resetId}/reconfigure`, {
      method: "POST",
      cookie: cookies.operator,
      body: { sourcePassword: CANARY, overrides: { SubscriptionInstanceVPCId: "vpc-route-1", SubscriptionInstanceVSwitchId: "vsw-route-1", DelayNotice: "true", DelayRuleTime: "30" } },
    }, { id: resetId });
    expect(configured.status).toBe(200);
    const text = await configured.text();
    expect(text).not.toContain(CANARY);
    const { reconfiguration } = JSON.parse(text) as { reconfiguration: ReconfigurationRecord };
    expect(reconfiguration.api).toBe("ConfigureSubscription");
    expect(reconfiguration.equivalent.cli).toContain("--SubscriptionInstanceVPCId vpc-route-1");
    // The snapshot's alert parameters come first (ErrorNotice/ErrorPhone in between), the operator's added threshold after them.
    expect(reconfiguration.equivalent.cli).toContain("--DelayNotice true ");
    expect(reconfiguration.equivalent.cli).toContain("--ErrorNotice true --ErrorPhone 13600136000");
    expect(reconfiguration.equivalent.cli).toContain("--DelayRuleTime 30");
    expect(reconfiguration.equivalent.sdk).toContain("  delayRuleTime: 30,");
    const sent = (await h.calls("ConfigureSubscription"))[0]!.params;
    expect(sent).toMatchObject({ DelayNotice: "true", DelayRuleTime: "30", SubscriptionInstanceVPCId: "vpc-route-1" });

    const exported = await (await call(routes.exportResets, "/api/resets/export?format=json", { cookie: cookies.viewer })).text();
    expect(exported).not.toContain(CANARY);
    const rows = JSON.parse(exported) as Array<{ id: string; equivalent: Equivalent }>;
    expect(rows.find((r) => r.id === resetId)?.equivalent).toEqual(created.reset.equivalent);
  });
});
