import "server-only";
import type { ResetRecord } from "@/lib/audit/schema";
import type { AuditStore } from "@/lib/db/store";
import type { ResetApproval, ResetDetail, ResetResult } from "@/lib/domain/reset-record";
import { approvalsOfResets } from "@/lib/approvals/store";
import { resetEquivalent } from "@/lib/domain/runbook";

/** A reset record with the two people of its approval, when it ran on one (exports, history). */
export type ResetRecordWithApproval = ResetRecord & { approval: ResetApproval | null };

/** The approval of each record, read in one query (a page or an export at a time). */
export async function withApprovals(store: AuditStore, records: readonly ResetRecord[]): Promise<ResetRecordWithApproval[]> {
  const approvals = await approvalsOfResets(store, records.map((r) => r.id));
  return records.map((r) => ({ ...r, approval: approvals.get(r.id) ?? null }));
}

/** The records as the JSON API lists them, each naming its approver when it had one. */
export async function resetResultsOf(store: AuditStore, records: readonly ResetRecord[]): Promise<ResetResult[]> {
  return (await withApprovals(store, records)).map((r) => toResetResult(r, r.approval));
}

/** The approval a request carried out, as the record shows it. */
export function approvalOf(request: { id: string; requestedBy: { username: string }; decidedBy: { username: string } | null; decidedAt: string | null }): ResetApproval | null {
  if (!request.decidedBy) return null;
  return { requestId: request.id, requestedBy: request.requestedBy.username, approvedBy: request.decidedBy.username, approvedAt: request.decidedAt };
}

/** A reset record as the JSON API returns it (snapshots only on the single-record endpoint). */
export function toResetResult(record: ResetRecord, approval: ResetApproval | null = null): ResetResult {
  return {
    id: record.id,
    account: record.account,
    jobId: record.jobId,
    resetJobId: record.resetJobId,
    instanceId: record.instanceId,
    region: record.region,
    // The store holds what DescribeDtsJobs said; only SYNC and SUBSCRIBE tasks are ever reset.
    jobType: record.jobType === "SUBSCRIBE" ? "SUBSCRIBE" : record.jobType === "MIGRATION" ? "MIGRATION" : "SYNC",
    taskName: record.taskName,
    direction: record.direction,
    reason: record.reason,
    actor: record.actor.username,
    actorRole: record.actor.role,
    status: record.status,
    requestedAt: record.requestedAt,
    finishedAt: record.finishedAt,
    requestId: record.requestId,
    httpStatus: record.httpStatus,
    error:
      record.status === "failed" || record.status === "unknown"
        ? { code: record.errorCode, message: record.errorMessage, kind: record.errorKind, retrySafe: record.retrySafe }
        : null,
    resolvedBy: record.resolvedBy,
    reconciledAt: record.reconciledAt,
    reconciliationNote: record.reconciliationNote,
    verifiedAt: record.verifiedAt,
    jobIdAfter: record.jobIdAfter,
    bulkId: record.bulkId,
    approval,
    // The call as the console sent it: the task ID it named and the direction (lib/dts/operations.ts).
    equivalent: resetEquivalent({ account: record.account, region: record.region, jobId: record.jobId, instanceId: record.instanceId, direction: record.direction }),
  };
}

export function toResetDetail(record: ResetRecord, approval: ResetApproval | null = null): ResetDetail {
  return {
    ...toResetResult(record, approval),
    actorAddress: record.actor.address,
    actorUserAgent: record.actor.userAgent,
    idempotencyKey: record.idempotencyKey,
    snapshot: { job: record.snapshotJob, detail: record.snapshotDetail, alerts: record.snapshotAlerts },
  };
}
