import "server-only";
import type { Reconfiguration } from "@/lib/audit/reconfigurations";
import { configureActionOf, type ReconfigurationRecord } from "@/lib/domain/reconfigure";
import { configureEquivalent } from "@/lib/domain/runbook";

/** A reconfiguration as the JSON API returns it (and as exports would): no password, ever. */
export function toReconfigurationRecord(r: Reconfiguration): ReconfigurationRecord {
  const failure = (code: string | null, message: string | null, kind: string | null, retrySafe: boolean | null) =>
    code === null && message === null ? null : { code, message, kind, retrySafe };
  return {
    id: r.id,
    account: r.account,
    resetId: r.resetId,
    jobId: r.jobId,
    instanceId: r.instanceId,
    region: r.region,
    direction: r.direction,
    taskName: r.taskName,
    actor: r.actor.username,
    actorRole: r.actor.role,
    requestedAt: r.requestedAt,
    idempotencyKey: r.idempotencyKey,
    parameters: r.parameters,
    api: configureActionOf(r.parameters),
    equivalent: configureEquivalent(configureActionOf(r.parameters), { account: r.account, region: r.region, parameters: r.parameters }),
    status: r.status,
    finishedAt: r.finishedAt,
    requestId: r.requestId,
    httpStatus: r.httpStatus,
    error: r.status === "failed" || r.status === "unknown" ? failure(r.errorCode, r.errorMessage, r.errorKind, r.retrySafe) : null,
    resolvedBy: r.resolvedBy,
    reconciledAt: r.reconciledAt,
    reconciliationNote: r.reconciliationNote,
    start:
      r.startStatus === null || r.startRequestedAt === null
        ? null
        : {
            status: r.startStatus,
            requestedAt: r.startRequestedAt,
            finishedAt: r.startFinishedAt,
            requestId: r.startRequestId,
            error: failure(r.startErrorCode, r.startErrorMessage, null, null),
          },
    progress: r.progress,
    precheck: r.precheck,
    taskStatus: r.taskStatus,
    observedAt: r.observedAt,
  };
}
