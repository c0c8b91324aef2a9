import "server-only";
// The bulk_resets, bulk_reset_items and bulk_pacing tables (migration 0007) and their queries.
// Every move a worker makes on a bulk's items is fenced by the bulk's lease: an UPDATE that
// changes nothing unless the bulk still names the worker's lease token, so a worker that lost its
// lease (it stalled and another instance took over) cannot move an item any more. Decisions
// (approve, reject, cancel) are conditional UPDATEs: of concurrent deciders exactly one wins.
import { sql, type ColumnType, type Kysely, type Selectable, type Transaction } from "kysely";
import type { AuditStore } from "@/lib/db/store";
import { storeOperation } from "@/lib/audit/errors";
import type { AuditDatabase, Immutable } from "@/lib/audit/schema";
import type { Direction } from "@/lib/domain/task";
import type { BulkApproval, BulkTask } from "@/lib/domain/bulk";
import { bulkNotification, recordNotification } from "@/lib/notify/outbox";

export type StoredBulkStatus = "awaiting_approval" | "rejected" | "expired" | "queued" | "running" | "finished" | "cancelled";
export type StoredItemStatus = "queued" | "running" | "sent" | "skipped" | "failed" | "cancelled";

export interface BulkResetsTable {
  id: Immutable<string>;
  idempotency_key: Immutable<string | null>;
  status: StoredBulkStatus;
  reason: Immutable<string>;
  created_by: Immutable<string>;
  created_role: Immutable<string>;
  created_owner: Immutable<string>;
  created_address: string | null;
  created_user_agent: string | null;
  created_at: Immutable<string>;
  calls_per_second: Immutable<number>;
  items_hash: Immutable<string>;
  total: Immutable<number>;
  approval_status: BulkApproval["status"] | null;
  approval_expires_at: string | null;
  decided_by: string | null;
  decided_role: string | null;
  decided_owner: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  started_at: string | null;
  finished_at: string | null;
  cancelled_by: string | null;
  cancelled_at: string | null;
  lease_token: string | null;
  lease_expires_at: string | null;
}

