import "server-only";
// The reset_requests, reset_request_events and approval_settings tables (migration
// 0005_reset_requests) and their queries. Every transition is one conditional UPDATE ... WHERE
// status = <expected> RETURNING, with its event, in one transaction: of concurrent deciders
// exactly one moves a request, on SQLite and across PostgreSQL instances alike.
import { randomUUID } from "node:crypto";
import type { ColumnType, Kysely, Selectable, Transaction } from "kysely";
import type { AuditStore } from "@/lib/db/store";
import { storeOperation } from "@/lib/audit/errors";
import { resetSubjectOf, type AuditDatabase, type Immutable, type JsonObject, type ResetSubjectColumns } from "@/lib/audit/schema";
import {
  approvalPolicySchema,
  DEFAULT_APPROVAL_POLICY,
  type ApprovalPolicy,
  type ResetRequestEvent,
  type ResetRequestEventType,
  type ResetRequestResult,
  type ResetRequestStatus,
} from "@/lib/domain/approvals";
import type { ResetApproval, ResetSubject } from "@/lib/domain/reset-record";
import { recordNotification, requestNotification } from "@/lib/notify/outbox";


export interface ResetRequestsTable extends ResetSubjectColumns {
  status: ResetRequestStatus;
  task_status: Immutable<string>;
  requester_username: Immutable<string>;
  requester_role: Immutable<string>;
  requester_owner: Immutable<string>;
  requester_address: Immutable<string | null>;
  requester_user_agent: Immutable<string | null>;
  requested_at: Immutable<string>;
  expires_at: Immutable<string>;
  snapshot_job: Immutable<string>;
  snapshot_detail: Immutable<string>;
  snapshot_hash: Immutable<string>;
  decided_by: string | null;
  decided_role: string | null;
  decided_owner: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  reset_attempt_id: string | null;
  notice_status: ColumnType<"none" | "sent" | "failed", "none" | "sent" | "failed" | undefined, "none" | "sent" | "failed">;
  notice_error: string | null;
}

export interface ResetRequestEventsTable {
  id: Immutable<string>;
  request_id: Immutable<string>;
  at: Immutable<string>;
  type: Immutable<ResetRequestEventType>;
  actor_username: Immutable<string | null>;
  actor_role: Immutable<string | null>;
  comment: Immutable<string | null>;
  detail: Immutable<string>;
}

export interface ApprovalSettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string;
}

export type ApprovalTables = {
  reset_requests: ResetRequestsTable;
  reset_request_events: ResetRequestEventsTable;
  approval_settings: ApprovalSettingsTable;
};

type Db = Kysely<AuditDatabase & ApprovalTables>;
type Tx = Transaction<AuditDatabase & ApprovalTables>;

function approvalDb(store: AuditStore): Db {
  return store.db.withTables<ApprovalTables>();
}

export type ResetRequestRow = Selectable<ResetRequestsTable>;

/** A stored request, with the snapshots parsed. */
export interface StoredResetRequest extends ResetRequestResult {
  requesterOwner: string;
  requestedFrom: { address: string | null; userAgent: string | null };
  decidedOwner: string | null;
  snapshotJob: JsonObject;
  snapshotDetail: JsonObject;
}

export interface NewResetRequest extends ResetSubject {
  idempotencyKey: string | null;
  taskStatus: string;
  requester: { username: string; role: string; owner: string; address: string | null; userAgent: string | null };
  requestedAt: Date;
  expiresAt: Date;
  snapshotJob: JsonObject;
  snapshotDetail: JsonObject;
  snapshotHash: string;
}

export interface EventActor {
  username: string;
  role: string;
}

function parseJson(text: string): JsonObject {
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as JsonObject) : {};
}

function toRequest(row: ResetRequestRow, events: ResetRequestEvent[]): StoredResetRequest {
  return {
    id: row.id,
    status: row.status,
    ...resetSubjectOf(row),
    taskStatus: row.task_status,
    snapshotHash: row.snapshot_hash,
    requestedBy: { username: row.requester_username, role: row.requester_role },
    requesterOwner: row.requester_owner,
    requestedFrom: { address: row.requester_address, userAgent: row.requester_user_agent },
    requestedAt: row.requested_at,
    expiresAt: row.expires_at,
    decidedBy: row.decided_by ? { username: row.decided_by, role: row.decided_role ?? "" } : null,
    decidedOwner: row.decided_owner,
    decidedAt: row.decided_at,
    decisionComment: row.decision_comment,
    resetId: row.reset_attempt_id,
    notice: { status: row.notice_status, error: row.notice_error },
    events,
    snapshotJob: parseJson(row.snapshot_job),
    snapshotDetail: parseJson(row.snapshot_detail),
  };
}

