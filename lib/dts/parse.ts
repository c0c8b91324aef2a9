import "server-only";
import { z } from "zod";
import { canonicalStatus, type JobType } from "@/lib/domain/status";
import type { Direction, DtsTask, DtsTaskDetail, ReverseTask, TaskEndpoint, UnreadableTask } from "@/lib/domain/task";
import type { MonitorRule } from "@/lib/domain/alerts";
import { DtsError } from "./errors";

// DTS is loose about types: numbers arrive as strings, booleans as "true", optional objects as
// null, `DtsInstanceID` and `DtsInstanceId` both occur. These helpers accept every variant and
// hand the rest of the console one normalised shape.
//
// The schemas strip the fields they do not name (zod's default), none passes them through: only
// named fields are read, and the item as DTS sent it is kept apart (`raw`, the detail's `body`).
// Passing them through copied every other field of every item (DbObject, Reserved, …) on each
// list: most of the list's parsing time (issue 26).

// Each normalisation is one plain function: a DescribeDtsJobs page runs them some 700 times (20
// items of about 35 fields), and as zod pipes every field cost a payload, an issue list and a
// transform's context: a third of the list request's allocation, and the garbage collections it
// brings (issue 26, measured with bench/threads.ts and a heap sampling profile). The task fields
// are therefore read by hand (readJobFields), the envelope and the detail's own fields by zod,
// which wraps the same functions.

function toOptionalString(v: unknown): string | null {
  if (typeof v === "string") return v.trim() === "" ? null : v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

function toOptionalNumber(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function toOptionalBoolean(v: unknown): boolean | null {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  return null;
}

function toRequiredString(v: unknown): string | null {
  if (typeof v === "string" && v.trim() !== "") return v;
  if (typeof v === "number") return String(v);
  return null;
}

function toDirection(v: unknown): Direction | null {
  const text = toOptionalString(v)?.toLowerCase();
  return text === "reverse" ? "Reverse" : text === "forward" ? "Forward" : null;
}

const optionalString = z.unknown().optional().transform(toOptionalString);
const optionalNumber = z.unknown().optional().transform(toOptionalNumber);

const requiredString = (field: string) =>
  z.unknown().optional().transform((v, ctx) => {
    const text = toRequiredString(v);
    if (text !== null) return text;
    ctx.addIssue({ code: "custom", message: `${field} is missing` });
    return z.NEVER;
  });

/** A field DTS sent in a shape the console cannot read: where, and what was expected. */
class FieldProblem extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

/** What zod calls a value's type in its messages, so an item's problem reads the same as the envelope's. */
function receivedType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "number" && Number.isNaN(value)) return "NaN";
  return typeof value;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function readEndpoint(value: unknown, field: string): TaskEndpoint | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) throw new FieldProblem([field], `Invalid input: expected object, received ${receivedType(value)}`);
  const endpoint: TaskEndpoint = {
    engine: toOptionalString(value.EngineName),
    instanceId: toOptionalString(value.InstanceID) ?? toOptionalString(value.InstanceId),
    instanceType: toOptionalString(value.InstanceType),
    region: toOptionalString(value.Region),
    host: toOptionalString(value.Ip),
    port: toOptionalString(value.Port),
    database: toOptionalString(value.DatabaseName),
    userName: toOptionalString(value.UserName),
  };
  for (const key in endpoint) if (endpoint[key as keyof TaskEndpoint] !== null) return endpoint;
  return null;
}

/** The fields a list item, its ReverseJob and a detail share, normalised. */
interface JobFields {
  DtsJobId: string;
  DtsInstanceID: string | null;
  DtsInstanceId: string | null;
  DtsJobName: string | null;
  Status: string | null;
  JobType: string | null;
  DtsJobDirection: Direction | null;
  Delay: number | null;
  ErrorMessage: string | null;
  CreateTime: string | null;
  PayType: string | null;
  DtsJobClass: string | null;
  SourceEndpoint: TaskEndpoint | null;
  DestinationEndpoint: TaskEndpoint | null;
}

function readJobFields(value: unknown): JobFields {
  if (!isRecord(value)) throw new FieldProblem([], `Invalid input: expected object, received ${receivedType(value)}`);
  const jobId = toRequiredString(value.DtsJobId);
  if (jobId === null) throw new FieldProblem(["DtsJobId"], "DtsJobId is missing");
  return {
    DtsJobId: jobId,
    DtsInstanceID: toOptionalString(value.DtsInstanceID),
    DtsInstanceId: toOptionalString(value.DtsInstanceId),
    DtsJobName: toOptionalString(value.DtsJobName),
    Status: toOptionalString(value.Status),
    JobType: toOptionalString(value.JobType),
    DtsJobDirection: toDirection(value.DtsJobDirection),
    Delay: toOptionalNumber(value.Delay),
    ErrorMessage: toOptionalString(value.ErrorMessage),
    CreateTime: toOptionalString(value.CreateTime),
    PayType: toOptionalString(value.PayType),
    DtsJobClass: toOptionalString(value.DtsJobClass),
    SourceEndpoint: readEndpoint(value.SourceEndpoint, "SourceEndpoint"),
    DestinationEndpoint: readEndpoint(value.DestinationEndpoint, "DestinationEndpoint"),
  };
}

