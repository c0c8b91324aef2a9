// Alert settings across a reset and its reconfiguration, against the real simulator over HTTP with
// real signatures and a real SQLite file: the reset reads DescribeJobMonitorRule into its snapshot
// (a reset clears alerts; Detail does not report them), the reconfiguration replays them with
// ConfigureDtsJob / ConfigureSubscription as the simulator receives them, and a throttled or failed
// read leaves the reset working with a record that says the alerts were not captured.
import { describe, expect, it } from "vitest";
import { SEED_FIXTURES, type SeedFixture } from "@/simulator/seed-fixtures";
import type { AuditStore } from "@/lib/db/store";
import { DtsError } from "@/lib/dts/errors";
import { createQuotaGate, DEFAULT_QUOTA, withQuota } from "@/lib/dts/quota";
import { getReset } from "@/lib/audit/reset-queries";
import { performReset } from "@/lib/reset/perform-reset";
import { toResetDetail } from "@/lib/reset/dto";
import { assess, performReconfigure } from "@/lib/reconfigure/perform-reconfigure";
import { toReconfigurationRecord } from "@/lib/reconfigure/dto";
import type { DtsClient } from "@/lib/dts";
import { auditStorePerTest, ctxOf, harnessPerSuite, SIM_KEY, TEST_ACTOR } from "./dts-harness";

const { oneWayRunning, subscribeNormal } = SEED_FIXTURES;
const passwords = { sourcePassword: "alerts-src-pw-1", destinationPassword: "alerts-dst-pw-2" };
const NETWORK = { SubscriptionInstanceVPCId: "vpc-bp1vwnn14rqpyiczj0000", SubscriptionInstanceVSwitchId: "vsw-bp10df3mxae6lpmku0000" };
/** What the seed gives orders-rds-to-polardb (simulator/seed-fixtures.ts). */
const SEEDED_ALERTS = { DelayNotice: "true", DelayRuleTime: "60", DelayPhone: "13800138000,13900139000", ErrorNotice: "true", ErrorPhone: "13700137000" };

const h = harnessPerSuite();
let store: AuditStore;
auditStorePerTest("reconfigure-alerts-", (temp) => ({ store } = temp), () => store);

/** The account's client as deployed: every read through a quota gate. */
const gated = (): DtsClient => withQuota(h.client(), createQuotaGate({ ...DEFAULT_QUOTA, freshnessMs: 0 }));
const deps = (client: DtsClient = gated()) => ctxOf({ client, store });

async function reset(fixture: SeedFixture, client?: DtsClient) {
  const { record } = await performReset(deps(client), fixture.jobId, {
    region: fixture.region as never, instanceId: fixture.instanceId, direction: "Forward", confirmation: fixture.jobId, reason: "alerts test",
  }, TEST_ACTOR);
  expect(record.status).toBe("succeeded");
  return record;
}

const rulesAtSimulator = async (jobId: string) => (await h.client().describeMonitorRules({ region: "cn-hangzhou", jobId })).rules;