export interface BulkResetItemsTable {
  bulk_id: Immutable<string>;
  position: Immutable<number>;
  account: Immutable<string>;
  region: Immutable<string>;
  job_id: Immutable<string>;
  instance_id: Immutable<string>;
  direction: Immutable<Direction>;
  task_name: string | null;
  target_job_id: Immutable<string | null>;
  plan_status: Immutable<string | null>;
  plan_hash: Immutable<string | null>;
  status: StoredItemStatus;
  tries: ColumnType<number, number | undefined, number>;
  not_before: string | null;
  reset_id: string | null;
  error_code: string | null;
  error_message: string | null;
  error_request_id: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface BulkPacingTable {
  account: string;
  /** PostgreSQL's bigint comes back as a string. */
  next_at: ColumnType<number | string, number, number>;
}

export type BulkTables = {
  bulk_resets: BulkResetsTable;
  bulk_reset_items: BulkResetItemsTable;
  bulk_pacing: BulkPacingTable;
};

type Db = Kysely<AuditDatabase & BulkTables>;

function bulkDb(store: AuditStore): Db {
  return store.db.withTables<BulkTables>();
}

export type BulkRow = Selectable<BulkResetsTable>;
export type BulkItemRow = Selectable<BulkResetItemsTable>;

/** An item with what its reset record says (when it has one). */
export interface BulkItemWithReset extends BulkItemRow {
  reset_status: string | null;
  reset_error_code: string | null;
  reset_error_message: string | null;
  reset_request_id: string | null;
  reset_finished_at: string | null;
}

export interface NewBulk {
  id: string;
  idempotencyKey: string | null;
  status: "awaiting_approval" | "queued";
  reason: string;
  creator: { username: string; role: string; owner: string; address: string | null; userAgent: string | null };
  createdAt: Date;
  callsPerSecond: number;
  itemsHash: string;
  approvalExpiresAt: Date | null;
}

export interface NewBulkItem extends BulkTask {
  targetJobId: string | null;
  planStatus: string | null;
  planHash: string | null;
  /** `skipped` when the plan found it blocked. */
  status: "queued" | "skipped";
  errorCode: string | null;
  errorMessage: string | null;
}

const iso = (d: Date) => d.toISOString();

/** Writes the bulk and all its items in one transaction; null when the idempotency key was taken meanwhile. */
export async function insertBulk(store: AuditStore, bulk: NewBulk, items: readonly NewBulkItem[]): Promise<boolean> {
  return storeOperation("write the bulk reset", () =>
    bulkDb(store)
      .transaction()
      .execute(async (tx) => {
        const inserted = await tx
          .insertInto("bulk_resets")
          .values({
            id: bulk.id,
            idempotency_key: bulk.idempotencyKey,
            status: bulk.status,
            reason: bulk.reason,
            created_by: bulk.creator.username,
            created_role: bulk.creator.role,
            created_owner: bulk.creator.owner,
            created_address: bulk.creator.address,
            created_user_agent: bulk.creator.userAgent,
            created_at: iso(bulk.createdAt),
            calls_per_second: bulk.callsPerSecond,
            items_hash: bulk.itemsHash,
            total: items.length,
            approval_status: bulk.status === "awaiting_approval" ? "pending" : null,
            approval_expires_at: bulk.approvalExpiresAt ? iso(bulk.approvalExpiresAt) : null,
            decided_by: null,
            decided_role: null,
            decided_owner: null,
            decided_at: null,
            decision_comment: null,
            started_at: null,
            finished_at: null,
            cancelled_by: null,
            cancelled_at: null,
            lease_token: null,
            lease_expires_at: null,
          })
          .onConflict((oc) => oc.column("idempotency_key").doNothing())
          .returning("id")
          .executeTakeFirst();
        if (!inserted) return false;
        const at = iso(bulk.createdAt);
        await tx
          .insertInto("bulk_reset_items")
          .values(
            items.map((item, position) => ({
              bulk_id: bulk.id,
              position,
              account: item.account,
              region: item.region,
              job_id: item.jobId,
              instance_id: item.instanceId,
              direction: item.direction,
              task_name: item.taskName,
              target_job_id: item.targetJobId,
              plan_status: item.planStatus,
              plan_hash: item.planHash,
              status: item.status,
              tries: 0,
              not_before: null,
              reset_id: null,
              error_code: item.errorCode,
              error_message: item.errorMessage,
              error_request_id: null,
              started_at: null,
              finished_at: item.status === "skipped" ? at : null,
            })),
          )
          .execute();
        return true;
      }),
  );
}

export async function getBulkRow(store: AuditStore, id: string): Promise<BulkRow | null> {
  const row = await storeOperation("read a bulk reset", () => bulkDb(store).selectFrom("bulk_resets").selectAll().where("id", "=", id).executeTakeFirst());
  return row ?? null;
}

export async function findBulkByIdempotencyKey(store: AuditStore, key: string): Promise<BulkRow | null> {
  const row = await storeOperation("read a bulk reset", () => bulkDb(store).selectFrom("bulk_resets").selectAll().where("idempotency_key", "=", key).executeTakeFirst());
  return row ?? null;
}

/** The items of these bulks, in order, each with its reset record's outcome: one query. */
export async function itemsOf(store: AuditStore, bulkIds: readonly string[]): Promise<Map<string, BulkItemWithReset[]>> {
  const byBulk = new Map<string, BulkItemWithReset[]>();
  if (bulkIds.length === 0) return byBulk;
  const rows = await storeOperation("read the bulk's items", () =>
    bulkDb(store)
      .selectFrom("bulk_reset_items as i")
      .leftJoin("reset_attempts as r", "r.id", "i.reset_id")
      .selectAll("i")
      .select([
        "r.status as reset_status",
        "r.error_code as reset_error_code",
        "r.error_message as reset_error_message",
        "r.request_id as reset_request_id",
        "r.finished_at as reset_finished_at",
      ])
      .where("i.bulk_id", "in", [...bulkIds])
      .orderBy("i.bulk_id")
      .orderBy("i.position")
      .execute(),
  );
  for (const row of rows) {
    const list = byBulk.get(row.bulk_id) ?? [];
    list.push({ ...row, position: Number(row.position), tries: Number(row.tries) });
    byBulk.set(row.bulk_id, list);
  }
  return byBulk;
}

export async function listBulkRows(store: AuditStore, filter: { status?: StoredBulkStatus[] }, page: number, pageSize: number): Promise<{ rows: BulkRow[]; total: number }> {
  return storeOperation("list bulk resets", async () => {
    let q = bulkDb(store).selectFrom("bulk_resets");
    if (filter.status) q = q.where("status", "in", filter.status);
    const rows = await q.selectAll().orderBy("created_at", "desc").orderBy("id", "desc").limit(pageSize).offset((page - 1) * pageSize).execute();
    const count = await q.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirst();
    return { rows, total: Number(count?.n ?? 0) };
  });
}

/** How many bulk items each account has in each status (the metrics' bulk items by status). */
export async function countItemsByStatus(store: AuditStore): Promise<Array<{ account: string; status: string; count: number }>> {
  const rows = await storeOperation("count bulk items", () =>
    bulkDb(store)
      .selectFrom("bulk_reset_items")
      .select(["account", "status", (eb) => eb.fn.countAll().as("count")])
      .groupBy(["account", "status"])
      .execute(),
  );
  // PostgreSQL returns count(*) as a bigint string; SQLite as a number.
  return rows.map((r) => ({ account: r.account, status: r.status, count: Number(r.count) }));
}

/** Bulks a worker may have to work on: approved or started, not finished. Oldest first. */
export async function openBulkIds(store: AuditStore): Promise<string[]> {
  const rows = await storeOperation("list open bulk resets", () =>
    bulkDb(store).selectFrom("bulk_resets").select("id").where("status", "in", ["queued", "running"]).orderBy("created_at").execute(),
  );
  return rows.map((r) => r.id);
}

// The worker's lease --------------------------------------------------------------------------

/** Take the bulk's lease, or take over one that has run out. False when another worker holds it. */
export async function takeLease(store: AuditStore, id: string, token: string, now: Date, leaseMs: number): Promise<boolean> {
  const result = await storeOperation("lease the bulk reset", () =>
    bulkDb(store)
      .updateTable("bulk_resets")
      .set({ lease_token: token, lease_expires_at: iso(new Date(now.getTime() + leaseMs)) })
      .where("id", "=", id)
      .where("status", "in", ["queued", "running"])
      .where((eb) => eb.or([eb("lease_token", "is", null), eb("lease_expires_at", "<=", iso(now))]))
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > BigInt(0);
}

/** Extend a lease we still hold. False when it was lost (taken over, or the bulk was finished). */
export async function renewLease(store: AuditStore, id: string, token: string, now: Date, leaseMs: number): Promise<boolean> {
  const result = await storeOperation("renew the bulk's lease", () =>
    bulkDb(store)
      .updateTable("bulk_resets")
      .set({ lease_expires_at: iso(new Date(now.getTime() + leaseMs)) })
      .where("id", "=", id)
      .where("lease_token", "=", token)
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > BigInt(0);
}

export async function releaseLease(store: AuditStore, id: string, token: string): Promise<void> {
  await storeOperation("release the bulk's lease", () =>
    bulkDb(store).updateTable("bulk_resets").set({ lease_token: null, lease_expires_at: null }).where("id", "=", id).where("lease_token", "=", token).execute(),
  );
}

/** queued → running under our lease (the first time a worker takes it up). */
export async function markStarted(store: AuditStore, id: string, token: string, now: Date): Promise<void> {
  await storeOperation("start the bulk reset", () =>
    bulkDb(store)
      .transaction()
      .execute(async (tx) => {
        const started = await tx
          .updateTable("bulk_resets")
          .set({ status: "running", started_at: iso(now) })
          .where("id", "=", id)
          .where("lease_token", "=", token)
          .where("status", "=", "queued")
          .returningAll()
          .executeTakeFirst();
        if (started) await recordNotification(tx, bulkNotification("bulk.started", started, now, await bulkCounts(tx, id), started.status));
      }),
  );
}

/** The bulk's items by status, and its sent items' resets by outcome: what its notifications count. */
async function bulkCounts(tx: Transaction<AuditDatabase & BulkTables>, id: string): Promise<Record<string, number>> {
  const items = await tx
    .selectFrom("bulk_reset_items as i")
    .leftJoin("reset_attempts as r", "r.id", "i.reset_id")
    .select(["i.status as item", "r.status as reset", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("i.bulk_id", "=", id)
    .groupBy(["i.status", "r.status"])
    .execute();
  const counts: Record<string, number> = { queued: 0, succeeded: 0, failed: 0, unknown: 0, skipped: 0, cancelled: 0 };
  for (const row of items) {
    const key = row.item === "sent" ? (row.reset === "pending" ? "unknown" : (row.reset ?? "unknown")) : row.item === "running" ? "queued" : row.item;
    counts[key] = (counts[key] ?? 0) + Number(row.n);
  }
  return counts;
}

export type ItemPatch = Partial<Pick<BulkItemRow, "status" | "tries" | "not_before" | "reset_id" | "error_code" | "error_message" | "error_request_id" | "started_at" | "finished_at" | "task_name">>;

/**
 * Move an item from `from` to the patch, only while our lease on its bulk is live: the fence.
 * False when the item was not in `from` (cancelled meanwhile) or the lease was lost.
 */
export async function moveItem(store: AuditStore, bulkId: string, position: number, token: string, from: StoredItemStatus, patch: ItemPatch): Promise<boolean> {
  const result = await storeOperation("update a bulk item", () =>
    bulkDb(store)
      .updateTable("bulk_reset_items")
      .set(patch)
      .where("bulk_id", "=", bulkId)
      .where("position", "=", position)
      .where("status", "=", from)
      .where((eb) =>
        eb.exists(eb.selectFrom("bulk_resets").select(sql<number>`1`.as("one")).where("bulk_resets.id", "=", bulkId).where("bulk_resets.lease_token", "=", token)),
      )
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > BigInt(0);
}

/** running → finished (or cancelled, when a cancel came), once no item is left to work on. */
export async function finishBulk(store: AuditStore, id: string, token: string, now: Date): Promise<boolean> {
  const finished = await storeOperation("finish the bulk reset", () =>
    bulkDb(store)
      .transaction()
      .execute(async (tx) => {
        const row = await tx
          .updateTable("bulk_resets")
          .set({
            status: sql<StoredBulkStatus>`case when cancelled_at is null then 'finished' else 'cancelled' end`,
            finished_at: iso(now),
            lease_token: null,
            lease_expires_at: null,
          })
          .where("id", "=", id)
          .where("lease_token", "=", token)
          .where("status", "=", "running")
          .where((eb) =>
            eb.not(
              eb.exists(
                eb.selectFrom("bulk_reset_items").select(sql<number>`1`.as("one")).where("bulk_reset_items.bulk_id", "=", id).where("bulk_reset_items.status", "in", ["queued", "running"]),
              ),
            ),
          )
          .returningAll()
          .executeTakeFirst();
        if (row) await recordNotification(tx, bulkNotification("bulk.finished", row, now, await bulkCounts(tx, id), row.status));
        return row !== undefined;
      }),
  );
  return finished;
}

// Decisions ----------------------------------------------------------------------------------

/** The items of these bulks not yet taken up are never to be: `cancelled`. */
async function cancelQueuedItems(tx: Transaction<AuditDatabase & BulkTables>, bulkIds: readonly string[], at: string): Promise<void> {
  await tx.updateTable("bulk_reset_items").set({ status: "cancelled", finished_at: at }).where("bulk_id", "in", [...bulkIds]).where("status", "=", "queued").execute();
}

export interface Decider {
  username: string;
  role: string;
  owner: string;
}

/**
 * Cancel: the items not yet taken up become `cancelled` (never sent); a bulk not yet started ends
 * at once, a running one when its worker has recorded the item in flight. False when it had
 * already finished or been cancelled.
 */
export async function cancelBulkRow(store: AuditStore, id: string, by: Decider, now: Date): Promise<boolean> {
  return storeOperation("cancel the bulk reset", () =>
    bulkDb(store)
      .transaction()
      .execute(async (tx) => {
        const at = iso(now);
        const moved = await tx
          .updateTable("bulk_resets")
          .set({
            cancelled_by: by.username,
            cancelled_at: at,
            status: sql<StoredBulkStatus>`case when status = 'running' then 'running' else 'cancelled' end`,
            finished_at: sql<string | null>`case when status = 'running' then finished_at else ${at} end`,
            approval_status: sql<BulkApproval["status"] | null>`case when status = 'awaiting_approval' then 'cancelled' else approval_status end`,
          })
          .where("id", "=", id)
          .where("status", "in", ["awaiting_approval", "queued", "running"])
          .where("cancelled_at", "is", null)
          .executeTakeFirst();
        if (moved.numUpdatedRows === BigInt(0)) return false;
        await cancelQueuedItems(tx, [id], at);
        return true;
      }),
  );
}

/** awaiting_approval → queued (approved) or rejected; false when no longer awaiting (or expired). */
export async function decideBulkRow(store: AuditStore, id: string, decision: "approved" | "rejected", by: Decider, comment: string | null, now: Date): Promise<boolean> {
  return storeOperation("decide the bulk reset", () =>
    bulkDb(store)
      .transaction()
      .execute(async (tx) => {
        const at = iso(now);
        const moved = await tx
          .updateTable("bulk_resets")
          .set({
            status: decision === "approved" ? "queued" : "rejected",
            approval_status: decision,
            decided_by: by.username,
            decided_role: by.role,
            decided_owner: by.owner,
            decided_at: at,
            decision_comment: comment,
            ...(decision === "rejected" ? { finished_at: at } : {}),
          })
          .where("id", "=", id)
          .where("status", "=", "awaiting_approval")
          .where("approval_expires_at", ">", at)
          .executeTakeFirst();
        if (moved.numUpdatedRows === BigInt(0)) return false;
        if (decision === "rejected") await cancelQueuedItems(tx, [id], at);
        return true;
      }),
  );
}

/** Bulks whose approval ran out become `expired` (judged whenever bulks are read or decided). */
export async function expireDueBulks(store: AuditStore, now: Date): Promise<void> {
  const at = iso(now);
  await storeOperation("expire bulk resets", () =>
    bulkDb(store)
      .transaction()
      .execute(async (tx) => {
        const expired = await tx
          .updateTable("bulk_resets")
          .set({ status: "expired", approval_status: "expired", finished_at: at })
          .where("status", "=", "awaiting_approval")
          .where("approval_expires_at", "<=", at)
          .returning("id")
          .execute();
        if (expired.length > 0) await cancelQueuedItems(tx, expired.map((r) => r.id), at);
      }),
  );
}

// Pacing --------------------------------------------------------------------------------------

/**
 * Reserve the account's next ResetDtsJob slot: one atomic upsert moves the account's `next_at`
 * on by one interval and answers the slot it reserved, so the pace holds across bulks and across
 * instances sharing the store (the database serialises the reservations).
 */
export async function reserveSlot(store: AuditStore, account: string, intervalMs: number, nowMs: number): Promise<number> {
  const db = bulkDb(store);
  const later =
    store.dialect === "postgres"
      ? sql<number>`greatest(bulk_pacing.next_at, cast(${nowMs} as bigint)) + cast(${intervalMs} as bigint)`
      : sql<number>`max(bulk_pacing.next_at, ${nowMs}) + ${intervalMs}`;
  const row = await storeOperation("pace the bulk's reset", () =>
    db
      .insertInto("bulk_pacing")
      .values({ account, next_at: nowMs + intervalMs })
      .onConflict((oc) => oc.column("account").doUpdateSet({ next_at: later }))
      .returning("next_at")
      .executeTakeFirstOrThrow(),
  );
  return Number(row.next_at) - intervalMs;
}

/**
 * A ResetDtsJob of the account went out at `sentAtMs`: the next one may not go before
 * `sentAtMs + intervalMs`, whatever slot it was given (a call that went out late moves the pace on).
 */
export async function markSent(store: AuditStore, account: string, intervalMs: number, sentAtMs: number): Promise<void> {
  const next = sentAtMs + intervalMs;
  const later = store.dialect === "postgres" ? sql<number>`greatest(next_at, cast(${next} as bigint))` : sql<number>`max(next_at, ${next})`;
  await storeOperation("pace the bulk's reset", () => bulkDb(store).updateTable("bulk_pacing").set({ next_at: later }).where("account", "=", account).execute());
}
