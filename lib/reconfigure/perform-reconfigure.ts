import "server-only";
// Reconfiguring a reset task from its pre-reset snapshot, guarded like a reset (lib/reset/perform-reset.ts):
// 1. the reset record must be a succeeded reset of a data synchronization task, the latest of its
//    task and direction;
// 2. the task is re-read from DTS (fresh; by instance, so a new task ID is followed) and must still
//    be Not Configured on the same instance; a reverse task only once its forward task is running;
// 3. the attempt is written ahead with every parameter except the passwords (one in flight per
//    task and direction, enforced by the database);
// 4. ConfigureDtsJob is called once, and its outcome and RequestId recorded;
// 5. then the console follows the precheck (follow.ts) until Synchronizing or a failure.
import { DomainError, DtsCallFailed, InvalidRequest, ReconfigureRefusal } from "@/lib/domain/errors";
import { parameterIssues, RESERVE_PREFIX, type ConfigureParameters } from "@/lib/domain/reconfigure";
import type { ReconfigureRequest } from "@/lib/domain/reconfigure-request";
import { directionTarget } from "@/lib/domain/reset-target";
import type { DtsTask } from "@/lib/domain/task";
import type { AuditStore } from "@/lib/audit/db";
import { AuditStoreError, IdempotencyKeyConflictError } from "@/lib/audit/errors";
import {
  beginReconfiguration,
  finishReconfigureCall,
  findReconfigurationByKey,
  findUnresolvedReconfiguration,
  getReconfiguration,
  listReconfigurationsForReset,
  type Reconfiguration,
} from "@/lib/audit/reconfigurations";
import { getReset, listResetsForInstance } from "@/lib/audit/reset-queries";
import type { ResetActor, ResetRecord } from "@/lib/audit/schema";
import type { DtsClient, ReadOptions } from "@/lib/dts/operations";
import { DtsError, dtsErrorFields } from "@/lib/dts/errors";
import { findTaskByInstanceId } from "@/lib/jobs/service";
import { logger } from "@/lib/log";
import { toReconfigurationRecord } from "./dto";
import { followReconfiguration } from "./follow";
import { mapSnapshot } from "./mapping";
import { remarkEnglish, type Remark } from "@/lib/domain/reconfigure-remarks";

/** A refusal's remarks as one English sentence, as the API's `reason` and error message say it. */
export function reasonEnglish(reason: readonly Remark[]): string {
  return reason.map(remarkEnglish).join(" ");
}

export interface ReconfigureDependencies {
  client: DtsClient;
  store: AuditStore;
  now?: () => Date;
}

export interface ReconfigureTarget {
  jobId: string;
  instanceId: string;
  region: string;
  direction: ResetRecord["direction"];
  status: string | null;
  taskName: string;
}

export interface Assessment {
  reset: ResetRecord;
  target: ReconfigureTarget;
  /** The snapshot's parameters plus the identity of the task to configure. */
  parameters: ConfigureParameters;
  /** What the mapping changed or left out. */
  notes: Remark[];
  /** Why not, or null when reconfiguring is allowed now (with the mapping's blockers, all of them). */
  reason: Remark[] | null;
}

async function orRefuse<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof IdempotencyKeyConflictError) {
      throw new ReconfigureRefusal("reconfigure_in_progress", "This idempotency key was already used for another reconfiguration.");
    }
    if (!(error instanceof AuditStoreError)) throw error;
    logger.error("audit_write_failed", { name: error.name, message: error.message });
    throw new DomainError("audit_unavailable", "The reconfiguration was NOT sent: its record could not be written. Nothing changed in DTS.");
  }
}

async function loadReset(store: AuditStore, resetId: string): Promise<ResetRecord> {
  const reset = await orRefuse(() => getReset(store, resetId));
  if (!reset) throw new DomainError("reset_not_found", `No reset record ${resetId}.`);
  return reset;
}

/** The half of the instance the reset wiped, as DTS shows it now. */
function currentTarget(reset: ResetRecord, task: DtsTask | null): ReconfigureTarget {
  const half = task ? directionTarget(task, reset.direction) : null;
  return {
    jobId: half?.jobId ?? reset.jobIdAfter ?? reset.resetJobId,
    instanceId: reset.instanceId,
    region: reset.region,
    direction: reset.direction,
    status: half?.status ?? null,
    taskName: task?.name ?? reset.taskName,
  };
}

/**
 * Whether this reset's task may be reconfigured now, and with what. `task` is the task as DTS
 * shows it (null when it could not be read: then only the record's own rules are checked).
 */
