// The alert settings on their own: DescribeJobMonitorRule's answer parsed, the snapshot's rules
// mapped to the five alert parameters of ConfigureDtsJob and ConfigureSubscription, the phone rules
// the form and the route share, and the runbook command carrying them.
import { describe, expect, it } from "vitest";
import { parseMonitorRules } from "@/lib/dts/parse";
import { DtsError } from "@/lib/dts/errors";
import { mapAlerts } from "@/lib/reconfigure/alert-mapping";
import { mapSnapshot } from "@/lib/reconfigure/mapping";
import { mapSubscriptionSnapshot } from "@/lib/reconfigure/subscription-mapping";
import { parametersToSend, toCallShape } from "@/lib/reconfigure/perform-reconfigure";
import { parameterIssues } from "@/lib/domain/reconfigure";
import { subscriptionIssues } from "@/lib/domain/reconfigure-subscription";
import { reconfigureRequestSchema } from "@/lib/domain/reconfigure-request";
import { phoneListProblem, type AlertSnapshot, type MonitorRule } from "@/lib/domain/alerts";
import { configureEquivalent } from "@/lib/domain/runbook";
import sample from "../fixtures/dts-samples/describe-dts-job-detail.success.json";

// The documented example answer (api-describejobmonitorrule), phones unmasked.
const documented = {
  HttpStatusCode: 200,
  RequestId: "0CA14388-DD89-4A7B-8CDD-884A10CE0001",
  DtsJobId: "ta7w132u12h0001",
  Success: true,
  Code: "200",
  MonitorRules: [
    { Type: "delay", DelayRuleTime: 60, State: "Y", Phone: "13612340000,13712340000", JobType: "normal" },
    { Type: "error", State: "Y", Phone: "13612340000", JobType: "normal" },
    { Type: "full_timeout", State: "N", JobType: "normal", NoticeValue: 2 },
    { Type: "delay", State: "Y", DelayRuleTime: 30, JobType: "etl_check", Period: 5, Times: 2 },
  ],
  Topics: [],
};

const rule = (overrides: Partial<MonitorRule>): MonitorRule => ({
  type: "delay", enabled: true, delayRuleTime: null, phone: null, jobType: "normal", period: null, times: null, noticeValue: null, ...overrides,
});
const captured = (rules: MonitorRule[]): AlertSnapshot => ({ captured: true, at: "2026-12-07T10:00:00.000Z", requestId: "R-1", rules });

