// The reset_requests store (migration 0005) on SQLite and PostgreSQL: append-only rules enforced
// by triggers, conditional transitions (one winner), lazy expiry, the admin policy.
import { expect, it } from "vitest";
import type { AuditStore } from "@/lib/db/store";
import {
  countPending,
  expireDue,
  getResetRequest,
  insertResetRequest,
  linkResetAttempt,
  readApprovalPolicy,
  transitionRequest,
  writeApprovalPolicy,
  type NewResetRequest,
} from "@/lib/approvals/store";
import { approvalFor, nameMatches } from "@/lib/domain/approvals";
import { describeDialects, storeAndRawConnectionPerTest, uniqueInstanceId, type RawConnection } from "./audit-helpers";

const T0 = new Date("2026-11-28T08:00:00.000Z");
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);
const bob = { username: "bob", role: "operator", owner: "bob" };
const carol = { username: "carol", role: "admin", owner: "carol" };

function input(overrides: Partial<NewResetRequest> = {}): NewResetRequest {
  return {
    idempotencyKey: null,
    account: "default",
    jobId: "l3m1213ye7l0001",
    instanceId: uniqueInstanceId(),
    region: "cn-hangzhou",
    jobType: "SYNC",
    taskName: "prod-orders",
    direction: "Forward",
    resetJobId: "l3m1213ye7l0001",
    reason: "Stuck after DDL",
    taskStatus: "Synchronizing",
    requester: { username: "alice", role: "operator", owner: "alice", address: "127.0.0.1", userAgent: "vitest" },
    requestedAt: T0,
    expiresAt: hours(24),
    snapshotJob: { DtsJobId: "l3m1213ye7l0001" },
    snapshotDetail: { DbObject: "{}" },
    snapshotHash: "a".repeat(64),
    ...overrides,
  };
}

