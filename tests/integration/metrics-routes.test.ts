// GET /api/metrics through the real route handlers, against the real simulator over HTTP playing
// two accounts (main, the console's own key; prod, reached by STS AssumeRole) and a role that does
// not exist (ghost), with a real SQLite store: off without METRICS_TOKEN, refused without it (a
// session is not enough), the text format read strictly, and the counters and database gauges
// moving by exactly what the simulator's call log and the reset history say happened.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FLEET, demoFleetOptions } from "@/simulator/fleet";
import { resetConfig } from "@/lib/config/env";
import { DTS_REGIONS } from "@/lib/domain/regions";
import { CALL_RESULTS } from "@/lib/metrics/registry";
import { SIM_KEY, startHarness, type CallEntry, type Harness } from "./dts-harness";
import { simulatorConsoleEnv } from "./route-suite";
import { callRoute, signInCookie, type RouteHandler } from "./reset-route-client";
import { until } from "./notify-receiver";
import { parseExposition, samplesOf, valueOf, type Exposition } from "../support-prometheus";

const TOKEN = "it-metrics-token-3b9f0c1d2e4a5b6c";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "metrics-routes-"));
const saved = { ...process.env };
const main = DEMO_FLEET.main.fixtures;

let h: Harness;
let routes: Record<"signIn" | "metrics" | "jobs" | "reset" | "resets" | "bulk" | "bulkGet" | "channels", RouteHandler>;
let operator: string;
/** The notification channels the suite made: their IDs are the only channel label values. */
const notificationChannelIds: string[] = [];

const lastSeq = async () => (await h.calls()).at(-1)?.seq ?? 0;
const since = async (before: number, action?: string): Promise<CallEntry[]> => (await h.calls(action)).filter((c) => c.seq > before);

async function metricsAnswer(authorization?: string, cookie?: string): Promise<Response> {
  const headers = new Headers();
  if (authorization !== undefined) headers.set("authorization", authorization);
  if (cookie) headers.set("cookie", cookie);
  return routes.metrics(new Request("http://127.0.0.1:3100/api/metrics", { headers }), { params: Promise.resolve({}) as Promise<never> });
}

async function scrape(): Promise<{ text: string; exposition: Exposition }> {
  const answer = await metricsAnswer(`Bearer ${TOKEN}`);
  expect(answer.status).toBe(200);
  const text = await answer.text();
  return { text, exposition: parseExposition(text) };
}

function delta(before: Exposition, after: Exposition, name: string, labels: Record<string, string>): number {
  return valueOf(after, name, labels) - valueOf(before, name, labels);
}

async function reset(task: { jobId: string; instanceId: string; region: string }) {
  return callRoute(
    routes.reset,
    `/api/jobs/${task.jobId}/reset`,
    { method: "POST", cookie: operator, body: { account: "main", region: task.region, instanceId: task.instanceId, direction: "Forward", confirmation: task.jobId, reason: "metrics suite" } },
    { jobId: task.jobId },
  );
}

