import "server-only";
// Two-person approval of resets (issue 13): request, approve-and-reset, reject, cancel, expire.
// A request is decided by one conditional UPDATE (lib/approvals/store.ts), so concurrent
// decisions leave one outcome; an approval then goes through performReset, the same guarded
// operation as a direct reset, with an idempotency key derived from the request (at most one
// ResetDtsJob) and the snapshot hash it was approved on, checked again under the task's claim.
import type { AuditStore } from "@/lib/db/store";
import { dtsFor, type ApprovalSettings, type ConsoleContext } from "@/lib/context";
import { GuardRefusal } from "@/lib/domain/errors";
import { findByIdempotencyKey } from "@/lib/audit/reset-queries";
import type { ResetActor, ResetRecord } from "@/lib/audit/schema";
import { findApiToken } from "@/lib/auth/store/api-tokens";
import type { Principal } from "@/lib/auth/actors";
import { approvalFor, type ApprovalDecision, type ResetRequestResult } from "@/lib/domain/approvals";
import { AccessRefusal, ApprovalRefusal, DomainError, DtsCallFailed, NotFoundError } from "@/lib/domain/errors";
import type { ResetRequest } from "@/lib/domain/reset";
import { directionTarget } from "@/lib/domain/reset-target";
import { findTaskByJobId } from "@/lib/tasks/service";
import { performReset, resetRef } from "@/lib/reset/perform-reset";
import { checkResetAllowed } from "@/lib/reset/target";
import { snapshotHash } from "@/lib/guarded/snapshot-hash";
import {
  expireDue,
  findRequestByIdempotencyKey,
  getResetRequest,
  insertResetRequest,
  linkResetAttempt,
  listResetRequests,
  readApprovalPolicy,
  transitionRequest,
  type StoredResetRequest,
} from "./store";

export type { ApprovalSettings } from "@/lib/context";

/** Who acts on a request: the principal, the account answerable for it, where from. */
export interface Participant {
  username: string;
  role: string;
  /** The account: the username, or an API token's creator (a token acts for whoever made it). */
  owner: string;
  address: string | null;
  userAgent: string | null;
}


/** The account answerable for a principal: an API token's creator, else the account itself. */
export async function ownerOf(store: AuditStore, principal: Principal): Promise<string> {
  if (principal.kind !== "api_token") return principal.username;
  const token = await findApiToken(store, principal.id);
  return token?.createdBy ?? principal.username;
}

export async function policyForTask(store: AuditStore, settings: Pick<ApprovalSettings, "required">, task: { account: string; region: string; name: string }): Promise<ApprovalDecision> {
  return approvalFor(settings.required, await readApprovalPolicy(store), task);
}

function notFound(id: string): NotFoundError {
  return new NotFoundError("reset_request_not_found", `No reset request ${id}.`);
}

/** Why a request that is no longer pending cannot be decided. */
function notPending(request: StoredResetRequest): ApprovalRefusal {
  const data = { request: publicRequest(request) };
  switch (request.status) {
    case "expired":
      return new ApprovalRefusal("request_expired", `This request expired at ${request.expiresAt} without a decision. The operator can ask again.`, data);
    case "invalidated":
      return new ApprovalRefusal("request_invalidated", "The task changed since this request was made, so it can no longer be approved. The operator must ask again.", data);
    default:
      return new ApprovalRefusal("request_not_pending", `This request is already ${request.status}${request.decidedBy ? ` (by ${request.decidedBy.username})` : ""}.`, data);
  }
}

/** A request as the API answers it: no snapshot, no owner, no addresses. */
export function publicRequest(request: StoredResetRequest): ResetRequestResult {
  return {
    id: request.id,
    status: request.status,
    account: request.account,
    jobId: request.jobId,
    instanceId: request.instanceId,
    region: request.region,
    jobType: request.jobType,
    taskName: request.taskName,
    direction: request.direction,
    resetJobId: request.resetJobId,
    reason: request.reason,
    taskStatus: request.taskStatus,
    snapshotHash: request.snapshotHash,
    requestedBy: request.requestedBy,
    requestedAt: request.requestedAt,
    expiresAt: request.expiresAt,
    decidedBy: request.decidedBy,
    decidedAt: request.decidedAt,
    decisionComment: request.decisionComment,
    resetId: request.resetId,
    notice: request.notice,
    events: request.events,
  };
}

/** With the snapshots: the single-request answer, so the reviewer sees what the requester saw. */
export function requestDetail(request: StoredResetRequest) {
  return { ...publicRequest(request), snapshot: { job: request.snapshotJob, detail: request.snapshotDetail } };
}

async function load(deps: ConsoleContext, id: string): Promise<StoredResetRequest> {
  await expireDue(deps.store, deps.now());
  const request = await getResetRequest(deps.store, id);
  if (!request) throw notFound(id);
  return request;
}

export async function getRequest(deps: Pick<ConsoleContext, "store" | "now">, id: string): Promise<StoredResetRequest | null> {
  await expireDue(deps.store, deps.now());
  return getResetRequest(deps.store, id);
}

