// The bulk reset over the JSON API (issue 22): the real route handlers, the real simulator over
// HTTP with its documented read limits on (its call log is the witness), a real SQLite file, and
// the process's own bulk worker (the routes start it, as in the console). Nothing here sleeps for
// a guessed time: held calls are waited for and released, and a bulk is awaited until its status
// says it has finished.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { BulkPlan, BulkResult } from "@/lib/domain/bulk";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import { startHarness, type CallEntry, type Harness } from "./dts-harness";
import { callRoute, signInCookie, type RouteHandler } from "./reset-route-client";
import { routeSuiteLifecycle, simulatorConsoleEnv } from "./route-suite";
import { parseCsv } from "../support-csv";

const RATE = 5;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulk-resets-routes-"));
const saved = { ...process.env };

let h: Harness;
let routes: Record<"signIn" | "create" | "list" | "one" | "cancel" | "approve" | "reject" | "export" | "resets" | "policy", RouteHandler>;
const cookies: Record<string, string> = {};

interface Item {
  region: string;
  jobId: string;
  instanceId: string;
  direction: "Forward" | "Reverse";
}

async function post(body: unknown, cookie = cookies.demo!) {
  const response = await callRoute(routes.create, "/api/bulk-resets", { method: "POST", body, cookie });
  return { status: response.status, body: (await response.json()) as { plan?: BulkPlan; bulk?: BulkResult; request?: { id: string; kind: string; status: string }; error?: { code: string; message: string } } };
}

async function getBulk(id: string, cookie = cookies.viewer!): Promise<BulkResult> {
  const response = await callRoute(routes.one, `/api/bulk-resets/${id}`, { cookie }, { id });
  expect(response.status).toBe(200);
  return ((await response.json()) as { bulk: BulkResult }).bulk;
}

function act(action: "cancel" | "approve" | "reject", id: string, cookie: string, body?: unknown) {
  return callRoute(routes[action], `/api/bulk-resets/${id}/${action}`, { method: "POST", cookie, body }, { id });
}

/** Waits on the bulk's own status (the event), not on a guessed duration. */
async function until(id: string, done: (bulk: BulkResult) => boolean, what = "the bulk to finish"): Promise<BulkResult> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const bulk = await getBulk(id);
    if (done(bulk)) return bulk;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify({ status: bulk.status, counts: bulk.counts })}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const finished = (bulk: BulkResult) => ["succeeded", "partial", "failed", "cancelled"].includes(bulk.status);

async function heldCalls(): Promise<{ id: string; params: Record<string, string> }[]> {
  return ((await (await h.control("holds")).json()) as { held: { id: string; params: Record<string, string>; applied: boolean }[] }).held;
}