function toEvent(row: Selectable<ResetRequestEventsTable>): ResetRequestEvent {
  return {
    id: row.id,
    at: row.at,
    type: row.type,
    actor: row.actor_username ? { username: row.actor_username, role: row.actor_role ?? "" } : null,
    comment: row.comment,
    detail: parseJson(row.detail),
  };
}

async function insertEvent(db: Db | Tx, requestId: string, type: ResetRequestEventType, at: Date, actor: EventActor | null, comment: string | null, detail: JsonObject = {}): Promise<void> {
  await db
    .insertInto("reset_request_events")
    .values({
      id: randomUUID(),
      request_id: requestId,
      at: at.toISOString(),
      type,
      actor_username: actor?.username ?? null,
      actor_role: actor?.role ?? null,
      comment,
      detail: JSON.stringify(detail),
    })
    .execute();
}

async function eventsOf(db: Db | Tx, ids: string[]): Promise<Map<string, ResetRequestEvent[]>> {
  const byRequest = new Map<string, ResetRequestEvent[]>();
  if (ids.length === 0) return byRequest;
  const rows = await db.selectFrom("reset_request_events").selectAll().where("request_id", "in", ids).orderBy("at").orderBy("id").execute();
  for (const row of rows) {
    const list = byRequest.get(row.request_id) ?? [];
    list.push(toEvent(row));
    byRequest.set(row.request_id, list);
  }
  // Same timestamp: keep the natural order of a request's life.
  const order = ["requested", "notice_sent", "notice_failed", "approved", "rejected", "cancelled", "expired", "invalidated", "reset_recorded"];
  for (const list of byRequest.values()) list.sort((a, b) => a.at.localeCompare(b.at) || order.indexOf(a.type) - order.indexOf(b.type));
  return byRequest;
}

export async function insertResetRequest(store: AuditStore, input: NewResetRequest): Promise<StoredResetRequest> {
  return storeOperation("write a reset request", async () => {
    const id = randomUUID();
    await approvalDb(store)
      .transaction()
      .execute(async (tx) => {
        await tx
          .insertInto("reset_requests")
          .values({
            id,
            idempotency_key: input.idempotencyKey,
            status: "pending",
            account: input.account,
            job_id: input.jobId,
            instance_id: input.instanceId,
            region: input.region,
            job_type: input.jobType,
            task_name: input.taskName,
            direction: input.direction,
            reset_job_id: input.resetJobId,
            reason: input.reason,
            task_status: input.taskStatus,
            requester_username: input.requester.username,
            requester_role: input.requester.role,
            requester_owner: input.requester.owner,
            requester_address: input.requester.address,
            requester_user_agent: input.requester.userAgent,
            requested_at: input.requestedAt.toISOString(),
            expires_at: input.expiresAt.toISOString(),
            snapshot_job: JSON.stringify(input.snapshotJob),
            snapshot_detail: JSON.stringify(input.snapshotDetail),
            snapshot_hash: input.snapshotHash,
            decided_by: null,
            decided_role: null,
            decided_owner: null,
            decided_at: null,
            decision_comment: null,
            reset_attempt_id: null,
            notice_error: null,
          })
          .execute();
        await insertEvent(tx, id, "requested", input.requestedAt, { username: input.requester.username, role: input.requester.role }, null, {
          snapshotHash: input.snapshotHash,
          taskStatus: input.taskStatus,
        });
        await recordNotification(
          tx,
          requestNotification(
            "reset.requested",
            { id, account: input.account, job_id: input.jobId, task_name: input.taskName, region: input.region, direction: input.direction, reset_job_id: input.resetJobId, reason: input.reason, requester_username: input.requester.username, expires_at: input.expiresAt.toISOString() },
            input.requestedAt,
            input.requester.username,
            null,
          ),
        );
      });
    return (await getResetRequest(store, id))!;
  });
}

