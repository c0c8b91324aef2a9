import "server-only";
// Reconfiguring a reset task from its pre-reset snapshot, as a guarded operation
// (lib/guarded/operation.ts runs the protocol; these are its parts):
// - the record's own rules: a succeeded reset of a data synchronization task, the latest of its
//   task and direction (assess);
// - the fresh read: the task by instance (so a new task ID is followed), still Not Configured on
//   the same instance; a reverse task only once its forward task is running;
// - the write-ahead record: every parameter except the passwords;
// - the one call: ConfigureDtsJob, its outcome and RequestId recorded; then the first step of
//   following the precheck (follow.ts), which the background job continues.
import { DomainError, DtsCallFailed, InvalidRequest, ReconfigureRefusal } from "@/lib/domain/errors";
import { RESERVE_PREFIX, serverlessIssues, type ConfigureAction, type ConfigureParameters } from "@/lib/domain/reconfigure";
import { configureSpecOf } from "@/lib/domain/reconfigure-subscription";
import type { ReconfigureRequest } from "@/lib/domain/reconfigure-request";
import { directionTarget } from "@/lib/domain/reset-target";
import type { DtsTask } from "@/lib/domain/task";
import { dtsFor, type ConsoleContext } from "@/lib/context";
import type { TaskRef } from "@/lib/domain/task-ref";
import { orRefuse, recordAnswer, refusals, runGuarded, type GuardedOutcome, type GuardedParts } from "@/lib/guarded/operation";
import {
  beginReconfiguration,
  finishReconfigureCall,
  findReconfigurationByKey,
  findUnresolvedReconfiguration,
  getReconfiguration,
  listReconfigurationsForReset,
  type NewReconfiguration,
  type Reconfiguration,
} from "@/lib/audit/reconfigurations";
import { getReset, listResetsForInstance } from "@/lib/audit/reset-queries";
import type { ResetActor, ResetRecord } from "@/lib/audit/schema";
import type { ReadOptions } from "@/lib/dts/operations";
import { DtsError, dtsErrorFields } from "@/lib/dts/errors";
import { findTaskByInstanceId } from "@/lib/tasks/service";
import { toReconfigurationRecord } from "./dto";
import { followReconfiguration } from "./follow";
import { mapSnapshot } from "./mapping";
import { mapSubscriptionSnapshot } from "./subscription-mapping";
import { remarkEnglish, type Remark } from "@/lib/domain/reconfigure-remarks";

/** A refusal's remarks as one English sentence, as the API's `reason` and error message say it. */
export function reasonEnglish(reason: readonly Remark[]): string {
  return reason.map(remarkEnglish).join(" ");
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
  /** ConfigureDtsJob for a synchronization task, ConfigureSubscription for a change tracking one. */
  api: ConfigureAction;
  target: ReconfigureTarget;
  /** The snapshot's parameters plus the identity of the task to configure. */
  parameters: ConfigureParameters;
  /** What the mapping changed or left out. */
  notes: Remark[];
  /** Why not, or null when reconfiguring is allowed now (with the mapping's blockers, all of them). */
  reason: Remark[] | null;
}

