import "server-only";
// The bulk reset's use cases (issue 22): plan (a dry run), create, read, list, cancel, approve and
// reject. Creating a bulk reads every task fresh (through its account's quota gate), checks it as a
// single reset would, and writes the bulk and its items before anything is sent: items the plan
// found blocked are `skipped` with the single reset's refusal; the others carry what the plan saw
// (status and snapshot hash), so that a task that changed by its turn is skipped, not reset. The
// worker (worker.ts) then sends each item as an ordinary guarded reset.
import { createHash, randomUUID } from "node:crypto";
import { dtsFor, type ConsoleContext } from "@/lib/context";
import { ApprovalRefusal, AccessRefusal, BulkRefusal, DomainError, GuardRefusal, NotFoundError, ResetRefusal } from "@/lib/domain/errors";
import {
  bulkConfirmationMatches,
  countItems,
  FINAL_BULK_STATUSES,
  type BulkItemInput,
  type BulkItemResult,
  type BulkItemStatus,
  type BulkPlan,
  type BulkPlanItem,
  type BulkRequestResult,
  type BulkResetRequest,
  type BulkResult,
  type BulkStatus,
  type BulkSummary,
  type BulkTask,
  type ListBulkResetsQuery,
} from "@/lib/domain/bulk";
import { approvalFor } from "@/lib/domain/approvals";
import { directionTarget } from "@/lib/domain/reset-target";
import { DtsError } from "@/lib/dts/errors";
import { findTaskByJobId } from "@/lib/tasks/service";
import { checkResetAllowed } from "@/lib/reset/target";
import { snapshotHash } from "@/lib/guarded/snapshot-hash";
import { readApprovalPolicy } from "@/lib/approvals/store";
import type { Participant } from "@/lib/approvals/service";
import {
  cancelBulkRow,
  decideBulkRow,
  expireDueBulks,
  findBulkByIdempotencyKey,
  getBulkRow,
  insertBulk,
  itemsOf,
  listBulkRows,
  type BulkItemWithReset,
  type BulkRow,
  type NewBulkItem,
  type StoredBulkStatus,
} from "./store";

/** How many tasks a plan reads at once: the quota gate paces them; this bounds the queue. */
const PLAN_CONCURRENCY = 4;

interface ResolvedItem extends BulkItemInput {
  account: string;
}

interface PlannedItem extends BulkPlanItem {
  targetJobId: string | null;
  planStatus: string | null;
  planHash: string | null;
}