describeDialects("reset requests store", (dialect) => {
  let store: AuditStore;
  let raw: RawConnection;

  storeAndRawConnectionPerTest(dialect, (opened, connection) => {
    store = opened;
    raw = connection;
  });

  it("records a pending request with its requested event", async () => {
    const request = await insertResetRequest(store, input());
    expect(request).toMatchObject({ status: "pending", requestedBy: { username: "alice" }, decidedBy: null, resetId: null });
    expect(request.events.map((e) => e.type)).toEqual(["requested"]);
    expect(await countPending(store, hours(1))).toBe(1);
  });

  it("each transition out of pending happens once: of concurrent deciders exactly one wins", async () => {
    const { id } = await insertResetRequest(store, input());
    const results = await Promise.all([
      transitionRequest(store, id, { from: "pending", to: "approved", at: hours(1), actor: bob, comment: "ok" }),
      transitionRequest(store, id, { from: "pending", to: "approved", at: hours(1), actor: carol, comment: "ok" }),
      transitionRequest(store, id, { from: "pending", to: "cancelled", at: hours(1), actor: { username: "alice", role: "operator", owner: "alice" }, comment: null }),
      transitionRequest(store, id, { from: "pending", to: "rejected", at: hours(1), actor: carol, comment: "no" }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await getResetRequest(store, id);
    expect(stored!.events.filter((e) => e.type !== "requested")).toHaveLength(1);
  });

  it("links the reset attempt once, only to an approved request", async () => {
    const { id } = await insertResetRequest(store, input());
    await linkResetAttempt(store, id, "reset-1", hours(1), {});
    expect((await getResetRequest(store, id))!.resetId).toBeNull();
    await transitionRequest(store, id, { from: "pending", to: "approved", at: hours(1), actor: bob, comment: null });
    await linkResetAttempt(store, id, "reset-1", hours(1), {});
    await linkResetAttempt(store, id, "reset-2", hours(1), {});
    const stored = await getResetRequest(store, id);
    expect(stored).toMatchObject({ status: "approved", resetId: "reset-1", decidedBy: { username: "bob" } });
    expect(stored!.events.map((e) => e.type)).toEqual(["requested", "approved", "reset_recorded"]);
  });

  it("expires pending requests lazily, by the clock it is given", async () => {
    const { id } = await insertResetRequest(store, input());
    expect(await expireDue(store, hours(23.99))).toBe(0);
    expect(await countPending(store, hours(24))).toBe(0);
    expect(await expireDue(store, hours(24))).toBe(1);
    const stored = await getResetRequest(store, id);
    expect(stored).toMatchObject({ status: "expired", decidedBy: { username: "system" } });
    expect(await transitionRequest(store, id, { from: "pending", to: "approved", at: hours(25), actor: bob, comment: null })).toBe(false);
  });

  it("refuses deleting a request, changing its facts, moving a decided one, or touching its events", async () => {
    const { id } = await insertResetRequest(store, input());
    await expect(raw.run("DELETE FROM reset_requests WHERE id = ?", id)).rejects.toThrow(/append-only/);
    await expect(raw.run("UPDATE reset_requests SET reason = 'other' WHERE id = ?", id)).rejects.toThrow(/cannot change/);
    await expect(raw.run("UPDATE reset_requests SET decided_by = 'mallory' WHERE id = ?", id)).rejects.toThrow(/decision/);
    await transitionRequest(store, id, { from: "pending", to: "rejected", at: hours(1), actor: bob, comment: "no" });
    await expect(raw.run("UPDATE reset_requests SET status = 'pending' WHERE id = ?", id)).rejects.toThrow(/illegal status/);
    await expect(raw.run("UPDATE reset_requests SET status = 'approved' WHERE id = ?", id)).rejects.toThrow(/illegal status/);
    await expect(raw.run("UPDATE reset_request_events SET comment = 'edited' WHERE request_id = ?", id)).rejects.toThrow(/append-only/);
    await expect(raw.run("DELETE FROM reset_request_events WHERE request_id = ?", id)).rejects.toThrow(/append-only/);
    if (dialect === "postgres") await expect(raw.run("TRUNCATE reset_request_events")).rejects.toThrow(/append-only/);
  });

  it("an approved request becomes invalidated only while no reset attempt is linked", async () => {
    const a = await insertResetRequest(store, input());
    await transitionRequest(store, a.id, { from: "pending", to: "approved", at: hours(1), actor: bob, comment: null });
    expect(await transitionRequest(store, a.id, { from: "approved", to: "invalidated", at: hours(1), actor: null, comment: null })).toBe(true);
    const b = await insertResetRequest(store, input());
    await transitionRequest(store, b.id, { from: "pending", to: "approved", at: hours(1), actor: bob, comment: null });
    await linkResetAttempt(store, b.id, "reset-b", hours(1), {});
    await expect(raw.run("UPDATE reset_requests SET status = 'invalidated' WHERE id = ?", b.id)).rejects.toThrow(/illegal status/);
  });

  it("keeps the admin policy, off by default", async () => {
    expect(await readApprovalPolicy(store)).toMatchObject({ mode: "off", accounts: [], regions: [], namePatterns: [], updatedBy: null });
    await writeApprovalPolicy(store, { mode: "selected", accounts: ["prod"], regions: ["cn-beijing"], namePatterns: ["prod-*"] }, "admin", T0);
    await writeApprovalPolicy(store, { mode: "selected", accounts: [], regions: [], namePatterns: ["prod-*"] }, "admin2", hours(1));
    expect(await readApprovalPolicy(store)).toMatchObject({ mode: "selected", regions: [], namePatterns: ["prod-*"], updatedBy: "admin2" });
  });
});

it("matches name patterns and applies the policy in force", () => {
  expect(nameMatches("prod-*", "prod-orders")).toBe(true);
  expect(nameMatches("prod-*", "staging-prod-orders")).toBe(false);
  expect(nameMatches("*-orders", "prod-orders")).toBe(true);
  expect(nameMatches("a?c", "abc")).toBe(true);
  expect(nameMatches("a.c", "abc")).toBe(false);
  const selected = { mode: "selected" as const, accounts: ["prod"], regions: ["cn-beijing" as const], namePatterns: ["prod-*"] };
  expect(approvalFor(false, { mode: "off", accounts: [], regions: [], namePatterns: [] }, { account: "default", region: "cn-hangzhou", name: "prod-x" }).required).toBe(false);
  expect(approvalFor(true, { mode: "off", accounts: [], regions: [], namePatterns: [] }, { account: "default", region: "cn-hangzhou", name: "x" }).required).toBe(true);
  expect(approvalFor(false, { mode: "all", accounts: [], regions: [], namePatterns: [] }, { account: "default", region: "cn-hangzhou", name: "x" }).required).toBe(true);
  expect(approvalFor(false, selected, { account: "default", region: "cn-beijing", name: "x" }).required).toBe(true);
  expect(approvalFor(false, selected, { account: "default", region: "cn-hangzhou", name: "prod-x" }).required).toBe(true);
  expect(approvalFor(false, selected, { account: "default", region: "cn-hangzhou", name: "dev-x" }).required).toBe(false);
  // The policy may name accounts: every reset in prod needs approval, wherever and whatever it is.
  expect(approvalFor(false, selected, { account: "prod", region: "cn-hangzhou", name: "dev-x" })).toMatchObject({ required: true, basis: "account", match: "prod" });
});