export async function listRequests(deps: Pick<ConsoleContext, "store" | "now">, filter: Parameters<typeof listResetRequests>[1]): Promise<StoredResetRequest[]> {
  await expireDue(deps.store, deps.now());
  return listResetRequests(deps.store, filter);
}

export interface RequestOutcome {
  request: StoredResetRequest;
  replayed: boolean;
}

/**
 * Records a request to reset instead of resetting: the task is re-read fresh and checked as a
 * reset would be (direction, status, typed confirmation), its snapshot and hash are kept, and
 * nothing is sent to DTS.
 */
export async function requestReset(deps: ConsoleContext, jobId: string, body: ResetRequest, requester: Participant): Promise<RequestOutcome> {
  const now = () => deps.now();
  const ref = resetRef(deps, body);
  if (body.idempotencyKey) {
    const existing = await findRequestByIdempotencyKey(deps.store, body.idempotencyKey);
    if (existing) {
      if (existing.account !== ref.account || existing.jobId !== jobId || existing.instanceId !== body.instanceId || existing.direction !== body.direction) {
        throw new GuardRefusal("idempotency_key_reused", "This idempotency key was already used for another task or direction.");
      }
      return { request: existing, replayed: true };
    }
  }
  const client = dtsFor(deps, ref.account);
  const { task, raw } = await findTaskByJobId(client, body.region, jobId, undefined, { fresh: true });
  const target = checkResetAllowed(task, body);
  const detail = await client.getJobDetail({ region: body.region, jobId: task.jobId, instanceId: task.instanceId, direction: body.direction }, { fresh: true });
  const requestedAt = now();
  const request = await insertResetRequest(deps.store, {
    idempotencyKey: body.idempotencyKey ?? null,
    account: ref.account,
    jobId: task.jobId,
    instanceId: task.instanceId,
    region: body.region,
    jobType: task.type,
    taskName: task.name,
    direction: body.direction,
    resetJobId: target.jobId,
    reason: body.reason,
    taskStatus: target.status,
    requester,
    requestedAt,
    expiresAt: new Date(requestedAt.getTime() + deps.settings.approval.ttlHours * 3_600_000),
    snapshotJob: raw,
    snapshotDetail: detail.raw,
    snapshotHash: snapshotHash(raw, detail.raw),
  });
  // The team hears of it through the outbox (reset.requested, written with the request):
  // APPROVAL_WEBHOOK_URL is one of the channels, and its outcome is recorded on the request.
  return { request, replayed: false };
}

function isSelf(request: StoredResetRequest, reviewer: Participant): boolean {
  return request.requesterOwner === reviewer.owner || request.requestedBy.username === reviewer.username || request.requesterOwner === reviewer.username;
}

const SELF = "You made this request: another operator or admin must approve it.";

/** What changed since the request, read fresh from DTS; null when nothing did. */
async function whatChanged(deps: ConsoleContext, request: StoredResetRequest): Promise<string | null> {
  const client = dtsFor(deps, request.account);
  let found;
  try {
    found = await findTaskByJobId(client, request.region, request.jobId, undefined, { fresh: true });
  } catch (error) {
    if (error instanceof NotFoundError) return `Task ${request.jobId} no longer exists in ${request.region} (its ID may have changed).`;
    throw error;
  }
  const { task, raw } = found;
  if (task.instanceId !== request.instanceId) return `Task ${request.jobId} now belongs to instance ${task.instanceId}.`;
  const target = directionTarget(task, request.direction);
  if (!target) return `Task ${request.jobId} no longer has a ${request.direction} direction.`;
  if (target.jobId !== request.resetJobId) return `The ${request.direction} task ID changed from ${request.resetJobId} to ${target.jobId}.`;
  if (target.status !== request.taskStatus) return `The task's status changed from ${request.taskStatus} to ${target.status}.`;
  const detail = await client.getJobDetail({ region: request.region, jobId: task.jobId, instanceId: task.instanceId, direction: request.direction }, { fresh: true });
  if (snapshotHash(raw, detail.raw) !== request.snapshotHash) return "The task's configuration changed since the request (its snapshot no longer matches).";
  return null;
}

async function reload(deps: ConsoleContext, id: string): Promise<StoredResetRequest> {
  return (await getResetRequest(deps.store, id)) ?? (() => { throw notFound(id); })();
}

export interface ApproveOutcome {
  request: StoredResetRequest;
  reset: ResetRecord;
}

/**
 * "Approve and reset": refuses the requester (403 self_approval, API tokens counted as their
 * creator), re-reads the task and invalidates the request if it changed, else moves the request to
 * approved (exactly one reviewer wins) and resets through performReset, recorded as the
 * requester's reset and linked to the request, which names the approver.
 */