/** The refusal of one item, in the single reset's words. */
function blockedBy(error: unknown): { code: string; message: string } {
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  if (error instanceof DtsError) return { code: error.kind === "throttled" ? "dts_throttled" : "dts_error", message: error.message };
  throw error;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Every item names an account the console has (404 account_not_found before anything is read). */
function resolveItems(ctx: ConsoleContext, items: readonly BulkItemInput[]): ResolvedItem[] {
  const resolved = items.map((item) => ({ ...item, account: item.account ?? ctx.accounts.defaultAccount }));
  for (const account of new Set(resolved.map((i) => i.account))) dtsFor(ctx, account);
  return resolved;
}

/** Reads of a plan that DTS's quota turned away are tried again this often before the item counts as blocked. */
const PLAN_READ_TRIES = 4;

function isThrottled(error: unknown): error is DtsError {
  return error instanceof DtsError && error.kind === "throttled";
}

/**
 * Plans one item, trying again after DTS's wait when its quota turned a read away: a throttled
 * read says nothing about the task, so it must not make a resettable task look blocked.
 */
async function planItem(ctx: ConsoleContext, item: ResolvedItem, withSnapshot: boolean): Promise<PlannedItem> {
  for (let tryNo = 1; ; tryNo++) {
    const planned = await planItemOnce(ctx, item, withSnapshot);
    if (!planned.throttled || tryNo >= PLAN_READ_TRIES) return planned.item;
    await new Promise((resolve) => setTimeout(resolve, Math.max(planned.throttled!.details.retryAfterMs ?? 0, 250 * 2 ** tryNo)));
  }
}

/** Reads one task fresh and checks it as a single reset would; `withSnapshot` also reads the detail for the plan's hash. */
async function planItemOnce(ctx: ConsoleContext, item: ResolvedItem, withSnapshot: boolean): Promise<{ item: PlannedItem; throttled?: DtsError }> {
  const base = { account: item.account, region: item.region, jobId: item.jobId, instanceId: item.instanceId, direction: item.direction };
  let taskName: string | null = null;
  let status: string | null = null;
  let twoWay = false;
  try {
    const client = dtsFor(ctx, item.account);
    const { task, raw } = await findTaskByJobId(client, item.region, item.jobId, undefined, { fresh: true });
    taskName = task.name;
    twoWay = task.twoWay;
    const half = directionTarget(task, item.direction);
    status = half?.status ?? task.status;
    // The count is the batch's confirmation; each item's own ID is not asked for again.
    const target = checkResetAllowed(task, { ...base, confirmation: half?.jobId ?? "", reason: "plan" });
    let planHash: string | null = null;
    if (withSnapshot) {
      const detail = await client.getJobDetail({ region: item.region, jobId: task.jobId, instanceId: task.instanceId, direction: item.direction }, { fresh: true });
      planHash = snapshotHash(raw, detail.raw);
    }
    return { item: { ...base, taskName, status, twoWay, eligible: true, targetJobId: target.jobId, planStatus: target.status, planHash } };
  } catch (error) {
    const item: PlannedItem = { ...base, taskName, status, twoWay, eligible: false, blocked: blockedBy(error), targetJobId: null, planStatus: null, planHash: null };
    return isThrottled(error) ? { item, throttled: error } : { item };
  }
}

async function needsApproval(ctx: ConsoleContext, items: readonly PlannedItem[]): Promise<boolean> {
  if (ctx.settings.approval.required) return true;
  const policy = await readApprovalPolicy(ctx.store);
  return items.some((item) => approvalFor(false, policy, { account: item.account, region: item.region, name: item.taskName ?? "" }).required);
}

function taskOf(p: BulkTask): BulkTask {
  return { account: p.account, region: p.region, jobId: p.jobId, instanceId: p.instanceId, direction: p.direction, taskName: p.taskName };
}

function toPlan(items: readonly PlannedItem[], approvalRequired: boolean): BulkPlan {
  const publicItems = items.map((p): BulkPlanItem => ({
    ...taskOf(p),
    status: p.status,
    twoWay: p.twoWay,
    eligible: p.eligible,
    ...(p.blocked ? { blocked: p.blocked } : {}),
  }));
  const eligible = publicItems.filter((i) => i.eligible).length;
  return { items: publicItems, eligible, blocked: publicItems.length - eligible, approvalRequired };
}

/** The exact list asked for, as a hash: a replay must ask for the same list. */
function itemsHash(items: readonly ResolvedItem[]): string {
  const list = items.map((i) => [i.account, i.region, i.jobId, i.instanceId, i.direction]);
  return createHash("sha256").update(JSON.stringify(list)).digest("hex");
}

export type CreateOutcome =
  | { kind: "plan"; plan: BulkPlan }
  | { kind: "bulk"; bulk: BulkResult; request: BulkRequestResult | null; replayed: boolean };

/**
 * A dry run (`dryRun: true`) answers the plan and sends nothing. Otherwise the bulk is written
 * (queued, or awaiting approval when the policy asks for a second person for any of its tasks) and
 * the worker takes it from there. Nothing at all is read or written when the typed count is wrong.
 */
export async function createBulk(ctx: ConsoleContext, body: BulkResetRequest, creator: Participant): Promise<CreateOutcome> {
  if (!body.dryRun && !bulkConfirmationMatches(body.confirmation, body.items.length)) {
    throw new ResetRefusal("confirmation_mismatch", `Type the number of tasks to reset (${body.items.length}) to confirm.`);
  }
  const items = resolveItems(ctx, body.items);
  const hash = itemsHash(items);

  if (!body.dryRun && body.idempotencyKey) {
    const existing = await findBulkByIdempotencyKey(ctx.store, body.idempotencyKey);
    if (existing) return replayOf(ctx, existing, hash);
  }

  const planned = await mapLimited(items, PLAN_CONCURRENCY, (item) => planItem(ctx, item, !body.dryRun));
  const approvalRequired = await needsApproval(ctx, planned);
  if (body.dryRun) return { kind: "plan", plan: toPlan(planned, approvalRequired) };

  const id = randomUUID();
  const createdAt = ctx.now();
  const rows: NewBulkItem[] = planned.map((p) => ({
    ...taskOf(p),
    targetJobId: p.targetJobId,
    planStatus: p.planStatus,
    planHash: p.planHash,
    status: p.eligible ? "queued" : "skipped",
    errorCode: p.blocked?.code ?? null,
    errorMessage: p.blocked?.message ?? null,
  }));
  const inserted = await insertBulk(
    ctx.store,
    {
      id,
      idempotencyKey: body.idempotencyKey ?? null,
      status: approvalRequired ? "awaiting_approval" : "queued",
      reason: body.reason,
      creator,
      createdAt,
      callsPerSecond: ctx.settings.bulk.callsPerSecond,
      itemsHash: hash,
      approvalExpiresAt: approvalRequired ? new Date(createdAt.getTime() + ctx.settings.approval.ttlHours * 3_600_000) : null,
    },
    rows,
  );
  if (!inserted && body.idempotencyKey) {
    // The same key won a race meanwhile: that bulk is this request's answer.
    const existing = await findBulkByIdempotencyKey(ctx.store, body.idempotencyKey);
    if (existing) return replayOf(ctx, existing, hash);
  }
  const bulk = await getBulk(ctx, id);
  return { kind: "bulk", bulk, request: requestOf(bulk), replayed: false };
}

async function replayOf(ctx: ConsoleContext, existing: BulkRow, hash: string): Promise<CreateOutcome> {
  if (existing.items_hash !== hash) throw new GuardRefusal("idempotency_key_reused", "This idempotency key was already used for another list of tasks.");
  const bulk = await getBulk(ctx, existing.id);
  return { kind: "bulk", bulk, request: requestOf(bulk), replayed: true };
}

// Views ----------------------------------------------------------------------------------------

/** What an item is, from its row and (once sent) its reset record: the record is the truth. */
function itemStatus(item: BulkItemWithReset): BulkItemStatus {
  switch (item.status) {
    case "sent":
      switch (item.reset_status) {
        case "succeeded":
          return "succeeded";
        case "failed":
          return "failed";
        default:
          // pending or unknown: the answer was lost; reconciliation resolves the record.
          return "unknown";
      }
    default:
      return item.status;
  }
}

function toItemResult(item: BulkItemWithReset): BulkItemResult {
  const status = itemStatus(item);
  const fromRecord = item.status === "sent" && (status === "failed" || status === "unknown");
  const error = fromRecord
    ? { code: item.reset_error_code, message: item.reset_error_message, requestId: item.reset_request_id }
    : item.error_code || item.error_message
      ? { code: item.error_code, message: item.error_message, requestId: item.error_request_id }
      : null;
  return {
    position: item.position,
    account: item.account,
    region: item.region,
    jobId: item.job_id,
    instanceId: item.instance_id,
    direction: item.direction,
    taskName: item.task_name,
    status,
    resetId: item.reset_id,
    error: status === "queued" || status === "running" || status === "succeeded" ? null : error,
    throttled: item.tries,
    startedAt: item.started_at,
    finishedAt: item.status === "sent" ? (item.reset_finished_at ?? item.finished_at) : item.finished_at,
  };
}

/** The bulk's status as the API says it: a finished run is judged from its items' outcomes. */
function bulkStatus(stored: StoredBulkStatus, items: readonly BulkItemResult[]): BulkStatus {
  if (stored !== "finished") return stored;
  const counts = countItems(items);
  // Not finished while an outcome is unknown: reconciliation will say.
  if (counts.unknown > 0) return "running";
  if (counts.succeeded === items.length) return "succeeded";
  return counts.succeeded === 0 ? "failed" : "partial";
}

function toSummary(row: BulkRow, items: readonly BulkItemResult[]): BulkSummary {
  const status = bulkStatus(row.status, items);
  return {
    id: row.id,
    status,
    createdBy: row.created_by,
    createdByRole: row.created_role,
    reason: row.reason,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: FINAL_BULK_STATUSES.includes(status) ? row.finished_at : null,
    cancelledBy: row.cancelled_by,
    cancelledAt: row.cancelled_at,
    callsPerSecond: Number(row.calls_per_second),
    total: Number(row.total),
    counts: countItems(items),
    approval: row.approval_status
      ? {
          status: row.approval_status,
          expiresAt: row.approval_expires_at ?? row.created_at,
          decidedBy: row.decided_by ? { username: row.decided_by, role: row.decided_role ?? "" } : null,
          decidedAt: row.decided_at,
          comment: row.decision_comment,
        }
      : null,
  };
}

function requestOf(bulk: BulkResult): BulkRequestResult | null {
  if (!bulk.approval) return null;
  return {
    id: bulk.id,
    kind: "bulk",
    bulkId: bulk.id,
    status: bulk.approval.status,
    reason: bulk.reason,
    requestedBy: bulk.createdBy,
    requestedAt: bulk.createdAt,
    expiresAt: bulk.approval.expiresAt,
    total: bulk.total,
  };
}

function notFound(id: string): NotFoundError {
  return new NotFoundError("bulk_not_found", `No bulk reset ${id}.`);
}

export async function getBulk(ctx: Pick<ConsoleContext, "store" | "now">, id: string): Promise<BulkResult> {
  await expireDueBulks(ctx.store, ctx.now());
  const row = await getBulkRow(ctx.store, id);
  if (!row) throw notFound(id);
  const items = ((await itemsOf(ctx.store, [id])).get(id) ?? []).map(toItemResult);
  return { ...toSummary(row, items), items };
}

/** Stored statuses a listed status can come from (a finished run's outcome is judged from its items). */
const STORED_FOR: Record<BulkStatus, StoredBulkStatus[]> = {
  awaiting_approval: ["awaiting_approval"],
  rejected: ["rejected"],
  expired: ["expired"],
  queued: ["queued"],
  running: ["running", "finished"],
  succeeded: ["finished"],
  partial: ["finished"],
  failed: ["finished"],
  cancelled: ["cancelled"],
};

export async function listBulks(ctx: Pick<ConsoleContext, "store" | "now">, query: ListBulkResetsQuery): Promise<{ items: BulkSummary[]; total: number }> {
  await expireDueBulks(ctx.store, ctx.now());
  const needsJudging = query.status !== undefined && STORED_FOR[query.status].includes("finished");
  if (!needsJudging) {
    const { rows, total } = await listBulkRows(ctx.store, query.status ? { status: STORED_FOR[query.status] } : {}, query.page, query.pageSize);
    const items = await itemsOf(ctx.store, rows.map((r) => r.id));
    return { items: rows.map((row) => toSummary(row, (items.get(row.id) ?? []).map(toItemResult))), total };
  }
  // A finished run's status comes from its items: judge them all, then page (bulks are few).
  const { rows } = await listBulkRows(ctx.store, { status: STORED_FOR[query.status!] }, 1, 10_000);
  const items = await itemsOf(ctx.store, rows.map((r) => r.id));
  const matching = rows.map((row) => toSummary(row, (items.get(row.id) ?? []).map(toItemResult))).filter((b) => b.status === query.status);
  const start = (query.page - 1) * query.pageSize;
  return { items: matching.slice(start, start + query.pageSize), total: matching.length };
}

// Decisions ------------------------------------------------------------------------------------

function isSelf(row: BulkRow, person: Participant): boolean {
  return row.created_owner === person.owner || row.created_by === person.username || row.created_owner === person.username;
}

function notAwaiting(bulk: BulkResult): ApprovalRefusal {
  const data = { bulk: { id: bulk.id, status: bulk.status } };
  if (bulk.status === "expired") return new ApprovalRefusal("request_expired", `This bulk reset's request expired at ${bulk.approval?.expiresAt} without a decision.`, data);
  return new ApprovalRefusal("request_not_pending", `This bulk reset is ${bulk.status}${bulk.approval?.decidedBy ? ` (decided by ${bulk.approval.decidedBy.username})` : ""}: it is not waiting for approval.`, data);
}

/**
 * Approve: another operator or admin than the requester (API tokens count as their creator). The
 * bulk is then queued; each item is re-checked at its turn against what the plan saw.
 */
export async function approveBulk(ctx: ConsoleContext, id: string, reviewer: Participant, comment: string | null): Promise<BulkResult> {
  const row = await loadRow(ctx, id);
  if (isSelf(row, reviewer)) throw new ApprovalRefusal("self_approval", "You asked for this bulk reset: another operator or admin must approve it.");
  const moved = await decideBulkRow(ctx.store, id, "approved", reviewer, comment, ctx.now());
  const bulk = await getBulk(ctx, id);
  if (!moved) throw notAwaiting(bulk);
  return bulk;
}

export async function rejectBulk(ctx: ConsoleContext, id: string, reviewer: Participant, comment: string): Promise<BulkResult> {
  const row = await loadRow(ctx, id);
  if (isSelf(row, reviewer)) throw new ApprovalRefusal("self_approval", "You asked for this bulk reset: cancel it instead, or let another operator or admin decide.");
  const moved = await decideBulkRow(ctx.store, id, "rejected", reviewer, comment, ctx.now());
  const bulk = await getBulk(ctx, id);
  if (!moved) throw notAwaiting(bulk);
  return bulk;
}

/**
 * Cancel: the items not yet sent become `cancelled` and are never sent; an item in flight finishes
 * and is recorded. While awaiting approval only the requester may cancel (withdraw) it.
 */
export async function cancelBulk(ctx: ConsoleContext, id: string, person: Participant): Promise<BulkResult> {
  const row = await loadRow(ctx, id);
  if (row.status === "awaiting_approval" && !isSelf(row, person)) {
    throw new AccessRefusal("forbidden", `Only ${row.created_by}, who asked for this bulk reset, can withdraw it; reject it instead.`);
  }
  const moved = await cancelBulkRow(ctx.store, id, person, ctx.now());
  const bulk = await getBulk(ctx, id);
  if (!moved) {
    throw new BulkRefusal("bulk_not_cancellable", bulk.cancelledAt ? `This bulk reset was already cancelled by ${bulk.cancelledBy}.` : `This bulk reset is ${bulk.status}: there is nothing left to cancel.`, {
      bulk: { id: bulk.id, status: bulk.status },
    });
  }
  return bulk;
}

async function loadRow(ctx: ConsoleContext, id: string): Promise<BulkRow> {
  await expireDueBulks(ctx.store, ctx.now());
  const row = await getBulkRow(ctx.store, id);
  if (!row) throw notFound(id);
  return row;
}
