import "server-only";
import type { Reconfiguration } from "@/lib/audit/reconfigurations";
import type { StartAttempt } from "@/lib/audit/start-attempts";
import type { StartAttemptRecord } from "@/lib/domain/start-again";
import { configureActionOf, type ReconfigurationRecord } from "@/lib/domain/reconfigure";
import { configureEquivalent, startEquivalent } from "@/lib/domain/runbook";

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

/** A start attempt ("Start again") as the JSON API returns it. */
export function toStartAttemptRecord(a: StartAttempt): StartAttemptRecord {
  return {
    id: a.id,
    reconfigurationId: a.reconfigurationId,
    account: a.account,
    region: a.region,
    jobId: a.jobId,
    instanceId: a.instanceId,
    direction: a.direction,
    taskName: a.taskName,
    actor: a.actor.username,
    actorRole: a.actor.role,
    requestedAt: a.requestedAt,
    idempotencyKey: a.idempotencyKey,
    statusBefore: a.statusBefore,
    equivalent: startEquivalent({ account: a.account, region: a.region, jobId: a.jobId, instanceId: a.instanceId, direction: a.direction }),
    status: a.status,
    finishedAt: a.finishedAt,
    requestId: a.requestId,
    httpStatus: a.httpStatus,
    error: a.errorCode === null && a.errorMessage === null ? null : { code: a.errorCode, message: a.errorMessage, kind: a.errorKind, retrySafe: a.retrySafe },
    resolvedBy: a.resolvedBy,
    reconciledAt: a.reconciledAt,
    reconciliationNote: a.reconciliationNote,
    progress: a.progress,
    precheck: a.precheck,
    taskStatus: a.taskStatus,
    observedAt: a.observedAt,
  };
}

/** A reconfiguration with its start attempts (newest first), as GET /api/resets/{id}/reconfigure returns it. */
export function toReconfigurationWithStarts(r: Reconfiguration, attempts: readonly StartAttempt[]): ReconfigurationRecord {
  return { ...toReconfigurationRecord(r), startAttempts: attempts.map(toStartAttemptRecord) };
}
