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

const optionalString = z.unknown().optional().transform((v): string | null => {
  if (typeof v === "string") return v.trim() === "" ? null : v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
});

const optionalNumber = z.unknown().optional().transform((v): number | null => {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
});

const optionalBoolean = z.unknown().optional().transform((v): boolean | null => {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  return null;
});

const endpointSchema = z
  .object({
    EngineName: optionalString,
    InstanceID: optionalString,
    InstanceId: optionalString,
    InstanceType: optionalString,
    Region: optionalString,
    Ip: optionalString,
    Port: optionalString,
    DatabaseName: optionalString,
    UserName: optionalString,
  })
  .nullish()
  .transform((e): TaskEndpoint | null => {
    if (!e) return null;
    const endpoint: TaskEndpoint = {
      engine: e.EngineName,
      instanceId: e.InstanceID ?? e.InstanceId,
      instanceType: e.InstanceType,
      region: e.Region,
      host: e.Ip,
      port: e.Port,
      database: e.DatabaseName,
      userName: e.UserName,
    };
    return Object.values(endpoint).some((v) => v !== null) ? endpoint : null;
  });

const requiredString = (field: string) =>
  z.unknown().optional().transform((v, ctx) => {
    if (typeof v === "string" && v.trim() !== "") return v;
    if (typeof v === "number") return String(v);
    ctx.addIssue({ code: "custom", message: `${field} is missing` });
    return z.NEVER;
  });

const directionSchema = optionalString.transform((v): Direction | null =>
  v?.toLowerCase() === "reverse" ? "Reverse" : v?.toLowerCase() === "forward" ? "Forward" : null,
);

function hasId(value: unknown): boolean {
  return (typeof value === "string" && value.trim() !== "") || typeof value === "number";
}

const jobFieldsSchema = z
  .object({
    DtsJobId: requiredString("DtsJobId"),
    DtsInstanceID: optionalString,
    DtsInstanceId: optionalString,
    DtsJobName: optionalString,
    Status: optionalString,
    JobType: optionalString,
    DtsJobDirection: directionSchema,
    Delay: optionalNumber,
    ErrorMessage: optionalString,
    CreateTime: optionalString,
    PayType: optionalString,
    DtsJobClass: optionalString,
    SourceEndpoint: endpointSchema,
    DestinationEndpoint: endpointSchema,
  });

// A nested ReverseJob that is null, `{}`, or carries no DtsJobId describes no reverse task: DTS
// returns the object "only for two-way" tasks, and an empty one says nothing more than an absent one.
const reverseJobSchema = z.preprocess(
  (value) => (value && typeof value === "object" && !Array.isArray(value) && hasId((value as Record<string, unknown>).DtsJobId) ? value : null),
  jobFieldsSchema.nullable(),
).transform((r): ReverseTask | null => {
  if (!r) return null;
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
});

const listItemSchema = jobFieldsSchema.extend({ ReverseJob: reverseJobSchema });

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
  const parsed = listItemSchema.safeParse(raw);
  if (!parsed.success) throw malformed("DescribeDtsJobs", parsed.error.issues, requestId);
  const j = parsed.data;
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
      twoWay: j.ReverseJob !== null,
      reverse: j.ReverseJob,
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
  const record = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
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
      .map(([k, v]) => [k, optionalBoolean.parse(v)] as const)
      .filter((entry): entry is readonly [string, boolean] => entry[1] !== null);
    return entries.length ? Object.fromEntries(entries) : null;
  });

const detailSchema = jobFieldsSchema.extend({
  FinishTime: optionalString,
  Checkpoint: optionalString,
  MigrationMode: migrationModeSchema,
  RequestId: optionalString,
});

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