export async function assess(store: AuditStore, reset: ResetRecord, task: DtsTask | null): Promise<Assessment> {
  const target = currentTarget(reset, task);
  const mapping = mapSnapshot({ snapshotJob: reset.snapshotJob, snapshotDetail: reset.snapshotDetail, direction: reset.direction });
  const parameters: ConfigureParameters = {
    ...mapping.parameters,
    DtsJobId: target.jobId,
    DtsInstanceId: reset.instanceId,
    RegionId: reset.region,
    JobType: "SYNC",
    ...(reset.direction === "Reverse" || task?.twoWay ? { SynchronizationDirection: reset.direction } : {}),
  };
  const refuse = (...reason: Remark[]): Assessment => ({ reset, target, parameters, notes: mapping.notes, reason });

  if (reset.jobType === "SUBSCRIBE") return refuse({ code: "changeTracking" });
  if (reset.jobType !== "SYNC") return refuse({ code: "notSync" });
  if (reset.status !== "succeeded") return refuse({ code: "resetNotSucceeded" });
  if (mapping.blockers.length) return refuse(...mapping.blockers);
  const later = (await orRefuse(() => listResetsForInstance(store, reset.instanceId, 50))).find(
    (r) => r.direction === reset.direction && r.id !== reset.id && r.requestedAt > reset.requestedAt,
  );
  if (later) return refuse({ code: "resetAgain" });
  const inFlight = await orRefuse(() => findUnresolvedReconfiguration(store, reset.instanceId, reset.direction));
  if (inFlight) return refuse({ code: "inFlight" });
  // DTS accepted a configuration from this record: the task is configured, whatever a cached list says.
  const accepted = (await orRefuse(() => listReconfigurationsForReset(store, reset.id))).find((r) => r.status === "succeeded");
  if (accepted) {
    return refuse(
      accepted.taskStatus
        ? { code: "alreadyReconfiguredStatus", values: { time: accepted.requestedAt, status: accepted.taskStatus } }
        : { code: "alreadyReconfigured", values: { time: accepted.requestedAt } },
    );
  }
  if (!task) return refuse({ code: "taskUnreadable" });
  const half = directionTarget(task, reset.direction);
  if (!half) return refuse({ code: "reverseGone" });
  if (half.status !== "NotConfigured") return refuse({ code: "notNotConfigured", values: { status: half.status } });
  if (reset.direction === "Reverse" && task.status !== "Synchronizing") {
    return refuse({ code: "forwardFirst", values: { status: task.status } });
  }
  return { reset, target, parameters, notes: mapping.notes, reason: null };
}

export async function readTask(client: DtsClient, reset: ResetRecord, options: ReadOptions): Promise<DtsTask> {
  return (await findTaskByInstanceId(client, reset.region, reset.instanceId, "sync", options)).task;
}

/** The parameters to send: the snapshot's, the operator's changes, and the console's fixed ones. */
export function parametersToSend(base: ConfigureParameters, overrides: ConfigureParameters | undefined): ConfigureParameters {
  const merged: ConfigureParameters = { ...base, ...(overrides ?? {}) };
  // The identity is the console's (assess), never the operator's: the override schema refuses it.
  for (const fixed of ["DtsJobId", "DtsInstanceId", "RegionId", "JobType", "SynchronizationDirection"]) {
    if (base[fixed] === undefined) delete merged[fixed];
    else merged[fixed] = base[fixed]!;
  }
  // The precheck is started by the console (StartDtsJob), so that the record says when.
  merged[`${RESERVE_PREFIX}autoStartModulesAfterConfig`] = "none";
  // Empty values mean "not sent".
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== ""));
}

/** Parameters as the DTS call takes them: Reserve.* keys gathered into the Reserve JSON, DbList apart. */
export function toCallShape(parameters: ConfigureParameters): { query: Record<string, string>; dbList: string | null; reserve: string | null } {
  const query: Record<string, string> = {};
  const reserve: Record<string, string> = {};
  let dbList: string | null = null;
  for (const [name, value] of Object.entries(parameters)) {
    if (name === "DbList") dbList = value;
    else if (name.startsWith(RESERVE_PREFIX)) reserve[name.slice(RESERVE_PREFIX.length)] = value;
    else query[name] = value;
  }
  return { query, dbList, reserve: Object.keys(reserve).length ? JSON.stringify(reserve) : null };
}

/** No password ever leaves this module inside a message: DTS could echo one, a library could too. */
export function scrub(text: string | null | undefined, secrets: readonly string[]): string | null {
  if (text === null || text === undefined) return null;
  let result = text;
  for (const secret of secrets) if (secret.length > 0) result = result.split(secret).join("[redacted]");
  return result;
}

export interface ReconfigureOutcome {
  record: Reconfiguration;
  replayed: boolean;
}