beforeAll(async () => {
  h = await startHarness(demoFleetOptions());
  Object.assign(
    process.env,
    simulatorConsoleEnv(h, dir, {
      DTS_READ_FRESHNESS_MS: "0",
      METRICS_TOKEN: TOKEN,
      NOTIFY_SECRET_KEY: Buffer.alloc(32, 7).toString("base64"),
      NOTIFY_ALLOW_LOOPBACK: "true",
      DTS_ACCOUNTS: JSON.stringify([
        { id: "main", name: "Operations" },
        { id: "prod", name: "Production", roleArn: DEMO_FLEET.prod.roleArn, externalId: DEMO_FLEET.prod.externalId },
        { id: "ghost", name: "Gone", roleArn: DEMO_FLEET.missingRoleArn },
      ]),
    }),
  );
  resetConfig();
  const load = async (p: string) => (await import(p)) as Record<string, RouteHandler>;
  routes = {
    signIn: (await load("@/app/api/auth/sign-in/route")).POST!,
    metrics: (await load("@/app/api/metrics/route")).GET!,
    jobs: (await load("@/app/api/jobs/route")).GET!,
    reset: (await load("@/app/api/jobs/[jobId]/reset/route")).POST!,
    resets: (await load("@/app/api/resets/route")).GET!,
    bulk: (await load("@/app/api/bulk-resets/route")).POST!,
    bulkGet: (await load("@/app/api/bulk-resets/[id]/route")).GET!,
    channels: (await load("@/app/api/admin/notification-channels/route")).POST!,
  };
  operator = await signInCookie(routes.signIn, "demo");
});
// No simulator reset between tests: it would forget the STS keys the console holds; each test
// counts its own calls.
afterAll(async () => {
  await h.close();
  process.env = saved;
  resetConfig();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("GET /api/metrics", () => {
  it("is off without METRICS_TOKEN: 404, as an address no route serves", async () => {
    delete process.env.METRICS_TOKEN;
    resetConfig();
    try {
      const answer = await metricsAnswer(`Bearer ${TOKEN}`);
      expect(answer.status).toBe(404);
      expect(answer.headers.get("www-authenticate")).toBeNull();
      expect(await answer.text()).not.toContain("dts_console");
    } finally {
      process.env.METRICS_TOKEN = TOKEN;
      resetConfig();
    }
  });

  it("refuses a caller without the token, or with a wrong one, or with only a session: 401 with WWW-Authenticate", async () => {
    const cases: Array<[string, Response, string]> = [
      ["no credential", await metricsAnswer(), "unauthenticated"],
      ["an operator's session", await metricsAnswer(undefined, operator), "unauthenticated"],
      ["Basic", await metricsAnswer(`Basic ${Buffer.from(`prometheus:${TOKEN}`).toString("base64")}`), "unauthenticated"],
      ["a wrong token of the same length", await metricsAnswer(`Bearer ${TOKEN.slice(0, -1)}x`), "invalid_token"],
      ["a prefix of the token", await metricsAnswer(`Bearer ${TOKEN.slice(0, 20)}`), "invalid_token"],
    ];
    for (const [what, answer, code] of cases) {
      expect(answer.status, what).toBe(401);
      expect(answer.headers.get("www-authenticate"), what).toMatch(/^Bearer realm="/);
      expect(answer.headers.get("cache-control"), what).toBe("no-store");
      const text = await answer.text();
      expect((JSON.parse(text) as { error: { code: string } }).error.code, what).toBe(code);
      expect(text, what).not.toContain("dts_console");
      expect(text, what).not.toContain(TOKEN);
    }
  });

  it("answers the text format, read strictly, with the process's default metrics", async () => {
    const answer = await metricsAnswer(`Bearer ${TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const exposition = parseExposition(await answer.text());
    for (const name of ["process_cpu_user_seconds_total", "process_resident_memory_bytes", "process_start_time_seconds", "nodejs_heap_size_used_bytes", "nodejs_eventloop_lag_seconds"]) {
      expect(exposition.families.has(name), name).toBe(true);
    }
    for (const [name, type] of [
      ["dts_console_dts_calls_total", "counter"],
      ["dts_console_dts_call_duration_seconds", "histogram"],
      ["dts_console_sts_calls_total", "counter"],
      ["dts_console_quota_waits_total", "counter"],
      ["dts_console_quota_wait_seconds_total", "counter"],
      ["dts_console_quota_refusals_total", "counter"],
      ["dts_console_stale_reads_total", "counter"],
      ["dts_console_read_cache_age_seconds", "gauge"],
      ["dts_console_resets", "gauge"],
      ["dts_console_bulk_items", "gauge"],
      ["dts_console_reconciliation_queue", "gauge"],
    ] as const) {
      expect(exposition.families.get(name), name).toMatchObject({ type, help: expect.stringMatching(/\w/) });
    }
  });

  it("counts a reset: one ResetDtsJob ok, one more succeeded record, as the simulator and the history say", async () => {
    const before = await scrape();
    const seq = await lastSeq();
    const answer = await reset(main.oneWayRunning);
    expect(answer.status).toBe(200);
    const after = await scrape();

    expect((await since(seq, "ResetDtsJob")).map((c) => [c.account, c.verdict])).toEqual([["main", "ok"]]);
    expect(delta(before.exposition, after.exposition, "dts_console_dts_calls_total", { account: "main", action: "ResetDtsJob", result: "ok" })).toBe(1);
    expect(delta(before.exposition, after.exposition, "dts_console_dts_call_duration_seconds_count", { account: "main", action: "ResetDtsJob" })).toBe(1);
    expect(delta(before.exposition, after.exposition, "dts_console_resets", { account: "main", outcome: "succeeded" })).toBe(1);
    // The reset's fresh re-reads are counted too, each one as the simulator saw it.
    const reads = (await since(seq, "DescribeDtsJobs")).length;
    expect(delta(before.exposition, after.exposition, "dts_console_dts_calls_total", { account: "main", action: "DescribeDtsJobs", result: "ok" })).toBe(reads);
    // The gauge is the database's count, not this process's memory.
    const history = (await (await callRoute(routes.resets, "/api/resets?account=main&outcome=succeeded", { cookie: operator })).json()) as { total: number };
    expect(valueOf(after.exposition, "dts_console_resets", { account: "main", outcome: "succeeded" })).toBe(history.total);
    expect(valueOf(after.exposition, "dts_console_resets", { account: "main", outcome: "failed" })).toBe(0);
  });

  it("counts a reset of unknown outcome by the error's class, and shows it waiting for reconciliation", async () => {
    const before = await scrape();
    await h.fault({ action: "ResetDtsJob", kind: "internal", times: 1 });
    const answer = await reset(main.twoWayRunning);
    expect(answer.status).toBe(504);
    const after = await scrape();
    expect(delta(before.exposition, after.exposition, "dts_console_dts_calls_total", { account: "main", action: "ResetDtsJob", result: "server" })).toBe(1);
    expect(delta(before.exposition, after.exposition, "dts_console_dts_calls_total", { account: "main", action: "ResetDtsJob", result: "ok" })).toBe(0);
    expect(delta(before.exposition, after.exposition, "dts_console_resets", { account: "main", outcome: "unknown" })).toBe(1);
    expect(delta(before.exposition, after.exposition, "dts_console_reconciliation_queue", { account: "main", operation: "reset" })).toBe(1);
  });

  it("counts STS AssumeRole by account and result, and nothing sent to DTS for a role STS refuses", async () => {
    const before = await scrape();
    const seq = await lastSeq();
    expect((await callRoute(routes.jobs, `/api/jobs?account=prod&region=${main.oneWayRunning.region}&type=sync`, { cookie: operator })).status).toBe(200);
    expect((await callRoute(routes.jobs, "/api/jobs?account=ghost&region=cn-hangzhou&type=sync", { cookie: operator })).status).toBe(502);
    const after = await scrape();
    const assumed = await since(seq, "AssumeRole");
    expect(assumed.map((c) => c.code)).toEqual([null, "EntityNotExist.Role"]);
    expect(delta(before.exposition, after.exposition, "dts_console_sts_calls_total", { account: "prod", action: "AssumeRole", result: "ok" })).toBe(1);
    expect(delta(before.exposition, after.exposition, "dts_console_sts_calls_total", { account: "ghost", action: "AssumeRole", result: "not_found" })).toBe(1);
    expect(delta(before.exposition, after.exposition, "dts_console_dts_calls_total", { account: "prod", action: "DescribeDtsJobs", result: "ok" })).toBe((await since(seq, "DescribeDtsJobs")).length);
    expect(samplesOf(after.exposition, "dts_console_dts_calls_total", { account: "ghost" })).toEqual([]);
  });

  it("counts a throttled call when DTS throttles, then the read the gate held back and the last list served instead", async () => {
    // A region no other test reads: the gate's back-off stays there.
    const url = "/api/jobs?account=main&region=cn-shanghai&type=sync&pageSize=10";
    expect((await callRoute(routes.jobs, url, { cookie: operator })).status).toBe(200);
    const before = await scrape();
    const seq = await lastSeq();
    await h.fault({ action: "DescribeDtsJobs", kind: "throttle", times: 1, retryAfterMs: 30_000 });
    const limited = (await (await callRoute(routes.jobs, url, { cookie: operator })).json()) as { freshness: { limited: boolean } };
    expect(limited.freshness.limited).toBe(true);
    // Within DTS's retry-after the gate sends nothing: the reader gets the last list again.
    const held = (await (await callRoute(routes.jobs, url, { cookie: operator })).json()) as { freshness: { limited: boolean } };
    expect(held.freshness.limited).toBe(true);
    const after = await scrape();

    const sent = await since(seq, "DescribeDtsJobs");
    expect(sent.map((c) => [c.verdict, c.code])).toEqual([["fault", "Throttling.User"]]);
    const labels = { account: "main", action: "DescribeDtsJobs" };
    expect(delta(before.exposition, after.exposition, "dts_console_dts_calls_total", { ...labels, result: "throttled" })).toBe(1);
    expect(delta(before.exposition, after.exposition, "dts_console_dts_calls_total", { ...labels, result: "ok" })).toBe(0);
    expect(delta(before.exposition, after.exposition, "dts_console_quota_refusals_total", { ...labels, region: "cn-shanghai" })).toBe(1);
    expect(delta(before.exposition, after.exposition, "dts_console_stale_reads_total", labels)).toBe(2);
    // The list served is the one kept from before the throttling, and its age is there to see.
    expect(valueOf(after.exposition, "dts_console_read_cache_age_seconds", { ...labels, region: "cn-shanghai" })).toBeGreaterThan(0);
  });

  it("shows a bulk's items by status from the database, as the worker takes the item from queued to sent", async () => {
    const before = await scrape();
    const task = main.failedWithError;
    const answer = await callRoute(routes.bulk, "/api/bulk-resets", {
      method: "POST",
      cookie: operator,
      body: { items: [{ account: "main", region: task.region, jobId: task.jobId, instanceId: task.instanceId, direction: "Forward" }], reason: "metrics suite", confirmation: "1" },
    });
    expect(answer.status).toBe(202);
    const { bulk } = (await answer.json()) as { bulk: { id: string } };
    // The POST wakes this process's bulk worker: the item is queued, running or already sent when
    // the scrape reads it, but it is there, once.
    const during = await scrape();
    const inFlight = (e: Exposition) => (["queued", "running", "sent"] as const).reduce((sum, status) => sum + valueOf(e, "dts_console_bulk_items", { account: "main", status }), 0);
    expect(inFlight(during.exposition) - inFlight(before.exposition)).toBe(1);
    // Waits for the bulk's end (its status, polled), so that no later test sees its reset's events.
    await until(`bulk ${bulk.id} to end`, async () => {
      const read = (await (await callRoute(routes.bulkGet, `/api/bulk-resets/${bulk.id}`, { cookie: operator }, { id: bulk.id })).json()) as { bulk: { status: string } };
      return ["queued", "running"].includes(read.bulk.status) ? undefined : read.bulk.status;
    });
    const after = await scrape();
    expect(delta(before.exposition, after.exposition, "dts_console_bulk_items", { account: "main", status: "sent" })).toBe(1);
    expect(delta(before.exposition, after.exposition, "dts_console_bulk_items", { account: "main", status: "queued" })).toBe(0);
    expect(valueOf(after.exposition, "dts_console_bulk_items", { account: "main", status: "running" })).toBe(0);
  });

  it("shows each notification channel's backlog from the database: a reset's event waits for its delivery (no worker runs here)", async () => {
    const admin = await signInCookie(routes.signIn, "demo-admin");
    // Nothing listens on the discard port: the delivery could only stay pending.
    const created = await callRoute(routes.channels, "/api/admin/notification-channels", {
      method: "POST",
      cookie: admin,
      body: { kind: "webhook", name: "metrics suite", url: "http://127.0.0.1:9/hook", events: ["reset.succeeded"] },
    });
    expect(created.status).toBe(201);
    const { channel } = (await created.json()) as { channel: { id: string } };
    notificationChannelIds.push(channel.id);
    const before = await scrape();
    expect(valueOf(before.exposition, "dts_console_notification_deliveries", { channel: channel.id, kind: "webhook", status: "pending" })).toBe(0);
    expect((await reset(main.subscribeNormal)).status).toBe(200);
    const after = await scrape();
    expect(valueOf(after.exposition, "dts_console_notification_deliveries", { channel: channel.id, kind: "webhook", status: "pending" })).toBe(1);
    expect(valueOf(after.exposition, "dts_console_notification_deliveries", { channel: channel.id, kind: "webhook", status: "failed" })).toBe(0);
  });

  it("carries no secret and only bounded label values", async () => {
    const { text, exposition } = await scrape();
    const issued = (await (await h.control("sts/credentials")).json()) as { credentials: Array<{ accessKeyId: string; accessKeySecret?: string; securityToken?: string }> };
    const secrets = [TOKEN, SIM_KEY.accessKeySecret, SIM_KEY.accessKeyId, DEMO_FLEET.prod.externalId, operator.split("=")[1]!, ...issued.credentials.flatMap((c) => [c.accessKeyId, c.accessKeySecret ?? "", c.securityToken ?? ""])];
    for (const secret of secrets.filter((s) => s.length >= 8)) expect(text).not.toContain(secret);
    expect(text).not.toContain("acs:ram::");

    const bounded: Record<string, ReadonlySet<string>> = {
      channel: new Set(notificationChannelIds),
      kind: new Set(["dingtalk", "feishu", "wecom", "slack", "webhook"]),
      account: new Set(["main", "prod", "ghost"]),
      action: new Set(["DescribeDtsJobs", "DescribeDtsJobDetail", "ResetDtsJob", "ConfigureDtsJob", "ConfigureSubscription", "StartDtsJob", "DescribePreCheckStatus", "DescribeJobMonitorRule", "AssumeRole"]),
      result: new Set(CALL_RESULTS),
      region: new Set(DTS_REGIONS.map((r) => r.id)),
      outcome: new Set(["pending", "succeeded", "failed", "unknown"]),
      // Bulk items' statuses and notification deliveries' (pending, delivered, failed).
      status: new Set(["queued", "running", "sent", "skipped", "failed", "cancelled", "pending", "delivered"]),
      operation: new Set(["reset", "reconfigure"]),
    };
    const ours = exposition.samples.filter((s) => s.name.startsWith("dts_console_") && !s.name.startsWith("dts_console_metrics_collect"));
    expect(ours.length).toBeGreaterThan(10);
    for (const sample of ours) {
      for (const [label, value] of Object.entries(sample.labels)) {
        if (label === "le") continue;
        expect(bounded[label], `${sample.name}: label ${label}`).toBeDefined();
        expect(bounded[label]!.has(value), `${sample.name}{${label}="${value}"}`).toBe(true);
      }
    }
  });
});