/** Waits for the simulator to report the nth held call (the event "the reset reached DTS"). */
async function heldCall(n: number): Promise<{ id: string; params: Record<string, string> }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const held = await heldCalls();
    const call = held.find((c) => c.id.endsWith(`.${n}`));
    if (call) return call;
    if (Date.now() > deadline) throw new Error(`no held call ${n}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function hold(count: number) {
  const response = await h.control("holds", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: "ResetDtsJob", count }) });
  expect(response.status).toBe(201);
}

const release = (id: string) => h.control(`holds/${id}/release`, { method: "POST" });

/** Every one-way or two-way sync task of two regions, Forward: the dry run says which may be reset. */
async function candidates(): Promise<Item[]> {
  const items: Item[] = [];
  for (const region of ["cn-hangzhou", "cn-shanghai"]) {
    const { jobs } = (await (await h.control(`jobs?region=${region}&jobType=SYNC`)).json()) as { jobs: { instanceId: string; forward: { jobId: string } }[] };
    for (const job of jobs) items.push({ region, jobId: job.forward.jobId, instanceId: job.instanceId, direction: "Forward" });
  }
  return items;
}

async function eligibleItems(count: number): Promise<Item[]> {
  const all = await candidates();
  const { body } = await post({ items: all, reason: "plan", confirmation: "", dryRun: true });
  const eligible = body.plan!.items.filter((i) => i.eligible).map(({ region, jobId, instanceId, direction }) => ({ region, jobId, instanceId, direction }));
  expect(eligible.length).toBeGreaterThanOrEqual(count);
  // Both regions, so that the worker's lanes and pacing cover more than one.
  const sh = eligible.filter((i) => i.region === "cn-shanghai").slice(0, 4);
  return [...sh, ...eligible.filter((i) => i.region !== "cn-shanghai")].slice(0, count);
}

/** ResetDtsJob calls DTS accepted, per task ID. */
function acceptedPerJob(calls: CallEntry[]): Map<string, number> {
  const per = new Map<string, number>();
  for (const call of calls) if (call.verdict === "ok") per.set(call.params.DtsJobId!, (per.get(call.params.DtsJobId!) ?? 0) + 1);
  return per;
}

/** The most calls in any window of one second (DTS counts per second). */
function busiestSecond(calls: CallEntry[]): number {
  const times = calls.map((c) => Date.parse(c.at)).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

beforeAll(async () => {
  h = await startHarness({});
  Object.assign(process.env, simulatorConsoleEnv(h, dir, {
      BULK_RESET_CALLS_PER_SECOND: String(RATE),
      BULK_LEASE_MS: "3000",
  }));
  const load = async (p: string) => (await import(p)) as Record<string, RouteHandler>;
  const bulk = await load("@/app/api/bulk-resets/route");
  routes = {
    signIn: (await load("@/app/api/auth/sign-in/route")).POST!,
    create: bulk.POST!,
    list: bulk.GET!,
    one: (await load("@/app/api/bulk-resets/[id]/route")).GET!,
    cancel: (await load("@/app/api/bulk-resets/[id]/cancel/route")).POST!,
    approve: (await load("@/app/api/bulk-resets/[id]/approve/route")).POST!,
    reject: (await load("@/app/api/bulk-resets/[id]/reject/route")).POST!,
    export: (await load("@/app/api/bulk-resets/[id]/export/route")).GET!,
    resets: (await load("@/app/api/resets/route")).GET!,
    policy: (await load("@/app/api/admin/approval-policy/route")).PUT!,
  };
  cookies.demo = await signInCookie(routes.signIn, "demo");
  cookies.admin = await signInCookie(routes.signIn, "demo-admin");
  cookies.viewer = await signInCookie(routes.signIn, "demo-viewer");
});
routeSuiteLifecycle(() => ({ harness: h, env: saved, dir }));

describe("the plan (dryRun)", () => {
  it("reads every task fresh, marks the blocked ones with the single reset's codes, and sends no reset", async () => {
    const { oneWayRunning, twoWayRunning, locked, twoWayReverseFailed } = SEED_FIXTURES;
    const items = [
      { region: oneWayRunning.region, jobId: oneWayRunning.jobId, instanceId: oneWayRunning.instanceId, direction: "Forward" },
      { region: twoWayRunning.region, jobId: twoWayRunning.jobId, instanceId: twoWayRunning.instanceId, direction: "Reverse" },
      { region: oneWayRunning.region, jobId: oneWayRunning.jobId, instanceId: oneWayRunning.instanceId, direction: "Reverse" },
      { region: locked.region, jobId: locked.jobId, instanceId: locked.instanceId, direction: "Forward" },
      { region: twoWayReverseFailed.region, jobId: twoWayReverseFailed.jobId, instanceId: twoWayReverseFailed.instanceId, direction: "Reverse" },
      { region: "cn-hangzhou", jobId: "nosuchjob0000000", instanceId: "dtsnosuchjob0000000", direction: "Forward" },
    ];
    const { status, body } = await post({ items, reason: "source failover", confirmation: "", dryRun: true });
    expect(status).toBe(200);
    const plan = body.plan!;
    expect(plan.items.map((i) => [i.jobId, i.direction, i.eligible, i.blocked?.code ?? null])).toEqual([
      [oneWayRunning.jobId, "Forward", true, null],
      [twoWayRunning.jobId, "Reverse", true, null],
      [oneWayRunning.jobId, "Reverse", false, "reverse_not_allowed"],
      [locked.jobId, "Forward", false, "not_resettable"],
      [twoWayReverseFailed.jobId, "Reverse", true, null],
      ["nosuchjob0000000", "Forward", false, "task_not_found"],
    ]);
    expect(plan.items[1]).toMatchObject({ taskName: twoWayRunning.name, twoWay: true, account: "default" });
    expect(plan).toMatchObject({ eligible: 3, blocked: 3, approvalRequired: false });
    expect(await h.calls("ResetDtsJob")).toHaveLength(0);
    expect((await h.calls("DescribeDtsJobs")).length).toBeGreaterThanOrEqual(items.length);
  });

  it("tries a read DTS throttled again instead of taking the task for a blocked one", async () => {
    const items = await eligibleItems(3);
    await h.fault({ action: "DescribeDtsJobs", kind: "throttle", times: 1, retryAfterMs: 100 });
    const { body } = await post({ items, reason: "source failover", confirmation: "3", dryRun: true });
    expect(body.plan).toMatchObject({ eligible: 3, blocked: 0 });
    expect((await h.calls("DescribeDtsJobs")).filter((c) => c.code === "Throttling.User")).toHaveLength(1);
  });

  it("refuses a wrong count (409 confirmation_mismatch), duplicates and more than 100 items (400), before any DTS call", async () => {
    const items = (await candidates()).slice(0, 3);
    const before = (await h.calls()).length;
    const wrong = await post({ items, reason: "source failover", confirmation: "4" });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error!.code).toBe("confirmation_mismatch");
    const dup = await post({ items: [items[0], items[0]], reason: "source failover", confirmation: "2" });
    expect(dup.status).toBe(400);
    expect(dup.body.error!.message).toMatch(/repeats item 1/);
    const many = await post({ items: Array.from({ length: 101 }, (_, i) => ({ ...items[0], jobId: `job${String(i).padStart(6, "0")}` })), reason: "x".repeat(10), confirmation: "101" });
    expect(many.status).toBe(400);
    const unknownAccount = await post({ items: [{ ...items[0], account: "ghost" }], reason: "source failover", confirmation: "1" });
    expect(unknownAccount.status).toBe(404);
    expect(unknownAccount.body.error!.code).toBe("account_not_found");
    expect(await h.calls()).toHaveLength(before);
    const list = await callRoute(routes.list, "/api/bulk-resets", { cookie: cookies.viewer });
    expect(((await list.json()) as { total: number }).total).toBe(0);
  });

  it("refuses a viewer every write (403), and nothing is sent", async () => {
    const items = (await candidates()).slice(0, 1);
    const create = await post({ items, reason: "source failover", confirmation: "1" }, cookies.viewer);
    expect(create.status).toBe(403);
    const id = "00000000-0000-4000-8000-000000000000";
    for (const action of ["cancel", "approve"] as const) expect((await act(action, id, cookies.viewer!)).status).toBe(403);
    expect((await act("reject", id, cookies.viewer!, { comment: "no" })).status).toBe(403);
    expect(await h.calls("ResetDtsJob")).toHaveLength(0);
  });
});

describe("a bulk run", () => {
  it("resets 12 tasks in two regions exactly once each, retries the one DTS throttled mid-way, and holds the pace", async () => {
    const items = await eligibleItems(12);
    // Hold the first five resets as they reach DTS; before the fifth is let through, DTS starts throttling once.
    await hold(5);
    const { status, body } = await post({ items, reason: "source failover", confirmation: " 12 ", idempotencyKey: "bulk-it-twelve-0001" });
    expect(status).toBe(202);
    const id = body.bulk!.id;
    expect(body.bulk).toMatchObject({ status: "queued", total: 12, createdBy: "demo", callsPerSecond: RATE });
    for (let n = 1; n <= 5; n++) {
      const call = await heldCall(n);
      if (n === 5) await h.fault({ action: "ResetDtsJob", kind: "throttle", times: 1, retryAfterMs: 50 });
      await release(call.id);
    }
    const bulk = await until(id, finished);
    expect(bulk.status).toBe("succeeded");
    expect(bulk.counts).toMatchObject({ succeeded: 12, failed: 0, unknown: 0, skipped: 0 });
    expect(bulk.finishedAt).not.toBeNull();

    const calls = await h.calls("ResetDtsJob");
    const perJob = acceptedPerJob(calls);
    expect([...perJob.keys()].sort()).toEqual(items.map((i) => i.jobId).sort());
    expect([...perJob.values()].every((n) => n === 1)).toBe(true);
    const throttled = calls.filter((c) => c.code === "Throttling.User");
    expect(throttled).toHaveLength(1);
    expect(calls.filter((c) => c.params.DtsJobId === throttled[0]!.params.DtsJobId)).toHaveLength(2);
    expect(busiestSecond(calls)).toBeLessThanOrEqual(RATE);

    // Each item is an ordinary reset record that names its bulk.
    const resets = await callRoute(routes.resets, `/api/resets?bulkId=${id}&pageSize=50`, { cookie: cookies.viewer });
    const listed = (await resets.json()) as { items: { id: string; bulkId: string; status: string; actor: string }[]; total: number };
    expect(listed.total).toBe(12);
    expect(listed.items.every((r) => r.bulkId === id && r.status === "succeeded" && r.actor === "demo")).toBe(true);
    expect(new Set(bulk.items.map((i) => i.resetId))).toEqual(new Set(listed.items.map((r) => r.id)));

    // A replay of the same request answers the same bulk and starts nothing.
    const replay = await post({ items, reason: "source failover", confirmation: "12", idempotencyKey: "bulk-it-twelve-0001" });
    expect(replay.status).toBe(202);
    expect(replay.body.bulk!.id).toBe(id);
    expect(await h.calls("ResetDtsJob")).toHaveLength(calls.length);

    const csv = await callRoute(routes.export, `/api/bulk-resets/${id}/export?format=csv`, { cookie: cookies.viewer }, { id });
    const rows = parseCsv(await csv.text());
    expect(rows[0]).toContain("reset_id");
    expect(rows.slice(1).filter((r) => r.length > 1)).toHaveLength(12);
  });

  it("paces ResetDtsJob at BULK_RESET_CALLS_PER_SECOND per account", async () => {
    const items = await eligibleItems(11);
    const started = Date.now();
    const { body } = await post({ items, reason: "password rotated", confirmation: "11" });
    const bulk = await until(body.bulk!.id, finished);
    expect(bulk.status).toBe("succeeded");
    const calls = await h.calls("ResetDtsJob");
    expect(calls).toHaveLength(11);
    expect(busiestSecond(calls)).toBeLessThanOrEqual(RATE);
    // 11 calls at 5/s cannot take less than two seconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
  });

  it("cancel: the in-flight item finishes and is recorded, the rest are never sent", async () => {
    const items = await eligibleItems(6);
    await hold(2);
    const { body } = await post({ items, reason: "source failover", confirmation: "6" });
    const id = body.bulk!.id;
    await release((await heldCall(1)).id);
    const second = await heldCall(2);
    const cancelled = await act("cancel", id, cookies.admin!);
    expect(cancelled.status).toBe(200);
    const during = ((await cancelled.json()) as { bulk: BulkResult }).bulk;
    expect(during.cancelledBy).toBe("demo-admin");
    expect(during.counts.cancelled).toBe(4);
    await release(second.id);
    const bulk = await until(id, finished);
    expect(bulk.status).toBe("cancelled");
    expect(bulk.items.map((i) => i.status)).toEqual(["succeeded", "succeeded", "cancelled", "cancelled", "cancelled", "cancelled"]);
    expect(await h.calls("ResetDtsJob")).toHaveLength(2);
    const again = await act("cancel", id, cookies.demo!);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("bulk_not_cancellable");
  });

  it("skips a task that changed between the plan and its turn, and sends nothing for it", async () => {
    const items = await eligibleItems(3);
    await hold(1);
    const { body } = await post({ items, reason: "source failover", confirmation: "3" });
    const first = await heldCall(1);
    // While the first reset is at DTS, the second task moves on by itself.
    const changed = await h.control(`jobs/${items[1]!.jobId}/status`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: "Suspending" }) });
    expect(changed.status).toBe(200);
    await release(first.id);
    const bulk = await until(body.bulk!.id, finished);
    expect(bulk.status).toBe("partial");
    expect(bulk.items.map((i) => i.status)).toEqual(["succeeded", "skipped", "succeeded"]);
    expect(bulk.items[1]!.error!.code).toMatch(/^(task_changed|not_resettable)$/);
    const sent = (await h.calls("ResetDtsJob")).map((c) => c.params.DtsJobId);
    expect(sent).not.toContain(items[1]!.jobId);
  });
});

describe("failures inside a bulk", () => {
  it("an item DTS refuses fails with DTS's code and RequestId; the rest go on and the bulk ends partial", async () => {
    const items = await eligibleItems(4);
    await h.fault({ action: "ResetDtsJob", kind: "dts-failure", errCode: "OperationDenied.JobStatus", errMessage: "The job status does not allow this operation.", times: 1 });
    const { body } = await post({ items, reason: "source failover", confirmation: "4" });
    const bulk = await until(body.bulk!.id, finished);
    expect(bulk.status).toBe("partial");
    expect(bulk.items.map((i) => i.status)).toEqual(["failed", "succeeded", "succeeded", "succeeded"]);
    expect(bulk.items[0]!.error).toMatchObject({ code: "OperationDenied.JobStatus", requestId: expect.any(String) });
    expect(bulk.items[0]!.resetId).not.toBeNull();
  });

  it("an item whose answer was lost is unknown, never sent again, until reconciliation resolves its record", async () => {
    const items = await eligibleItems(3);
    await h.fault({ action: "ResetDtsJob", kind: "reset-connection", effect: "apply", times: 1 });
    const { body } = await post({ items, reason: "source failover", confirmation: "3" });
    const id = body.bulk!.id;
    const waiting = await until(id, (b) => b.counts.unknown === 1 && b.counts.succeeded === 2, "the other items and the unknown one");
    expect(waiting.status).toBe("running");
    expect(waiting.items[0]!.status).toBe("unknown");
    // DTS applied it and the connection dropped: one call on the wire, not answered.
    expect((await h.calls("ResetDtsJob")).filter((c) => c.params.DtsJobId === items[0]!.jobId).map((c) => c.verdict)).toEqual(["fault"]);

    const { getConsoleContext } = await import("@/lib/context");
    const { reconcileOnce } = await import("@/lib/reset/reconcile");
    const report = await reconcileOnce(await getConsoleContext());
    expect(report.resolved).toBe(1);
    const bulk = await until(id, finished);
    expect(bulk.status).toBe("succeeded");
    expect(bulk.finishedAt).not.toBeNull();
    expect((await h.calls("ResetDtsJob")).filter((c) => c.params.DtsJobId === items[0]!.jobId)).toHaveLength(1);
  });
});

describe("a bulk under the approval policy", () => {
  it("makes one request for the batch; the requester cannot approve it; approving runs it", async () => {
    expect((await callRoute(routes.policy, "/api/admin/approval-policy", { method: "PUT", cookie: cookies.admin, body: { mode: "all" } })).status).toBe(200);
    try {
      const items = await eligibleItems(3);
      const { status, body } = await post({ items, reason: "source failover", confirmation: "3" });
      expect(status).toBe(202);
      expect(body.request).toMatchObject({ kind: "bulk", status: "pending" });
      const id = body.bulk!.id;
      expect(body.bulk!.status).toBe("awaiting_approval");

      const self = await act("approve", id, cookies.demo!);
      expect(self.status).toBe(403);
      expect(((await self.json()) as { error: { code: string } }).error.code).toBe("self_approval");
      expect(await h.calls("ResetDtsJob")).toHaveLength(0);

      const approved = await act("approve", id, cookies.admin!, { comment: "checked the list" });
      expect(approved.status).toBe(200);
      const bulk = await until(id, finished);
      expect(bulk).toMatchObject({ status: "succeeded", approval: { status: "approved", decidedBy: { username: "demo-admin" }, comment: "checked the list" } });
      expect(await h.calls("ResetDtsJob")).toHaveLength(3);
      const twice = await act("approve", id, cookies.admin!);
      expect(twice.status).toBe(409);
    } finally {
      await callRoute(routes.policy, "/api/admin/approval-policy", { method: "PUT", cookie: cookies.admin, body: { mode: "off" } });
    }
  });

  it("a rejected bulk sends nothing and its items are cancelled", async () => {
    expect((await callRoute(routes.policy, "/api/admin/approval-policy", { method: "PUT", cookie: cookies.admin, body: { mode: "all" } })).status).toBe(200);
    try {
      const items = await eligibleItems(2);
      const { body } = await post({ items, reason: "source failover", confirmation: "2" });
      const rejected = await act("reject", body.bulk!.id, cookies.admin!, { comment: "wrong region" });
      expect(rejected.status).toBe(200);
      const bulk = ((await rejected.json()) as { bulk: BulkResult }).bulk;
      expect(bulk.status).toBe("rejected");
      expect(bulk.items.every((i) => i.status === "cancelled")).toBe(true);
      expect(await h.calls("ResetDtsJob")).toHaveLength(0);
    } finally {
      await callRoute(routes.policy, "/api/admin/approval-policy", { method: "PUT", cookie: cookies.admin, body: { mode: "off" } });
    }
  });
});
