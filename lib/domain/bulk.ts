// The bulk reset (issue 22): many tasks, one reason, one typed confirmation (the number of
// items), worked through by the server one guarded reset at a time. The request schemas, shared by
// the bulk dialog's form and the route handlers; the statuses and result types are in
// bulk-result.ts (zod-free, for the pages) and re-exported here. Safe for the browser.
import { z } from "zod";
import { idempotencyKeySchema } from "./idempotency";
import { JOB_ID_PATTERN, reasonSchema } from "./reset";
import { REGION_IDS } from "./regions";
import { DIRECTIONS } from "./task";
import { text } from "./text";
import { accountIdSchema } from "./task-ref";
import { BULK_MAX_ITEMS, BULK_PAGE_SIZES, BULK_STATUSES, bulkItemKey } from "./bulk-result";

export * from "./bulk-result";

export const bulkItemSchema = z
  .object({
    /** The Alibaba Cloud account; the console's first when left out. */
    account: accountIdSchema.optional(),
    region: z.enum(REGION_IDS, { message: "Choose a DTS region" }),
    jobId: z.string().regex(JOB_ID_PATTERN, "the task ID has an unexpected format"),
    instanceId: z.string().regex(JOB_ID_PATTERN, "the instance ID has an unexpected format"),
    direction: z.enum(DIRECTIONS, { message: 'direction must be "Forward" or "Reverse"' }),
  })
  .strict();

export type BulkItemInput = z.infer<typeof bulkItemSchema>;

export const bulkResetRequestSchema = z
  .object({
    items: z
      .array(bulkItemSchema)
      .min(1, "Choose at least one task")
      .max(BULK_MAX_ITEMS, `A bulk reset takes at most ${BULK_MAX_ITEMS} tasks`)
      .superRefine((items, ctx) => {
        const seen = new Map<string, number>();
        items.forEach((item, index) => {
          const key = bulkItemKey(item);
          const first = seen.get(key);
          if (first !== undefined) {
            ctx.addIssue({ code: "custom", path: [index], message: `Item ${index + 1} repeats item ${first + 1} (the same task and direction)` });
          } else seen.set(key, index);
        });
      }),
    reason: reasonSchema,
    /** The number of items, as the operator typed it ("12"). Checked by the server, not here. */
    confirmation: text({ max: 16, trim: false }),
    idempotencyKey: idempotencyKeySchema,
    /** Plan only: read every task fresh and say which can be reset; send nothing. */
    dryRun: z.boolean().optional(),
  })
  .strict();

export type BulkResetRequest = z.infer<typeof bulkResetRequestSchema>;

export const bulkIdParam = z.string().regex(/^[0-9a-f-]{36}$/, "not a bulk reset ID");

export const listBulkResetsQuerySchema = z
  .object({
    status: z.enum(BULK_STATUSES, { message: `status must be one of ${BULK_STATUSES.join(", ")}` }).optional(),
    page: z.coerce.number().int("page must be a whole number").min(1).max(100_000).default(1),
    pageSize: z.coerce
      .number()
      .refine((n) => (BULK_PAGE_SIZES as readonly number[]).includes(n), `pageSize must be ${BULK_PAGE_SIZES.join(", ")}`)
      .default(25),
  })
  .strict();

export type ListBulkResetsQuery = z.infer<typeof listBulkResetsQuerySchema>;


/** GET /api/bulk-resets/{id}/export: the download's format. */
export const bulkExportQuerySchema = z.object({ format: z.enum(["csv", "json"], { message: 'format must be "csv" or "json"' }).default("csv") }).strict();
