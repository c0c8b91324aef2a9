import "server-only";
// Boundary checks for everything the store writes. They run before any SQL, so an invalid attempt
// throws (a ZodError) with nothing written: the caller then refuses the reset.
import { z } from "zod";
import { resetRequestSchema, JOB_ID_PATTERN } from "../domain/reset";
import { RESET_STATUSES } from "../domain/reset-record";
import { accountIdSchema, DEFAULT_ACCOUNT } from "../domain/task-ref";

// Reuse the rules of the reset request itself, so the store never refuses what the form accepts.
const { region, direction, reason, idempotencyKey } = resetRequestSchema.shape;

const dtsId = z.string().regex(JOB_ID_PATTERN, "must be a DTS ID (letters, digits, - or _; at most 64)");

/** The User-Agent is informational: cut it rather than refuse a reset over a long header. */
const USER_AGENT_MAX = 512;

const jsonObjectText = z.record(z.string(), z.unknown()).transform((value, ctx) => {
  try {
    return JSON.stringify(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "must be serialisable as JSON" });
    return z.NEVER;
  }
});

const nullableNumber = z.number().finite().nullable();
const monitorRuleSchema = z.strictObject({
  type: z.string().max(64),
  enabled: z.boolean(),
  delayRuleTime: nullableNumber,
  phone: z.string().max(512).nullable(),
  jobType: z.string().max(64).nullable(),
  period: nullableNumber,
  times: nullableNumber,
  noticeValue: nullableNumber,
});

/** AlertSnapshot (lib/domain/alerts.ts): what the reset kept of the task's alert settings. */
export const alertSnapshotSchema = z.discriminatedUnion("captured", [
  z.strictObject({ captured: z.literal(true), at: z.string(), requestId: z.string().nullable(), rules: z.array(monitorRuleSchema).max(100) }),
  z.strictObject({ captured: z.literal(false), at: z.string(), code: z.string().nullable(), kind: z.string(), message: z.string().max(2000) }),
]);

export const newResetAttemptSchema = z
  .strictObject({
    idempotencyKey: idempotencyKey.unwrap().nullish().transform((v) => v ?? null),
    /** The Alibaba Cloud account; records written before accounts are `default`. */
    account: accountIdSchema.default(DEFAULT_ACCOUNT),
    jobId: dtsId,
    instanceId: dtsId,
    region,
    jobType: z.string().trim().min(1).max(64),
    taskName: z.string().max(256),
    direction,
    resetJobId: dtsId,
    reason,
    actor: z.strictObject({
      username: z.string().trim().min(1).max(128),
      role: z.string().trim().min(1).max(64),
      address: z.string().max(128).nullish().transform((v) => v ?? null),
      userAgent: z
        .string()
        .nullish()
        .transform((v) => (v == null ? null : v.slice(0, USER_AGENT_MAX))),
    }),
    /** Defaults to now. */
    requestedAt: z.date().optional(),
    /** The DescribeDtsJobs item, as DTS returned it. */
    snapshotJob: jsonObjectText,
    /** The DescribeDtsJobDetail response for the direction being reset, as DTS returned it. */
    snapshotDetail: jsonObjectText,
    /** DescribeJobMonitorRule's rules before the reset, or why they could not be read (JSON text; null: not read). */
    snapshotAlerts: alertSnapshotSchema.nullish().transform((v) => (v == null ? null : JSON.stringify(v))),
    /** The bulk reset this reset is an item of. */
    bulkId: z.string().uuid().nullish().transform((v) => v ?? null),
  })
  .superRefine((attempt, ctx) => {
    // Wiping the wrong half of a two-way instance is the costliest mistake this record can hide.
    if (attempt.direction === "Forward" && attempt.resetJobId !== attempt.jobId) {
      ctx.addIssue({ code: "custom", path: ["resetJobId"], message: "a Forward reset wipes the task itself: resetJobId must equal jobId" });
    }
    if (attempt.direction === "Reverse" && attempt.resetJobId === attempt.jobId) {
      ctx.addIssue({ code: "custom", path: ["resetJobId"], message: "a Reverse reset wipes the reverse task: resetJobId must be its ID, not jobId" });
    }
  });

/** What `beginAttempt` accepts. */
export type NewResetAttempt = z.input<typeof newResetAttemptSchema>;
export type ValidNewResetAttempt = z.output<typeof newResetAttemptSchema>;

const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

// No length caps on what DTS answered: by the time this is written the reset has been sent, and
// losing its outcome over a long message would be worse than storing it.
export const attemptOutcomeSchema = z.strictObject({
  status: z.enum(["succeeded", "failed", "unknown"]),
  finishedAt: z.date(),
  requestId: optionalText,
  httpStatus: z
    .number()
    .int()
    .min(100)
    .max(599)
    .nullish()
    .transform((v) => v ?? null),
  /** DTS's error code (`Code`). */
  errorCode: optionalText,
  /** DTS's message with `DynamicMessage` substituted. */
  errorMessage: optionalText,
  /** The client's classification (timeout, network, dts, ...). */
  errorKind: optionalText,
  retrySafe: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
});
export type AttemptOutcome = z.input<typeof attemptOutcomeSchema>;

export const reconciliationSchema = z.strictObject({
  status: z.enum(["succeeded", "failed"]),
  /** When the task was read. For `succeeded` this is also when NotConfigured was observed. */
  at: z.date(),
  note: z.string().trim().min(1).max(2000),
  jobIdAfter: dtsId.nullish().transform((v) => v ?? null),
});
export type Reconciliation = z.input<typeof reconciliationSchema>;

export const verificationSchema = z.strictObject({
  at: z.date(),
  jobIdAfter: dtsId.nullish().transform((v) => v ?? null),
});
export type Verification = z.input<typeof verificationSchema>;

export const MAX_PAGE_SIZE = 500;

/** An empty or blank text filter means "no filter" (what an empty form field sends). */
const textFilter = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v));

export const resetFiltersSchema = z.strictObject({
  outcome: z.enum(RESET_STATUSES).optional(),
  /** Case-insensitive substring of the task ID, reset task ID, instance ID or task name. */
  task: textFilter,
  /** Case-insensitive substring of the actor's username. */
  actor: textFilter,
  /** The Alibaba Cloud account, exactly. */
  account: accountIdSchema.optional(),
  /** The bulk reset the records are items of. */
  bulkId: z.string().uuid().optional(),
  /** Requested at or after this instant. */
  from: z.date().optional(),
  /** Requested strictly before this instant (half-open range: pass the next day for a whole day). */
  to: z.date().optional(),
});
export type ValidResetFilters = z.output<typeof resetFiltersSchema>;

export const paginationSchema = z.strictObject({
  /** 1-based. */
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE),
});
