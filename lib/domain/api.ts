// Query schemas of the JSON API, shared by the route handlers and the browser. Safe for the browser.
import { z } from "zod";
import { REGION_IDS } from "./regions";
import { JOB_ID_PATTERN } from "./reset";
import { text } from "./text";
import { accountIdSchema } from "./task-ref";

import { LIST_PAGE_SIZES, RESET_PAGE_SIZES, TASK_TYPES } from "./api-constants";
import { RESET_STATUSES } from "./reset-record";

export const regionParam = z.enum(REGION_IDS, { message: "region must be a DTS region ID such as cn-hangzhou" });

export const listJobsQuerySchema = z
  .object({
    /** The Alibaba Cloud account; the console's only one when left out. */
    account: accountIdSchema.optional(),
    region: regionParam,
    type: z.enum(TASK_TYPES, { message: 'type must be "sync" or "subscribe"' }).default("sync"),
    status: text({ max: 40 })
      .regex(/^[A-Za-z]{1,40}$/, "status must be a DTS status name")
      .optional(),
    q: text({ max: 128, tooLong: "q must be at most 128 characters" }).optional(),
    page: z.coerce.number().int("page must be a whole number").min(1).max(100_000).default(1),
    pageSize: z.coerce
      .number()
      .refine((n) => (LIST_PAGE_SIZES as readonly number[]).includes(n), "pageSize must be 10, 20 or 30")
      .default(20),
  })
  .strict();

export type ListJobsQuery = z.infer<typeof listJobsQuerySchema>;

export const jobIdParam = z.string().regex(JOB_ID_PATTERN, "the task ID has an unexpected format");

/** A DTS instance ID (dtsXXXX): the same characters as a task ID. */
export const instanceIdParam = z.string().regex(JOB_ID_PATTERN, "the instance ID has an unexpected format");

export const taskLookupQuerySchema = z
  .object({
    account: accountIdSchema.optional(),
    region: regionParam,
    type: z.enum(TASK_TYPES).optional(),
  })
  .strict();

/** GET /api/overview: one task type; every account, or those named (comma-separated). */
export const overviewQuerySchema = z
  .object({
    type: z.enum(TASK_TYPES, { message: 'type must be "sync" or "subscribe"' }).default("sync"),
    account: text({ max: 400 })
      .transform((v) => v.split(",").map((a) => a.trim()).filter(Boolean))
      .pipe(z.array(accountIdSchema).max(100))
      .optional(),
  })
  .strict();

/** A date (YYYY-MM-DD, taken as UTC midnight) or a full ISO-8601 instant. */
const instant = text({ max: 40 })
  .refine((v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(v) && !Number.isNaN(Date.parse(v)), "must be a date (YYYY-MM-DD) or an ISO-8601 time")
  .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v));

const resetFilterFields = {
    outcome: z.enum(RESET_STATUSES, { message: "outcome must be pending, succeeded, failed or unknown" }).optional(),
    task: text({ max: 200 }).optional(),
    actor: text({ max: 200 }).optional(),
    account: accountIdSchema.optional(),
    bulkId: z.string().uuid("bulkId must be a bulk reset ID").optional(),
    from: instant.optional(),
    /** Inclusive day when given as a date: the whole day counts. */
    to: text({ max: 40 })
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        const parsed = instant.safeParse(v);
        if (!parsed.success) {
          ctx.addIssue({ code: "custom", message: "must be a date (YYYY-MM-DD) or an ISO-8601 time" });
          return z.NEVER;
        }
        return v.length === 10 ? new Date(parsed.data.getTime() + 86_400_000) : parsed.data;
      }),
};

const rangeInOrder = (q: { from?: Date; to?: Date }) => !q.from || !q.to || q.from < q.to;
const rangeMessage = { message: "from must be before to", path: ["to"] };

export const listResetsQuerySchema = z
  .object({
    ...resetFilterFields,
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce
      .number()
      .refine((n) => (RESET_PAGE_SIZES as readonly number[]).includes(n), "pageSize must be 10, 25, 50 or 100")
      .default(25),
  })
  .strict()
  .refine(rangeInOrder, rangeMessage);

export const exportResetsQuerySchema = z
  .object({
    ...resetFilterFields,
    format: z.enum(["csv", "json"], { message: 'format must be "csv" or "json"' }).default("csv"),
    // The language of the CSV's header row (the cells and the JSON export never change).
    lang: z.enum(["en", "zh-CN"], { message: 'lang must be "en" or "zh-CN"' }).default("en"),
  })
  .strict()
  .refine(rangeInOrder, rangeMessage);

export const resetIdParam = z.string().uuid("the reset ID must be a UUID");
export const reconfigurationIdParam = z.string().uuid("the reconfiguration ID must be a UUID");