describe("the reset keeps the alert settings in its snapshot", () => {
  it("reads DescribeJobMonitorRule once, before ResetDtsJob, and stores the rules with the record", async () => {
    const record = await reset(oneWayRunning);
    const calls = await h.calls();
    const actions = calls.map((c) => c.action);
    expect(actions.filter((a) => a === "DescribeJobMonitorRule")).toHaveLength(1);
    expect(actions.indexOf("DescribeJobMonitorRule")).toBeLessThan(actions.indexOf("ResetDtsJob"));
    expect(calls.find((c) => c.action === "DescribeJobMonitorRule")!.params).toMatchObject({ DtsJobId: oneWayRunning.jobId, RegionId: oneWayRunning.region });

    const stored = (await getReset(store, record.id))!;
    expect(stored.snapshotAlerts).toMatchObject({ captured: true });
    if (!stored.snapshotAlerts?.captured) throw new Error("not captured");
    expect(stored.snapshotAlerts.requestId).toEqual(expect.any(String));
    expect(stored.snapshotAlerts.rules).toEqual([
      { type: "delay", enabled: true, delayRuleTime: 60, phone: "13800138000,13900139000", jobType: "normal", period: null, times: null, noticeValue: null },
      { type: "error", enabled: true, delayRuleTime: null, phone: "13700137000", jobType: "normal", period: null, times: null, noticeValue: null },
    ]);
    // The JSON API's record carries them with the other snapshots.
    expect(toResetDetail(stored).snapshot.alerts).toEqual(stored.snapshotAlerts);
    // As real DTS does, the reset cleared them.
    expect(await rulesAtSimulator(oneWayRunning.jobId)).toEqual([]);
  });

  it.each([
    ["throttled", { kind: "throttle", retryAfterMs: 5_000 }, { code: "Throttling.User", kind: "throttled" }],
    ["a server error", { kind: "internal" }, { code: "InternalError", kind: "server" }],
    ["a business error", { kind: "dts-failure", errCode: "InvalidJobId", errMessage: "The job does not exist." }, { code: "InvalidJobId" }],
  ] as const)("a read answered %s leaves the reset working, the record saying why the alerts were not captured", async (_name, fault, expected) => {
    await h.fault({ action: "DescribeJobMonitorRule", ...fault });
    const record = await reset(oneWayRunning);
    // One attempt: the reset does not wait through retries for it.
    expect(await h.calls("DescribeJobMonitorRule")).toHaveLength(1);
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
    const stored = (await getReset(store, record.id))!;
    expect(stored.status).toBe("succeeded");
    expect(stored.snapshotAlerts).toMatchObject({ captured: false, ...expected });
    expect(stored.snapshotAlerts && !stored.snapshotAlerts.captured && stored.snapshotAlerts.message).toBeTruthy();

    // The reconfiguration says so and replays none.
    const assessment = await assess(deps(), stored, null);
    expect(assessment.notes).toContainEqual({ code: "alertsNotCaptured", values: { reason: expected.code } });
    expect(assessment.parameters).not.toHaveProperty("DelayNotice");
  });

  it("a quota gate with no budget left answers at once: the reset goes on without the alerts", async () => {
    // A gate whose DescribeJobMonitorRule budget is spent and waits no longer than it allows.
    const gate = createQuotaGate({ ...DEFAULT_QUOTA, freshnessMs: 0, maxWaitMs: 0, ratePerSecond: { ...DEFAULT_QUOTA.ratePerSecond, DescribeJobMonitorRule: 1 } });
    const client = withQuota(h.client(), gate);
    await client.describeMonitorRules({ region: oneWayRunning.region, jobId: SEED_FIXTURES.twoWayRunning.jobId });
    const record = await reset(oneWayRunning, client);
    expect(record.snapshotAlerts).toMatchObject({ captured: false, code: "Throttling.Console", kind: "throttled" });
    expect((await h.calls("DescribeJobMonitorRule")).map((c) => c.params.DtsJobId)).toEqual([SEED_FIXTURES.twoWayRunning.jobId]);
  });

  it("verifies the signature like every action", async () => {
    const wrong = h.client({ credentials: { ...SIM_KEY, accessKeySecret: "wrong-secret-value-000000" } });
    const error = await wrong.describeMonitorRules({ region: "cn-hangzhou", jobId: oneWayRunning.jobId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DtsError);
    expect((error as DtsError).details).toMatchObject({ kind: "auth", code: "SignatureDoesNotMatch" });
  });
});

describe("the reconfiguration replays them", () => {
  it("ConfigureDtsJob carries DelayNotice, DelayRuleTime, DelayPhone, ErrorNotice and ErrorPhone as the snapshot had them, and DTS has them again", async () => {
    const r = await reset(oneWayRunning);
    const assessment = await assess(deps(), r, null);
    expect(assessment.parameters).toMatchObject(SEEDED_ALERTS);
    expect(assessment.notes.map((n) => n.code)).toContain("alertsReplayed");

    const { record } = await performReconfigure(deps(), r.id, passwords, TEST_ACTOR);
    const sent = (await h.calls("ConfigureDtsJob")).at(-1)!.params;
    expect(sent).toMatchObject(SEEDED_ALERTS);
    expect(JSON.parse(sent.Reserve!)).not.toHaveProperty("DelayNotice");
    const view = toReconfigurationRecord(record);
    expect(view.parameters).toMatchObject(SEEDED_ALERTS);
    expect(view.equivalent.cli).toContain("--DelayPhone 13800138000,13900139000");
    expect(await rulesAtSimulator(oneWayRunning.jobId)).toEqual([
      { type: "delay", enabled: true, delayRuleTime: 60, phone: "13800138000,13900139000", jobType: "normal", period: null, times: null, noticeValue: null },
      { type: "error", enabled: true, delayRuleTime: null, phone: "13700137000", jobType: "normal", period: null, times: null, noticeValue: null },
    ]);
  });

  it("an operator's change to them is what is sent", async () => {
    const r = await reset(oneWayRunning);
    await performReconfigure(deps(), r.id, { ...passwords, overrides: { DelayNotice: "false", ErrorPhone: "13700137000,13600136000" } }, TEST_ACTOR);
    const sent = (await h.calls("ConfigureDtsJob")).at(-1)!.params;
    expect(sent).toMatchObject({ DelayNotice: "false", ErrorNotice: "true", ErrorPhone: "13700137000,13600136000" });
    expect((await rulesAtSimulator(oneWayRunning.jobId)).map((rule) => [rule.type, rule.enabled])).toEqual([["delay", false], ["error", true]]);
  });

  it("ConfigureSubscription takes the same parameters: a change tracking task's error alert is replayed", async () => {
    const r = await reset(subscribeNormal);
    await performReconfigure(deps(), r.id, { sourcePassword: passwords.sourcePassword, overrides: NETWORK }, TEST_ACTOR);
    const sent = (await h.calls("ConfigureSubscription")).at(-1)!.params;
    expect(sent).toMatchObject({ DelayNotice: "false", ErrorNotice: "true", ErrorPhone: "13600136000" });
    expect(sent).not.toHaveProperty("DelayRuleTime");
    expect((await rulesAtSimulator(subscribeNormal.jobId)).find((rule) => rule.type === "error")).toMatchObject({ enabled: true, phone: "13600136000" });
  });
});

describe("the simulator checks the alert parameters as documented", () => {
  const configure = (overrides: Record<string, string>) =>
    h.client().configureJob({
      region: "cn-hangzhou",
      parameters: {
        DtsJobId: oneWayRunning.jobId, DtsInstanceId: oneWayRunning.instanceId, JobType: "SYNC", DtsJobName: "alerts",
        SourceEndpointInstanceType: "RDS", SourceEndpointRegion: "cn-hangzhou", SourceEndpointInstanceID: "rm-1",
        DestinationEndpointInstanceType: "RDS", DestinationEndpointRegion: "cn-hangzhou", DestinationEndpointInstanceID: "rm-2",
        StructureInitialization: "false", DataInitialization: "false", DataSynchronization: "true",
        ...overrides,
      },
      dbList: JSON.stringify({ orders: { name: "orders", all: true } }),
      reserve: JSON.stringify({ autoStartModulesAfterConfig: "none" }),
      passwords: { source: "a", destination: "b" },
    });

  it.each([
    [{ DelayNotice: "true" }, "MissingParameter", "DelayRuleTime"],
    [{ DelayNotice: "yes" }, "InvalidParameter", "DelayNotice"],
    [{ DelayNotice: "true", DelayRuleTime: "1m" }, "InvalidParameter", "DelayRuleTime"],
    [{ ErrorNotice: "true", ErrorPhone: "+8613800138000" }, "InvalidParameter", "ErrorPhone"],
    [{ DelayPhone: Array.from({ length: 11 }, () => "13800138000").join(",") }, "InvalidParameter", "DelayPhone"],
  ])("%j is refused (%s %s)", async (overrides, code, parameter) => {
    await reset(oneWayRunning);
    const error = await configure(overrides).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DtsError);
    expect((error as DtsError).details.code).toMatch(new RegExp(`^${code}`));
    expect((error as DtsError).message).toContain(parameter);
    expect(await rulesAtSimulator(oneWayRunning.jobId)).toEqual([]);
  });
});