async function loadReset(ctx: ConsoleContext, resetId: string): Promise<ResetRecord> {
  const reset = await orRefuse(ctx, "reconfigure", () => getReset(ctx.store, resetId));
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
export async function assess(ctx: ConsoleContext, reset: ResetRecord, task: DtsTask | null): Promise<Assessment> {
  const orRefuseHere = <T>(work: () => Promise<T>) => orRefuse(ctx, "reconfigure", work);
  const { store } = ctx;
  const target = currentTarget(reset, task);
  const api = apiOf(reset);
  const mapping =
    api === "ConfigureSubscription"
      ? mapSubscriptionSnapshot(reset.snapshotJob, reset.snapshotDetail, reset.snapshotAlerts)
      : mapSnapshot({ snapshotJob: reset.snapshotJob, snapshotDetail: reset.snapshotDetail, snapshotAlerts: reset.snapshotAlerts, direction: reset.direction });
  const parameters: ConfigureParameters =
    api === "ConfigureSubscription"
      ? { ...mapping.parameters, DtsJobId: target.jobId, DtsInstanceId: reset.instanceId, RegionId: reset.region }
      : {
          ...mapping.parameters,
          DtsJobId: target.jobId,
          DtsInstanceId: reset.instanceId,
          RegionId: reset.region,
          JobType: "SYNC",
          ...(reset.direction === "Reverse" || task?.twoWay ? { SynchronizationDirection: reset.direction } : {}),
        };
  const refuse = (...reason: Remark[]): Assessment => ({ reset, api, target, parameters, notes: mapping.notes, reason });

  if (reset.jobType !== "SYNC" && reset.jobType !== "SUBSCRIBE") return refuse({ code: "notSync" });
  if (reset.status !== "succeeded") return refuse({ code: "resetNotSucceeded" });
  if (mapping.blockers.length) return refuse(...mapping.blockers);
  const later = (await orRefuseHere(() => listResetsForInstance(store, reset.instanceId, 50))).find(
    (r) => r.account === reset.account && r.direction === reset.direction && r.id !== reset.id && r.requestedAt > reset.requestedAt,
  );
  if (later) return refuse({ code: "resetAgain" });
  const inFlight = await orRefuseHere(() => findUnresolvedReconfiguration(store, reset));
  if (inFlight) return refuse({ code: "inFlight" });
  // DTS accepted a configuration from this record: the task is configured, whatever a cached list says.
  const accepted = (await orRefuseHere(() => listReconfigurationsForReset(store, reset.id))).find((r) => r.status === "succeeded");
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
  return { reset, api, target, parameters, notes: mapping.notes, reason: null };
}

/** The API that configures a reset's task: change tracking tasks have their own. */
export function apiOf(reset: Pick<ResetRecord, "jobType">): ConfigureAction {
  return reset.jobType === "SUBSCRIBE" ? "ConfigureSubscription" : "ConfigureDtsJob";
}

/** Whether a reset's task is one this console reconfigures (before any other rule). */
export function reconfigurable(reset: Pick<ResetRecord, "jobType" | "status">): boolean {
  return (reset.jobType === "SYNC" || reset.jobType === "SUBSCRIBE") && reset.status === "succeeded";
}

export async function readTask(ctx: Pick<ConsoleContext, "accounts">, reset: ResetRecord, options: ReadOptions): Promise<DtsTask> {
  const type = reset.jobType === "SUBSCRIBE" ? "subscribe" : "sync";
  return (await findTaskByInstanceId(dtsFor(ctx, reset.account), reset.region, reset.instanceId, type, options)).task;
}

/** The parameters to send: the snapshot's, the operator's changes, and the console's fixed ones. */
export function parametersToSend(base: ConfigureParameters, overrides: ConfigureParameters | undefined, api: ConfigureAction = "ConfigureDtsJob"): ConfigureParameters {
  const merged: ConfigureParameters = { ...base, ...(overrides ?? {}) };
  // The identity is the console's (assess), never the operator's: the override schema refuses it.
  for (const fixed of ["DtsJobId", "DtsInstanceId", "RegionId", "JobType", "SynchronizationDirection"]) {
    if (base[fixed] === undefined) delete merged[fixed];
    else merged[fixed] = base[fixed]!;
  }
  // The precheck is started by the console (StartDtsJob), so that the record says when.
  // ConfigureSubscription ignores the key (its precheck never starts by itself): not sent there.
  if (api === "ConfigureDtsJob") merged[`${RESERVE_PREFIX}autoStartModulesAfterConfig`] = "none";
  else delete merged[`${RESERVE_PREFIX}autoStartModulesAfterConfig`];
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

export type ReconfigureOutcome = GuardedOutcome<Reconfiguration>;

interface ReconfigureDecision {
  input: NewReconfiguration;
  parameters: ConfigureParameters;
}

/**
 * Reconfigures the task a reset wiped, as a guarded operation (lib/guarded/operation.ts): its
 * parts are the record's own rules and the fresh read (assess), the write-ahead record without
 * passwords, and the one ConfigureDtsJob call. The claim is the task's, so a reset and a
 * reconfiguration of one task never run at once.
 */
export async function performReconfigure(
  ctx: ConsoleContext,
  resetId: string,
  request: ReconfigureRequest,
  actor: ResetActor,
  receivedAt: Date = ctx.now(),
): Promise<ReconfigureOutcome> {
  const reset = await loadReset(ctx, resetId);
  const ref: TaskRef = { account: reset.account, region: reset.region, instanceId: reset.instanceId, direction: reset.direction };

  // What the record alone decides (a migration task, a failed reset) is refused without asking DTS.
  if (!reconfigurable(reset)) {
    if (request.idempotencyKey) {
      const existing = await orRefuse(ctx, "reconfigure", () => findReconfigurationByKey(ctx.store, request.idempotencyKey!));
      if (existing && existing.resetId !== resetId) throw refusals.keyReused();
    }
    const early = await assess(ctx, reset, null);
    throw new ReconfigureRefusal("not_reconfigurable", reasonEnglish(early.reason ?? [{ code: "cannotReconfigure" }]));
  }

  const spec = configureSpecOf(apiOf(reset));
  if (spec.destinationPassword && !request.destinationPassword) {
    throw new InvalidRequest("invalid_request", "The destination database password is required.", { issues: [{ path: "destinationPassword", message: "The destination database password is required" }] });
  }
  const foreign = Object.keys(request.overrides ?? {}).filter((name) => !spec.fieldOf(name) || spec.fixed.includes(name));
  if (foreign.length) {
    throw new InvalidRequest("invalid_request", `Not a ${spec.api} parameter this console sends: ${foreign.join(", ")}.`, {
      issues: foreign.map((name) => ({ path: `overrides.${name}`, message: `${name} is not a ${spec.api} parameter this console sends` })),
    });
  }

  const parts: GuardedParts<ReconfigureDecision, Reconfiguration> = {
    operation: "reconfigure",
    ref,
    ownResetId: reset.id,
    idempotencyKey: request.idempotencyKey ?? null,
    findByKey: (c, key) => findReconfigurationByKey(c.store, key),
    isReplayOf: (existing) => existing.resetId === resetId,
    async decide(c) {
      // Decided against what DTS says now: never a cached list.
      const task = await readTask(c, reset, { fresh: true });
      const assessment = await assess(c, reset, task);
      if (assessment.reason) {
        throw new ReconfigureRefusal("not_reconfigurable", reasonEnglish(assessment.reason), {
          status: assessment.target.status,
          jobId: assessment.target.jobId,
          remarks: assessment.reason,
        });
      }
      const parameters = parametersToSend(assessment.parameters, request.overrides, spec.api);
      const issues = [...spec.issues(parameters), ...(spec.api === "ConfigureDtsJob" ? serverlessIssues(assessment.parameters, parameters) : [])];
      if (issues.length) {
        throw new InvalidRequest("invalid_request", issues.map((i) => i.message).join(" "), { issues: issues.map((i) => ({ path: `overrides.${i.name}`, message: i.message })) });
      }
      return {
        parameters,
        input: {
          idempotencyKey: request.idempotencyKey ?? null,
          account: reset.account,
          resetId: reset.id,
          jobId: assessment.target.jobId,
          instanceId: reset.instanceId,
          region: reset.region,
          direction: reset.direction,
          taskName: assessment.target.taskName,
          actor,
          requestedAt: c.now(),
          parameters,
        },
      };
    },
    async writeAhead(c, decision, claim, at) {
      const begun = await beginReconfiguration(c.store, decision.input, claim, at);
      if (begun.kind === "in_progress") return { kind: "in_progress", data: { reconfiguration: toReconfigurationRecord(begun.record) } };
      return begun;
    },
    async send(c, attempt, decision) {
      const record = await callConfigure(c, attempt, decision.parameters, request, spec.api);
      // The first step of following the precheck: start it (StartDtsJob) and read it once.
      return followReconfiguration(c, record).catch(() => record);
    },
  };
  return runGuarded(ctx, parts, receivedAt);
}

async function callConfigure(ctx: ConsoleContext, attempt: Reconfiguration, parameters: ConfigureParameters, request: ReconfigureRequest, api: ConfigureAction): Promise<Reconfiguration> {
  const secrets = [request.sourcePassword, request.destinationPassword ?? ""];
  const shape = toCallShape(parameters);
  const fallback = async () => (await getReconfiguration(ctx.store, attempt.id).catch(() => null)) ?? attempt;
  try {
    const dts = dtsFor(ctx, attempt.account);
    const answer =
      api === "ConfigureSubscription"
        ? await dts.configureSubscription({ region: attempt.region, parameters: shape.query, dbList: shape.dbList, reserve: shape.reserve, sourcePassword: request.sourcePassword })
        : await dts.configureJob({
            region: attempt.region,
            parameters: shape.query,
            dbList: shape.dbList,
            reserve: shape.reserve,
            passwords: { source: request.sourcePassword, destination: request.destinationPassword ?? "" },
          });
    return await recordAnswer(
      ctx,
      attempt.id,
      () => finishReconfigureCall(ctx.store, attempt.id, { status: "succeeded", at: ctx.now(), requestId: answer.requestId, httpStatus: answer.httpStatus }),
      fallback,
    );
  } catch (error) {
    if (!(error instanceof DtsError)) throw error;
    const unknown = error.kind === "unknown_outcome";
    const message = scrub(error.message, secrets) ?? "DTS refused the configuration.";
    const record = await recordAnswer(
      ctx,
      attempt.id,
      () =>
        finishReconfigureCall(ctx.store, attempt.id, {
          status: unknown ? "unknown" : "failed",
          at: ctx.now(),
          requestId: error.details.requestId,
          httpStatus: error.details.httpStatus,
          errorCode: scrub(error.details.code, secrets),
          errorMessage: message,
          errorKind: error.kind,
          retrySafe: error.details.retrySafe,
        }),
      () => attempt,
    );
    const fields = dtsErrorFields(error);
    throw new DtsCallFailed(
      unknown ? "outcome_unknown" : "dts_error",
      message,
      { ...fields, dtsCode: scrub(fields.dtsCode as string | null, secrets), reconfiguration: toReconfigurationRecord(record) },
      { cause: error },
    );
  }
}

export { loadReset };
