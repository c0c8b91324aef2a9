// Query schemas of the JSON API, shared by the route handlers and the browser. Safe for the browser.
import { z } from "zod";
import { REGION_IDS } from "./regions";
import { JOB_ID_PATTERN } from "./reset";

export const TASK_TYPES = ["sync", "subscribe"] as const;
export type TaskTypeParam = (typeof TASK_TYPES)[number];

export const LIST_PAGE_SIZES = [10, 20, 30] as const;

export const regionParam = z.enum(REGION_IDS, { message: "region must be a DTS region ID such as cn-hangzhou" });

export const listJobsQuerySchema = z
  .object({
    region: regionParam,
    type: z.enum(TASK_TYPES, { message: 'type must be "sync" or "subscribe"' }).default("sync"),
    status: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{1,40}$/, "status must be a DTS status name")
      .optional(),
    q: z.string().trim().max(128, "q must be at most 128 characters").optional(),
    page: z.coerce.number().int("page must be a whole number").min(1).max(100_000).default(1),
    pageSize: z.coerce
      .number()
      .refine((n) => (LIST_PAGE_SIZES as readonly number[]).includes(n), "pageSize must be 10, 20 or 30")
      .default(20),
  })
  .strict();

export type ListJobsQuery = z.infer<typeof listJobsQuerySchema>;

export const jobIdParam = z.string().regex(JOB_ID_PATTERN, "the task ID has an unexpected format");

export const taskLookupQuerySchema = z
  .object({
    region: regionParam,
    type: z.enum(TASK_TYPES).optional(),
  })
  .strict();

export function typeParamToJobType(type: TaskTypeParam): "SYNC" | "SUBSCRIBE" {
  return type === "sync" ? "SYNC" : "SUBSCRIBE";
}