// A nested ReverseJob that is null, `{}`, or carries no DtsJobId describes no reverse task: DTS
// returns the object "only for two-way" tasks, and an empty one says nothing more than an absent one.
function readReverseJob(value: unknown): ReverseTask | null {
  if (!isRecord(value) || toRequiredString(value.DtsJobId) === null) return null;
  let r: JobFields;
  try {
    r = readJobFields(value);
  } catch (error) {
    if (error instanceof FieldProblem) throw new FieldProblem(["ReverseJob", ...error.path], error.message);
    throw error;
  }
  const status = canonicalStatus(r.Status ?? "Unknown");
  return {
    jobId: r.DtsJobId,
    instanceId: r.DtsInstanceID ?? r.DtsInstanceId,
    name: r.DtsJobName,
    status: status.status,
    statusKnown: status.known,
    delaySeconds: r.Delay,
    errorMessage: r.ErrorMessage,
    source: r.SourceEndpoint,
    destination: r.DestinationEndpoint,
  };
}

/** zod's issue for a FieldProblem, so both readers report the same way (malformed). */
function issueOf(problem: FieldProblem): z.core.$ZodIssue {
  return { code: "custom", path: problem.path, message: problem.message, input: undefined };
}

/** readJobFields as a zod schema, for the detail's schema that adds its own fields. */
const jobFieldsSchema = z.unknown().transform((value, ctx): JobFields => {
  try {
    return readJobFields(value);
  } catch (error) {
    if (!(error instanceof FieldProblem)) throw error;
    ctx.addIssue({ code: "custom", path: error.path, message: error.message });
    return z.NEVER;
  }
});

const listResponseSchema = z
  .object({
    DtsJobList: z.array(z.unknown()).nullish(),
    TotalRecordCount: optionalNumber,
    PageNumber: optionalNumber,
    PageRecordCount: optionalNumber,
  });

function malformed(action: string, issues: z.core.$ZodIssue[], requestId: unknown): DtsError {
  const where = issues[0] ? `${issues[0].path.join(".") || "body"}: ${issues[0].message}` : "unexpected shape";
  return new DtsError({
    kind: "malformed_response",
    action,
    code: null,
    message: `DTS's answer did not have the expected shape (${where}).`,
    requestId: typeof requestId === "string" ? requestId : null,
    httpStatus: 200,
    retrySafe: false,
    retryAfterMs: null,
    attempts: 1,
    underlyingKind: null,
  });
}

function toJobType(value: string | null, fallback: JobType): JobType {
  const upper = value?.toUpperCase();
  return upper === "SYNC" || upper === "SUBSCRIBE" || upper === "MIGRATION" ? upper : fallback;
}

export interface ParsedJobItem {
  task: DtsTask;
  /** The item exactly as DTS sent it, kept for the pre-reset snapshot. */
  raw: Record<string, unknown>;
}

export function parseJobItem(raw: unknown, region: string, requestedType: JobType, requestId: unknown = null): ParsedJobItem {
  let j: JobFields;
  let reverse: ReverseTask | null;
  try {
    j = readJobFields(raw);
    reverse = readReverseJob((raw as Record<string, unknown>).ReverseJob);
  } catch (error) {
    if (error instanceof FieldProblem) throw malformed("DescribeDtsJobs", [issueOf(error)], requestId);
    throw error;
  }
  const status = canonicalStatus(j.Status ?? "Unknown");
  const instanceId = j.DtsInstanceID ?? j.DtsInstanceId;
  if (!instanceId) throw malformed("DescribeDtsJobs", [{ code: "custom", path: ["DtsInstanceID"], message: "missing", input: undefined }], requestId);
  return {
    raw: raw as Record<string, unknown>,
    task: {
      jobId: j.DtsJobId,
      instanceId,
      name: j.DtsJobName ?? j.DtsJobId,
      type: toJobType(j.JobType, requestedType),
      status: status.status,
      statusKnown: status.known,
      region,
      direction: j.DtsJobDirection,
      twoWay: reverse !== null,
      reverse,
      source: j.SourceEndpoint,
      destination: j.DestinationEndpoint,
      createdAt: j.CreateTime,
      delaySeconds: j.Delay,
      errorMessage: j.ErrorMessage,
      payType: j.PayType,
      jobClass: j.DtsJobClass,
    },
  };
}

/** A list item the console could not read: shown as such, so one odd item never hides the page. */
export type UnreadableJobItem = UnreadableTask;

export interface ParsedJobPage {
  items: ParsedJobItem[];
  unreadable: UnreadableJobItem[];
  total: number;
  page: number;
}

function looseString(value: unknown): string | null {
  if (typeof value === "string" && value.trim() !== "") return value;
  if (typeof value === "number") return String(value);
  return null;
}

