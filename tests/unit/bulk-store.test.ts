// The bulk reset's tables (migration 0007) on both dialects: the guarantees the worker stands on
// are the database's, so they are tested against the database, under concurrency. One lease
// holder among many takers; a lost lease moves no item; the pacing slots of many simultaneous
// reservations never come closer than one interval; the rules refuse what no code should do.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { AuditStore } from "@/lib/db/store";
import {
  cancelBulkRow,
  decideBulkRow,
  finishBulk,
  getBulkRow,
  insertBulk,
  itemsOf,
  markStarted,
  moveItem,
  renewLease,
  reserveSlot,
  takeLease,
  type NewBulkItem,
} from "@/lib/bulk/store";
import { claimTask } from "@/lib/guarded/claims";
import { describeDialects, freshLocation, storesClosedAfterEach } from "./audit-helpers";

const person = { username: "alice", role: "operator", owner: "alice", address: null, userAgent: null };

function items(n: number): NewBulkItem[] {
  return Array.from({ length: n }, (_, i) => ({
    account: "default",
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

async function newBulk(store: AuditStore, n = 3, status: "queued" | "awaiting_approval" = "queued"): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  expect(
    await insertBulk(
      store,
      { id, idempotencyKey: null, status, reason: "source failover", creator: person, createdAt: now, callsPerSecond: 1, itemsHash: "x", approvalExpiresAt: status === "awaiting_approval" ? new Date(now.getTime() + 3_600_000) : null },
      items(n),
    ),
  ).toBe(true);
  return id;
}

describeDialects("bulk reset store", (dialect) => {
  const open = storesClosedAfterEach();

  it("gives the lease to exactly one of many simultaneous takers, and to another only once it has run out", async () => {
    const store = await open(freshLocation(dialect));
    const id = await newBulk(store);
    const now = new Date();
    const tokens = Array.from({ length: 12 }, () => randomUUID());
    const won = await Promise.all(tokens.map((t) => takeLease(store, id, t, now, 5_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const holder = tokens[won.indexOf(true)]!;
    expect(await takeLease(store, id, randomUUID(), new Date(now.getTime() + 4_000), 5_000)).toBe(false);
    expect(await renewLease(store, id, holder, new Date(now.getTime() + 4_000), 5_000)).toBe(true);
    // Renewed at +4 s for 5 s: still held at +8 s, free at +9 s.
    expect(await takeLease(store, id, randomUUID(), new Date(now.getTime() + 8_000), 5_000)).toBe(false);
    const successor = randomUUID();
    expect(await takeLease(store, id, successor, new Date(now.getTime() + 9_000), 5_000)).toBe(true);
    expect(await renewLease(store, id, holder, new Date(now.getTime() + 9_000), 5_000)).toBe(false);
  });

  it("fences every item move by the lease: a worker that lost it moves nothing", async () => {
    const store = await open(freshLocation(dialect));
    const id = await newBulk(store, 2);
    const now = new Date();
    const first = randomUUID();
    expect(await takeLease(store, id, first, now, 1_000)).toBe(true);
    await markStarted(store, id, first, now);
    expect(await moveItem(store, id, 0, first, "queued", { status: "running" })).toBe(true);
    const second = randomUUID();
    expect(await takeLease(store, id, second, new Date(now.getTime() + 2_000), 1_000)).toBe(true);
    expect(await moveItem(store, id, 1, first, "queued", { status: "running" })).toBe(false);
    expect(await moveItem(store, id, 0, first, "running", { status: "failed" })).toBe(false);
    expect(await moveItem(store, id, 0, second, "running", { status: "skipped", error_code: "task_changed" })).toBe(true);
    // Not finished while an item is left; finished once none is.
    expect(await finishBulk(store, id, second, new Date())).toBe(false);
    expect(await moveItem(store, id, 1, second, "queued", { status: "running" })).toBe(true);
    expect(await moveItem(store, id, 1, second, "running", { status: "sent", reset_id: randomUUID() })).toBe(true);
    expect(await finishBulk(store, id, second, new Date())).toBe(true);
    expect((await getBulkRow(store, id))!).toMatchObject({ status: "finished", lease_token: null });
  });

  it("spaces simultaneous pacing reservations of one account by at least the interval; another account has its own", async () => {
    const store = await open(freshLocation(dialect));
    const now = Date.now();
    const slots = await Promise.all(Array.from({ length: 20 }, () => reserveSlot(store, "default", 200, now)));
    const sorted = [...slots].sort((a, b) => a - b);
    expect(sorted[0]).toBe(now);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBe(200);
    expect(await reserveSlot(store, "prod", 200, now)).toBe(now);
    // A later reservation after a quiet spell starts from now, not from the old queue.
    expect(await reserveSlot(store, "prod", 200, now + 10_000)).toBe(now + 10_000);
  });

  it("decides an approval once; a cancel takes the items not yet taken up, and only once", async () => {
    const store = await open(freshLocation(dialect));
    const id = await newBulk(store, 3, "awaiting_approval");
    const outcomes = await Promise.all([
      decideBulkRow(store, id, "approved", { username: "bob", role: "operator", owner: "bob" }, null, new Date()),
      decideBulkRow(store, id, "rejected", { username: "carol", role: "admin", owner: "carol" }, "no", new Date()),
    ]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const row = (await getBulkRow(store, id))!;
    if (row.status === "queued") {
      const token = randomUUID();
      expect(await takeLease(store, id, token, new Date(), 5_000)).toBe(true);
      await markStarted(store, id, token, new Date());
      expect(await moveItem(store, id, 0, token, "queued", { status: "running" })).toBe(true);
      const cancels = await Promise.all([cancelBulkRow(store, id, person, new Date()), cancelBulkRow(store, id, person, new Date())]);
      expect(cancels.filter(Boolean)).toHaveLength(1);
      const statuses = ((await itemsOf(store, [id])).get(id) ?? []).map((i) => i.status);
      expect(statuses).toEqual(["running", "cancelled", "cancelled"]);
      expect(await moveItem(store, id, 1, token, "queued", { status: "running" })).toBe(false);
    } else {
      expect(row.status).toBe("rejected");
    }
  });

  it("refuses what no code should do: deleting a bulk, changing what was asked, moving an item backwards", async () => {
    const store = await open(freshLocation(dialect));
    const id = await newBulk(store, 1);
    const token = randomUUID();
    await takeLease(store, id, token, new Date(), 5_000);
    await markStarted(store, id, token, new Date());
    await moveItem(store, id, 0, token, "queued", { status: "running" });
    await moveItem(store, id, 0, token, "running", { status: "sent", reset_id: randomUUID() });
    const db = store.db.withTables<{ bulk_resets: { id: string; reason: string }; bulk_reset_items: { bulk_id: string; status: string; job_id: string } }>();
    await expect(db.deleteFrom("bulk_resets").where("id", "=", id).execute()).rejects.toThrow(/append-only|cannot be deleted/);
    await expect(db.updateTable("bulk_resets").set({ reason: "edited" }).where("id", "=", id).execute()).rejects.toThrow(/cannot change/);
    await expect(db.updateTable("bulk_reset_items").set({ status: "queued" }).where("bulk_id", "=", id).execute()).rejects.toThrow(/illegal status transition/);
    await expect(db.updateTable("bulk_reset_items").set({ job_id: "other" }).where("bulk_id", "=", id).execute()).rejects.toThrow(/cannot change/);
  });

  it("lets a live task claim be taken over only by a request resuming under the very key it was taken with", async () => {
    const store = await open(freshLocation(dialect));
    const ref = { account: "default", region: "cn-hangzhou", instanceId: "dtsjob0", direction: "Forward" as const };
    const now = new Date();
    const first = await claimTask(store, ref, "reset", now, 120_000, { key: "bulk-a-0-0", resumes: false });
    expect(first.claimed).toBe(true);
    expect((await claimTask(store, ref, "reset", now, 120_000, { key: "bulk-a-0-0", resumes: false })).claimed).toBe(false);
    expect((await claimTask(store, ref, "reset", now, 120_000, { key: "bulk-b-0-0", resumes: true })).claimed).toBe(false);
    expect((await claimTask(store, ref, "reset", now, 120_000, { key: null, resumes: true })).claimed).toBe(false);
    const resumed = await claimTask(store, ref, "reset", now, 120_000, { key: "bulk-a-0-0", resumes: true });
    expect(resumed.claimed).toBe(true);
    if (first.claimed && resumed.claimed) expect(resumed.claim.token).not.toBe(first.claim.token);
  });
});