describe("parseMonitorRules", () => {
  it("reads the documented answer, every field normalised", () => {
    const { rules, requestId } = parseMonitorRules(documented);
    expect(requestId).toBe(documented.RequestId);
    expect(rules).toHaveLength(4);
    expect(rules[0]).toEqual({ type: "delay", enabled: true, delayRuleTime: 60, phone: "13612340000,13712340000", jobType: "normal", period: null, times: null, noticeValue: null });
    expect(rules[2]).toMatchObject({ type: "full_timeout", enabled: false, noticeValue: 2 });
    expect(rules[3]).toMatchObject({ jobType: "etl_check", period: 5, times: 2, delayRuleTime: 30 });
  });

  it("takes DTS's loose typing: numbers as strings, state in lower case, empty phone", () => {
    const { rules } = parseMonitorRules({ MonitorRules: [{ Type: "delay", DelayRuleTime: "120", State: "y", Phone: "" }] });
    expect(rules).toEqual([rule({ delayRuleTime: 120, jobType: null })]);
  });

  it("reads no rules from an absent or null list", () => {
    expect(parseMonitorRules({ RequestId: "R" }).rules).toEqual([]);
    expect(parseMonitorRules({ MonitorRules: null }).rules).toEqual([]);
  });

  it("refuses a rule without a Type as a malformed answer, naming the action", () => {
    const thrown = (() => {
      try {
        parseMonitorRules({ RequestId: "R-9", MonitorRules: [{ State: "Y" }] });
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(DtsError);
    expect((thrown as DtsError).kind).toBe("malformed_response");
    expect((thrown as DtsError).details).toMatchObject({ action: "DescribeJobMonitorRule", requestId: "R-9" });
  });
});

describe("mapAlerts: the snapshot's rules to the configure call's alert parameters", () => {
  it("replays the task's own delay and error rules, phones included", () => {
    const mapped = mapAlerts({ captured: true, at: "t", requestId: "R", rules: parseMonitorRules(documented).rules });
    expect(mapped.parameters).toEqual({
      DelayNotice: "true",
      DelayRuleTime: "60",
      DelayPhone: "13612340000,13712340000",
      ErrorNotice: "true",
      ErrorPhone: "13612340000",
    });
    expect(mapped.notes.map((n) => n.code)).toEqual(["alertsReplayed", "alertsOtherRules"]);
    expect(mapped.notes[1]!.values!.types).toBe("full_timeout, delay (etl_check)");
  });

  it("replays a disabled rule as off, without its phones or threshold", () => {
    const mapped = mapAlerts(captured([rule({ enabled: false, delayRuleTime: 60, phone: "13800138000" }), rule({ type: "error", enabled: false, phone: "13800138000" })]));
    expect(mapped.parameters).toEqual({ DelayNotice: "false", ErrorNotice: "false" });
  });

  it("says so when DTS reported no rule, when the read failed, and when the record predates the read", () => {
    expect(mapAlerts(captured([]))).toEqual({ parameters: {}, notes: [{ code: "alertsNone" }] });
    const failed = mapAlerts({ captured: false, at: "t", code: "Throttling.User", kind: "throttled", message: "Request was denied due to user flow control." });
    expect(failed).toEqual({ parameters: {}, notes: [{ code: "alertsNotCaptured", values: { reason: "Throttling.User" } }] });
    expect(mapAlerts(null)).toEqual({ parameters: {}, notes: [{ code: "alertsNotReplayed" }] });
  });

  it("goes into both mappings, and into the call as query parameters (not Reserve)", () => {
    const alerts = captured([rule({ delayRuleTime: 45, phone: "13800138000" }), rule({ type: "error", phone: "13900139000" })]);
    const sync = mapSnapshot({ snapshotJob: {}, snapshotDetail: sample as Record<string, unknown>, snapshotAlerts: alerts, direction: "Forward" });
    expect(sync.parameters).toMatchObject({ DelayNotice: "true", DelayRuleTime: "45", DelayPhone: "13800138000", ErrorNotice: "true", ErrorPhone: "13900139000" });
    expect(sync.notes.map((n) => n.code)).toContain("alertsReplayed");
    expect(sync.notes.map((n) => n.code)).not.toContain("alertsNotReplayed");
    const { query, reserve } = toCallShape(parametersToSend(sync.parameters, undefined));
    expect(query).toMatchObject({ DelayNotice: "true", DelayRuleTime: "45", DelayPhone: "13800138000", ErrorNotice: "true", ErrorPhone: "13900139000" });
    expect(JSON.parse(reserve!)).not.toHaveProperty("DelayNotice");

    const subscription = mapSubscriptionSnapshot({ DtsJobId: "u8i9o0p1a2s3d4f", JobType: "SUBSCRIBE" }, sample as Record<string, unknown>, alerts);
    expect(subscription.parameters).toMatchObject({ DelayNotice: "true", DelayRuleTime: "45", ErrorPhone: "13900139000" });
  });
});

describe("phone lists: mainland mobile numbers, comma-separated, at most 10", () => {
  it.each([
    ["", null],
    ["13800138000", null],
    ["13800138000,19912345678", null],
    ["13800138000, 13900139000", "phoneFormat"],
    ["+8613800138000", "phoneFormat"],
    ["1361234****", "phoneFormat"],
    ["12800138000", "phoneFormat"],
    ["13800138000,", "phoneFormat"],
    [Array.from({ length: 10 }, (_, i) => `1380013800${i}`).join(","), null],
    [Array.from({ length: 11 }, (_, i) => `138001380${String(i).padStart(2, "0")}`).join(","), "phoneCount"],
  ] as const)("%s: %s", (value, problem) => {
    expect(phoneListProblem(value)).toBe(problem);
  });

  it("the form's checks flag them for both APIs, and DelayRuleTime when the latency alert is on", () => {
    const bad = { DelayNotice: "true", DelayPhone: "+8613800138000", ErrorPhone: Array.from({ length: 11 }, () => "13800138000").join(",") };
    for (const issues of [parameterIssues(bad), subscriptionIssues(bad)]) {
      expect(issues.filter((i) => ["DelayRuleTime", "DelayPhone", "ErrorPhone"].includes(i.name)).map((i) => [i.name, i.code])).toEqual([
        ["DelayRuleTime", "required"],
        ["DelayPhone", "phoneFormat"],
        ["ErrorPhone", "phoneCount"],
      ]);
    }
  });

  it("the route's schema refuses them before anything is read", () => {
    const body = { sourcePassword: "p", destinationPassword: "q", idempotencyKey: "a2b4c6d8-1111-4222-8333-944455556666" };
    expect(reconfigureRequestSchema.safeParse({ ...body, overrides: { DelayPhone: "13800138000,13900139000" } }).success).toBe(true);
    const refused = reconfigureRequestSchema.safeParse({ ...body, overrides: { ErrorPhone: "138-0013-8000" } });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues[0]!.path).toEqual(["overrides", "ErrorPhone"]);
  });
});

describe("the runbook command", () => {
  it("carries the alert parameters with the others, typed as the SDK types them", () => {
    const equivalent = configureEquivalent("ConfigureDtsJob", {
      account: "default",
      region: "cn-hangzhou",
      parameters: { DtsJobId: "l3m1213ye7l3k2j", DelayNotice: "true", DelayRuleTime: "60", DelayPhone: "13800138000,13900139000", ErrorNotice: "true", ErrorPhone: "13700137000" },
    });
    expect(equivalent.cli).toContain("--DelayNotice true --DelayRuleTime 60 --DelayPhone 13800138000,13900139000 --ErrorNotice true --ErrorPhone 13700137000");
    expect(equivalent.sdk).toContain("delayNotice: true,");
    expect(equivalent.sdk).toContain("delayRuleTime: 60,");
    expect(equivalent.sdk).toContain('delayPhone: "13800138000,13900139000",');
  });
});