export async function approveRequest(deps: ConsoleContext, id: string, reviewer: Participant, comment: string | null, receivedAt: Date = deps.now()): Promise<ApproveOutcome> {
  const now = () => deps.now();
  let request = await load(deps, id);
  if (isSelf(request, reviewer)) throw new ApprovalRefusal("self_approval", SELF);
  if (request.status !== "pending") throw notPending(request);

  const changed = await whatChanged(deps, request);
  const actor = { username: reviewer.username, role: reviewer.role, owner: reviewer.owner };
  if (changed) {
    const moved = await transitionRequest(deps.store, id, { from: "pending", to: "invalidated", at: now(), actor, comment, detail: { reason: changed } });
    request = await reload(deps, id);
    if (!moved) throw notPending(request);
    throw new ApprovalRefusal("request_invalidated", `${changed} Nothing was sent to DTS; the operator must ask again.`, { request: publicRequest(request) });
  }
  const moved = await transitionRequest(deps.store, id, { from: "pending", to: "approved", at: now(), actor, comment });
  if (!moved) throw notPending(await reload(deps, id));

  const idempotencyKey = `approval-${request.id}`;
  const resetActor: ResetActor = {
    username: request.requestedBy.username,
    role: request.requestedBy.role,
    address: request.requestedFrom.address,
    userAgent: request.requestedFrom.userAgent,
  };
  const body: ResetRequest = {
    account: request.account,
    region: request.region as ResetRequest["region"],
    instanceId: request.instanceId,
    direction: request.direction,
    confirmation: request.resetJobId,
    reason: request.reason,
    idempotencyKey,
  };
  const link = (resetId: string) => linkResetAttempt(deps.store, id, resetId, now(), { approvedBy: reviewer.username });
  try {
    // The hash the approver approved is checked again under the claim: a change between the check
    // above and the claim refuses the reset (task_changed), and the request is invalidated below.
    const { record } = await performReset(deps, request.jobId, body, resetActor, receivedAt, { approved: { status: request.taskStatus, snapshotHash: request.snapshotHash } });
    await link(record.id);
    return { request: await reload(deps, id), reset: record };
  } catch (error) {
    if (error instanceof DtsCallFailed) {
      const resetId = (error.data.reset as { id?: string } | undefined)?.id;
      if (resetId) await link(resetId).catch(() => undefined);
      const latest = await reload(deps, id).catch(() => request);
      throw new DtsCallFailed(error.code, error.message, { ...error.data, request: publicRequest(latest) }, { cause: error });
    }
    // Nothing was sent, unless an attempt was recorded (then it is linked and the error stands).
    const attempt = await findByIdempotencyKey(deps.store, idempotencyKey).catch(() => null);
    if (attempt) {
      await link(attempt.id).catch(() => undefined);
      throw error;
    }
    const why = error instanceof DomainError ? error.message : "The reset could not be started.";
    const code = error instanceof DomainError ? error.code : "internal_error";
    const invalidated = await transitionRequest(deps.store, id, { from: "approved", to: "invalidated", at: now(), actor: null, comment: null, detail: { reason: why, code } }).catch(() => false);
    if (!invalidated) throw error;
    throw new ApprovalRefusal("request_invalidated", `The reset was refused before anything was sent to DTS: ${why} The operator must ask again.`, {
      request: publicRequest(await reload(deps, id)),
      cause: code,
    });
  }
}

export async function rejectRequest(deps: ConsoleContext, id: string, reviewer: Participant, comment: string): Promise<StoredResetRequest> {
  const request = await load(deps, id);
  if (isSelf(request, reviewer)) throw new ApprovalRefusal("self_approval", "You made this request: cancel it instead, or let another operator or admin decide.");
  if (request.status !== "pending") throw notPending(request);
  const moved = await transitionRequest(deps.store, id, { from: "pending", to: "rejected", at: deps.now(), actor: { username: reviewer.username, role: reviewer.role, owner: reviewer.owner }, comment });
  const latest = await reload(deps, id);
  if (!moved) throw notPending(latest);
  return latest;
}

export async function cancelRequest(deps: ConsoleContext, id: string, requester: Participant, comment: string | null): Promise<StoredResetRequest> {
  const request = await load(deps, id);
  if (!isSelf(request, requester)) {
    throw new AccessRefusal("forbidden", `Only ${request.requestedBy.username}, who made this request, can cancel it.`);
  }
  if (request.status !== "pending") throw notPending(request);
  const moved = await transitionRequest(deps.store, id, { from: "pending", to: "cancelled", at: deps.now(), actor: { username: requester.username, role: requester.role, owner: requester.owner }, comment });
  const latest = await reload(deps, id);
  if (!moved) throw notPending(latest);
  return latest;
}

/**
 * Whether a reset of this task needs approval under the policy in force. The task's name is read
 * only when the admin's setting has name patterns (a read within DTS_READ_FRESHNESS_MS is reused).
 */
export async function approvalForJob(deps: ConsoleContext, region: string, jobId: string, account: string = deps.accounts.defaultAccount): Promise<ApprovalDecision> {
  const policy = await readApprovalPolicy(deps.store);
  const required = deps.settings.approval.required;
  const where = { account, region };
  if (required || policy.mode !== "selected" || policy.accounts.includes(account) || policy.regions.includes(region) || policy.namePatterns.length === 0) {
    return approvalFor(required, policy, { ...where, name: "" });
  }
  const { task } = await findTaskByJobId(dtsFor(deps, account), region, jobId);
  return approvalFor(required, policy, { ...where, name: task.name });
}