export async function findRequestByIdempotencyKey(store: AuditStore, key: string): Promise<StoredResetRequest | null> {
  return storeOperation("read a reset request", async () => {
    const row = await approvalDb(store).selectFrom("reset_requests").select("id").where("idempotency_key", "=", key).executeTakeFirst();
    return row ? getResetRequest(store, row.id) : null;
  });
}

export async function getResetRequest(store: AuditStore, id: string): Promise<StoredResetRequest | null> {
  return storeOperation("read a reset request", async () => {
    const db = approvalDb(store);
    const row = await db.selectFrom("reset_requests").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return null;
    return toRequest(row, (await eventsOf(db, [id])).get(id) ?? []);
  });
}

/** The reset request an attempt was made for, if any. */
export async function findRequestByResetId(store: AuditStore, resetId: string): Promise<StoredResetRequest | null> {
  return storeOperation("read a reset request", async () => {
    const row = await approvalDb(store).selectFrom("reset_requests").select("id").where("reset_attempt_id", "=", resetId).executeTakeFirst();
    return row ? getResetRequest(store, row.id) : null;
  });
}

/** Pending first (oldest first: the one waiting longest), then the history, newest first. */
export async function listResetRequests(store: AuditStore, filter: { status?: ResetRequestStatus; limit?: number }): Promise<StoredResetRequest[]> {
  return storeOperation("read reset requests", async () => {
    const db = approvalDb(store);
    let query = db.selectFrom("reset_requests").selectAll();
    if (filter.status) query = query.where("status", "=", filter.status);
    const rows = await query.orderBy("requested_at", "desc").orderBy("id", "desc").limit(filter.limit ?? 200).execute();
    const pending = rows.filter((r) => r.status === "pending").reverse();
    const rest = rows.filter((r) => r.status !== "pending");
    const events = await eventsOf(db, rows.map((r) => r.id));
    return [...pending, ...rest].map((row) => toRequest(row, events.get(row.id) ?? []));
  });
}

export async function countPending(store: AuditStore, now: Date): Promise<number> {
  return storeOperation("count reset requests", async () => {
    const row = await approvalDb(store)
      .selectFrom("reset_requests")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where("status", "=", "pending")
      .where("expires_at", ">", now.toISOString())
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  });
}

export interface Transition {
  from: ResetRequestStatus;
  to: Exclude<ResetRequestStatus, "pending">;
  at: Date;
  actor: (EventActor & { owner: string }) | null;
  comment: string | null;
  detail?: JsonObject;
}

/**
 * Moves a request from `from` to `to`, with its event, if and only if it is still `from`: one
 * conditional UPDATE ... RETURNING. Returns false when another decision got there first.
 */
export async function transitionRequest(store: AuditStore, id: string, transition: Transition): Promise<boolean> {
  return storeOperation("decide a reset request", () =>
    approvalDb(store)
      .transaction()
      .execute(async (tx) => {
        const decision =
          transition.from === "pending"
            ? {
                decided_by: transition.actor?.username ?? "system",
                decided_role: transition.actor?.role ?? "system",
                decided_owner: transition.actor?.owner ?? "system",
                decided_at: transition.at.toISOString(),
                decision_comment: transition.comment,
              }
            : {};
        const moved = await tx
          .updateTable("reset_requests")
          .set({ status: transition.to, ...decision })
          .where("id", "=", id)
          .where("status", "=", transition.from)
          .returningAll()
          .executeTakeFirst();
        if (!moved) return false;
        await insertEvent(tx, id, transition.to, transition.at, transition.actor, transition.comment, transition.detail ?? {});
        // The team hears of a decision in the same commit (an invalidation is the operator's to see on the page).
        if (transition.to !== "invalidated") {
          await recordNotification(tx, requestNotification(`reset.${transition.to}`, moved, transition.at, transition.actor?.username ?? null, transition.comment));
        }
        return true;
      }),
  );
}

/** Expires every pending request whose time is up (lazily, on each read and decision). */
export async function expireDue(store: AuditStore, now: Date): Promise<number> {
  return storeOperation("expire reset requests", async () => {
    const due = await approvalDb(store)
      .selectFrom("reset_requests")
      .select("id")
      .where("status", "=", "pending")
      .where("expires_at", "<=", now.toISOString())
      .execute();
    let expired = 0;
    for (const { id } of due) {
      const moved = await transitionRequest(store, id, { from: "pending", to: "expired", at: now, actor: null, comment: null, detail: { reason: "ttl" } });
      if (moved) expired++;
    }
    return expired;
  });
}