function unreadableItem(index: number, raw: unknown, error: DtsError): UnreadableJobItem {
  const record = isRecord(raw) ? raw : {};
  const where = /\(([^)]*)\)\.?$/.exec(error.message)?.[1] ?? "unexpected shape";
  return {
    index,
    jobId: looseString(record.DtsJobId),
    instanceId: looseString(record.DtsInstanceID) ?? looseString(record.DtsInstanceId),
    name: looseString(record.DtsJobName),
    problem: `DTS returned this item in a shape the console cannot read (${where}).`,
    detail: where,
  };
}

/**
 * Parses a DescribeDtsJobs page item by item: the envelope must be right, but an item that
 * cannot be read is reported beside the others instead of failing the whole page.
 */
export function parseJobList(body: Record<string, unknown>, region: string, requestedType: JobType): ParsedJobPage {
  const parsed = listResponseSchema.safeParse(body);
  if (!parsed.success) throw malformed("DescribeDtsJobs", parsed.error.issues, body.RequestId);
  const items: ParsedJobItem[] = [];
  const unreadable: UnreadableJobItem[] = [];
  (parsed.data.DtsJobList ?? []).forEach((item, index) => {
    try {
      items.push(parseJobItem(item, region, requestedType, body.RequestId));
    } catch (error) {
      if (!(error instanceof DtsError)) throw error;
      unreadable.push(unreadableItem(index, item, error));
    }
  });
  const count = items.length + unreadable.length;
  return { items, unreadable, total: parsed.data.TotalRecordCount ?? count, page: parsed.data.PageNumber ?? 1 };
}

/** DbObject and Reserved are JSON documents inside strings; show them parsed when they parse. */
function parseEmbeddedJson(value: unknown): unknown {
  if (typeof value !== "string") return value ?? null;
  if (value.trim() === "") return null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const migrationModeSchema = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((m): Record<string, boolean> | null => {
    if (!m) return null;
    const entries = Object.entries(m)
      .map(([k, v]) => [k, toOptionalBoolean(v)] as const)
      .filter((entry): entry is readonly [string, boolean] => entry[1] !== null);
    return entries.length ? Object.fromEntries(entries) : null;
  });

const detailSchema = z.intersection(
  jobFieldsSchema,
  z.object({
    FinishTime: optionalString,
    Checkpoint: optionalString,
    MigrationMode: migrationModeSchema,
    RequestId: optionalString,
  }),
);

export function parseJobDetail(body: Record<string, unknown>, requestedDirection: Direction): DtsTaskDetail {
  const parsed = detailSchema.safeParse(body);
  if (!parsed.success) throw malformed("DescribeDtsJobDetail", parsed.error.issues, body.RequestId);
  const d = parsed.data;
  const status = canonicalStatus(d.Status ?? "Unknown");
  return {
    jobId: d.DtsJobId,
    instanceId: d.DtsInstanceID ?? d.DtsInstanceId,
    name: d.DtsJobName,
    type: d.JobType,
    status: status.status,
    statusKnown: status.known,
    direction: d.DtsJobDirection ?? requestedDirection,
    source: d.SourceEndpoint,
    destination: d.DestinationEndpoint,
    createdAt: d.CreateTime,
    finishTime: d.FinishTime,
    delay: d.Delay,
    checkpoint: d.Checkpoint,
    errorMessage: d.ErrorMessage,
    payType: d.PayType,
    jobClass: d.DtsJobClass,
    migrationMode: d.MigrationMode,
    dbObject: parseEmbeddedJson(body.DbObject),
    reserved: parseEmbeddedJson(body.Reserved),
    requestId: d.RequestId,
    raw: body,
  };
}

// DescribeJobMonitorRule: MonitorRules[] (Type, State Y/N, DelayRuleTime, Phone, JobType, Period,
// Times, NoticeValue). An absent or null list is "no rules"; an entry without a Type is not a rule.
const monitorRuleSchema = z
  .object({
    Type: requiredString("Type"),
    State: optionalString,
    DelayRuleTime: optionalNumber,
    Phone: optionalString,
    JobType: optionalString,
    Period: optionalNumber,
    Times: optionalNumber,
    NoticeValue: optionalNumber,
  })
  .passthrough()
  .transform((r): MonitorRule => ({
    type: r.Type,
    enabled: r.State?.toUpperCase() === "Y",
    delayRuleTime: r.DelayRuleTime,
    phone: r.Phone,
    jobType: r.JobType,
    period: r.Period,
    times: r.Times,
    noticeValue: r.NoticeValue,
  }));

const monitorRulesSchema = z
  .object({ MonitorRules: z.array(monitorRuleSchema).nullish(), RequestId: optionalString })
  .passthrough();

export function parseMonitorRules(body: Record<string, unknown>): { rules: MonitorRule[]; requestId: string | null } {
  const parsed = monitorRulesSchema.safeParse(body);
  if (!parsed.success) throw malformed("DescribeJobMonitorRule", parsed.error.issues, body.RequestId);
  return { rules: parsed.data.MonitorRules ?? [], requestId: parsed.data.RequestId };
}