export async function performReconfigure(
  deps: ReconfigureDependencies,
  resetId: string,
  request: ReconfigureRequest,
  actor: ResetActor,
  receivedAt: Date = new Date(),
): Promise<ReconfigureOutcome> {
  const now = deps.now ?? (() => new Date());
  const reset = await loadReset(deps.store, resetId);

  if (request.idempotencyKey) {
    const existing = await orRefuse(() => findReconfigurationByKey(deps.store, request.idempotencyKey!));
    if (existing) {
      if (existing.resetId !== resetId) throw new ReconfigureRefusal("reconfigure_in_progress", "This idempotency key was already used for another reconfiguration.");
      return { record: existing, replayed: true };
    }
  }

  // What the record alone decides (change tracking, a failed reset) is refused without asking DTS.
  if (reset.jobType !== "SYNC" || reset.status !== "succeeded") {
    const early = await assess(deps.store, reset, null);
    throw new ReconfigureRefusal("not_reconfigurable", reasonEnglish(early.reason ?? [{ code: "cannotReconfigure" }]));
  }
  // Decided against what DTS says now: never a cached list.
  const task = await readTask(deps.client, reset, { fresh: true });
  const assessment = await assess(deps.store, reset, task);
  if (assessment.reason) {
    throw new ReconfigureRefusal("not_reconfigurable", reasonEnglish(assessment.reason), {
      status: assessment.target.status,
      jobId: assessment.target.jobId,
      remarks: assessment.reason,
    });
  }
  const parameters = parametersToSend(assessment.parameters, request.overrides);
  const issues = parameterIssues(parameters);
  if (issues.length) {
    throw new InvalidRequest("invalid_request", issues.map((i) => i.message).join(" "), { issues: issues.map((i) => ({ path: `overrides.${i.name}`, message: i.message })) });
  }

  const begun = await orRefuse(() =>
    beginReconfiguration(
      deps.store,
      {
        idempotencyKey: request.idempotencyKey ?? null,
        resetId: reset.id,
        jobId: assessment.target.jobId,
        instanceId: reset.instanceId,
        region: reset.region,
        direction: reset.direction,
        taskName: assessment.target.taskName,
        actor,
        requestedAt: now(),
        parameters,
      },
      receivedAt,
    ),
  );
  if (begun.kind === "replay") return { record: begun.record, replayed: true };
  if (begun.kind === "in_progress") {
    throw new ReconfigureRefusal("reconfigure_in_progress", "Another reconfiguration of this task began meanwhile: look at it before deciding again.", {
      reconfiguration: toReconfigurationRecord(begun.record),
    });
  }

  const record = await callConfigure(deps, begun.record, parameters, request);
  // The first step of following the precheck: start it (StartDtsJob) and read it once.
  return { record: await followReconfiguration(deps, record).catch(() => record), replayed: false };
}

async function callConfigure(deps: ReconfigureDependencies, attempt: Reconfiguration, parameters: ConfigureParameters, request: ReconfigureRequest): Promise<Reconfiguration> {
  const now = deps.now ?? (() => new Date());
  const secrets = [request.sourcePassword, request.destinationPassword];
  const shape = toCallShape(parameters);
  try {
    const answer = await deps.client.configureJob({
      region: attempt.region,
      parameters: shape.query,
      dbList: shape.dbList,
      reserve: shape.reserve,
      passwords: { source: request.sourcePassword, destination: request.destinationPassword },
    });
    return (
      (await finishReconfigureCall(deps.store, attempt.id, { status: "succeeded", at: now(), requestId: answer.requestId, httpStatus: answer.httpStatus }).catch(
        logOutcomeFailure(attempt),
      )) ?? (await getReconfiguration(deps.store, attempt.id).catch(() => null)) ?? attempt
    );
  } catch (error) {
    if (!(error instanceof DtsError)) throw error;
    const unknown = error.kind === "unknown_outcome";
    const message = scrub(error.message, secrets) ?? "DTS refused the configuration.";
    const record =
      (await finishReconfigureCall(deps.store, attempt.id, {
        status: unknown ? "unknown" : "failed",
        at: now(),
        requestId: error.details.requestId,
        httpStatus: error.details.httpStatus,
        errorCode: scrub(error.details.code, secrets),
        errorMessage: message,
        errorKind: error.kind,
        retrySafe: error.details.retrySafe,
      }).catch(logOutcomeFailure(attempt))) ?? attempt;
    const fields = dtsErrorFields(error);
    throw new DtsCallFailed(
      unknown ? "outcome_unknown" : "dts_error",
      message,
      { ...fields, dtsCode: scrub(fields.dtsCode as string | null, secrets), reconfiguration: toReconfigurationRecord(record) },
      { cause: error },
    );
  }
}

/** DTS has answered; if the store fails now the record stays pending and reconciliation resolves it. */
function logOutcomeFailure(attempt: Reconfiguration) {
  return (error: unknown): null => {
    logger.error("audit_outcome_write_failed", { id: attempt.id, name: (error as Error).name, message: (error as Error).message });
    return null;
  };
}

export { loadReset };