/** Links the reset attempt an approval made (once). */
export async function linkResetAttempt(store: AuditStore, id: string, resetId: string, at: Date, detail: JsonObject): Promise<void> {
  await storeOperation("link a reset to its request", () =>
    approvalDb(store)
      .transaction()
      .execute(async (tx) => {
        const linked = await tx
          .updateTable("reset_requests")
          .set({ reset_attempt_id: resetId })
          .where("id", "=", id)
          .where("status", "=", "approved")
          .where("reset_attempt_id", "is", null)
          .returning("id")
          .executeTakeFirst();
        if (linked) await insertEvent(tx, id, "reset_recorded", at, null, null, { resetId, ...detail });
      }),
  );
}

/**
 * The approved requests behind these reset records, by reset ID: who asked, who approved and when.
 * A reset that ran on an approval is recorded as the requester's; this is where the approver is.
 */
export async function approvalsOfResets(store: AuditStore, resetIds: readonly string[]): Promise<Map<string, ResetApproval>> {
  const found = new Map<string, ResetApproval>();
  if (resetIds.length === 0) return found;
  const rows = await storeOperation("read the approvals of resets", async () => {
    const out: Pick<ResetRequestRow, "id" | "reset_attempt_id" | "requester_username" | "decided_by" | "decided_at">[] = [];
    // Chunked: SQLite allows at most 32766 bound parameters per statement.
    for (let i = 0; i < resetIds.length; i += 500) {
      out.push(
        ...(await approvalDb(store)
          .selectFrom("reset_requests")
          .select(["id", "reset_attempt_id", "requester_username", "decided_by", "decided_at"])
          .where("reset_attempt_id", "in", resetIds.slice(i, i + 500))
          .execute()),
      );
    }
    return out;
  });
  for (const row of rows) {
    if (!row.reset_attempt_id || !row.decided_by) continue;
    found.set(row.reset_attempt_id, { requestId: row.id, requestedBy: row.requester_username, approvedBy: row.decided_by, approvedAt: row.decided_at });
  }
  return found;
}

export async function recordNotice(store: AuditStore, id: string, at: Date, result: { ok: true } | { ok: false; error: string }): Promise<void> {
  await storeOperation("record a notice", () =>
    approvalDb(store)
      .transaction()
      .execute(async (tx) => {
        await tx
          .updateTable("reset_requests")
          .set({ notice_status: result.ok ? "sent" : "failed", notice_error: result.ok ? null : result.error })
          .where("id", "=", id)
          .execute();
        await insertEvent(tx, id, result.ok ? "notice_sent" : "notice_failed", at, null, null, result.ok ? {} : { error: result.error });
      }),
  );
}

const POLICY_KEY = "approval_policy";

export async function readApprovalPolicy(store: AuditStore): Promise<ApprovalPolicy & { updatedAt: string | null; updatedBy: string | null }> {
  return storeOperation("read the approval policy", async () => {
    const row = await approvalDb(store).selectFrom("approval_settings").selectAll().where("key", "=", POLICY_KEY).executeTakeFirst();
    if (!row) return { ...DEFAULT_APPROVAL_POLICY, updatedAt: null, updatedBy: null };
    const parsed = approvalPolicySchema.safeParse(JSON.parse(row.value));
    // Fail closed: an unreadable setting requires approval for everything.
    const policy: ApprovalPolicy = parsed.success ? parsed.data : { mode: "all", accounts: [], regions: [], namePatterns: [] };
    return { ...policy, updatedAt: row.updated_at, updatedBy: row.updated_by };
  });
}

export async function writeApprovalPolicy(store: AuditStore, policy: ApprovalPolicy, by: string, at: Date): Promise<void> {
  await storeOperation("write the approval policy", () =>
    approvalDb(store)
      .insertInto("approval_settings")
      .values({ key: POLICY_KEY, value: JSON.stringify(policy), updated_at: at.toISOString(), updated_by: by })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(policy), updated_at: at.toISOString(), updated_by: by }))
      .execute(),
  );
}
