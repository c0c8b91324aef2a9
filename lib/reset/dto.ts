import "server-only";
import type { ResetRecord } from "@/lib/audit/schema";
import type { ResetDetail, ResetResult } from "@/lib/domain/reset-record";

/** A reset record as the JSON API returns it (snapshots only on the single-record endpoint). */
export function toResetResult(record: ResetRecord): ResetResult {
  return {
    id: record.id,
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
  };
}

export function toResetDetail(record: ResetRecord): ResetDetail {
  return {
    ...toResetResult(record),
    actorAddress: record.actor.address,
    actorUserAgent: record.actor.userAgent,
    idempotencyKey: record.idempotencyKey,
    snapshot: { job: record.snapshotJob, detail: record.snapshotDetail },
  };
}
