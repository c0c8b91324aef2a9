// The counts the metrics' database gauges are read from (lib/metrics/store-gauges.ts), on both
// dialects: grouped by account and state, as numbers (PostgreSQL answers count(*) as a bigint
// string), with the reconciliation queue's rule (every unknown attempt, pending ones only once due).
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { beginAttempt, finishAttempt } from "@/lib/audit/reset-attempts";
import { countResetsByOutcome, countUnresolved } from "@/lib/audit/reset-queries";
import { countOpenReconfigurations } from "@/lib/audit/reconfigurations";
import { countItemsByStatus, insertBulk, moveItem, takeLease, type NewBulkItem } from "@/lib/bulk/store";
import type { AuditStore } from "@/lib/db/store";
import { attemptInput, describeDialects, freshLocation, storesClosedAfterEach } from "./audit-helpers";

const HOUR = 3_600_000;

async function attempt(store: AuditStore, account: string, outcome: "pending" | "succeeded" | "failed" | "unknown", requestedAt: Date) {
  const begun = await beginAttempt(store, { ...attemptInput({ requestedAt }), account } as Parameters<typeof beginAttempt>[1]);
  if (begun.kind !== "created") throw new Error(`not created: ${begun.kind}`);
  if (outcome !== "pending") await finishAttempt(store, begun.record.id, { status: outcome, finishedAt: new Date(requestedAt.getTime() + 1_000), requestId: null, httpStatus: null, errorCode: null, errorMessage: null, errorKind: null, retrySafe: null });
}

function items(account: string, n: number): NewBulkItem[] {
  return Array.from({ length: n }, (_, i) => ({
    account,
    region: "cn-hangzhou",
    jobId: `job${i}`,
    instanceId: `dtsjob${i}`,
    direction: "Forward" as const,
    taskName: `task ${i}`,
    targetJobId: `job${i}`,
    planStatus: "Synchronizing",
    planHash: "h".repeat(64),
    status: "queued" as const,
    errorCode: null,
    errorMessage: null,
  }));
}

describeDialects("the metrics' database counts", (dialect) => {
  const open = storesClosedAfterEach();

  it("counts resets by account and outcome, and what reconciliation has still to resolve", async () => {
    const store = await open(freshLocation(dialect));
    const now = new Date();
    const old = new Date(now.getTime() - HOUR);
    await attempt(store, "default", "succeeded", old);
    await attempt(store, "default", "succeeded", old);
    await attempt(store, "default", "failed", old);
    await attempt(store, "default", "unknown", now);
    await attempt(store, "prod", "pending", old);
    await attempt(store, "prod", "pending", now);

    const byOutcome = await countResetsByOutcome(store);
    const sorted = byOutcome.sort((a, b) => `${a.account}${a.outcome}`.localeCompare(`${b.account}${b.outcome}`));
    expect(sorted).toEqual([
      { account: "default", outcome: "failed", count: 1 },
      { account: "default", outcome: "succeeded", count: 2 },
      { account: "default", outcome: "unknown", count: 1 },
      { account: "prod", outcome: "pending", count: 2 },
    ]);
    // Due: the unknown one at once; of prod's pending ones only the old one (the young one may still await DTS's answer).
    const due = (await countUnresolved(store, new Date(now.getTime() - 30_000))).sort((a, b) => a.account.localeCompare(b.account));
    expect(due).toEqual([
      { account: "default", count: 1 },
      { account: "prod", count: 1 },
    ]);
    expect(await countOpenReconfigurations(store)).toEqual([]);
  });

  it("counts bulk items by account and status", async () => {
    const store = await open(freshLocation(dialect));
    const id = randomUUID();
    const person = { username: "alice", role: "operator", owner: "alice", address: null, userAgent: null };
    const created = new Date();
    expect(await insertBulk(store, { id, idempotencyKey: null, status: "queued", reason: "failover", creator: person, createdAt: created, callsPerSecond: 1, itemsHash: "x", approvalExpiresAt: null }, [...items("default", 3), ...items("prod", 1).map((i) => ({ ...i, jobId: "jobp", instanceId: "dtsjobp" }))])).toBe(true);
    const token = randomUUID();
    expect(await takeLease(store, id, token, created, 30_000)).toBe(true);
    expect(await moveItem(store, id, 0, token, "queued", { status: "running" })).toBe(true);

    const counts = (await countItemsByStatus(store)).sort((a, b) => `${a.account}${a.status}`.localeCompare(`${b.account}${b.status}`));
    expect(counts).toEqual([
      { account: "default", status: "queued", count: 2 },
      { account: "default", status: "running", count: 1 },
      { account: "prod", status: "queued", count: 1 },
    ]);
  });
});
