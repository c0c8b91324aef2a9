// The reset request, shared by the dialog's form and the route handler. Safe for the browser.
import { z } from "zod";
import { idempotencyKeySchema } from "./idempotency";
import { DIRECTIONS } from "./task";
import { REGION_IDS } from "./regions";
import { text } from "./text";
import { accountIdSchema } from "./task-ref";

export const REASON_MIN = 3;
export const REASON_MAX = 500;

/** Why: one reason per reset (or per bulk reset), multi-line, kept in the record. */
export const reasonSchema = text({
  multiline: true,
  min: REASON_MIN,
  max: REASON_MAX,
  tooShort: `Give a reason of at least ${REASON_MIN} characters`,
  tooLong: `Keep the reason under ${REASON_MAX + 1} characters`,
});

export const resetRequestSchema = z
  .object({
    /** The Alibaba Cloud account the task lives in; the console's only account when left out. */
    account: accountIdSchema.optional(),
    region: z.enum(REGION_IDS, { message: "Choose a DTS region" }),
    instanceId: text({ min: 1, max: 64, tooShort: "instanceId is required" }),
    direction: z.enum(DIRECTIONS, { message: 'direction must be "Forward" or "Reverse"' }),
    // Not trimmed here: confirmationMatches forgives surrounding spaces, and only those.
    confirmation: text({ max: 128, trim: false }),
    reason: reasonSchema,
    idempotencyKey: idempotencyKeySchema,
  })
  .strict();

export type ResetRequest = z.infer<typeof resetRequestSchema>;

/**
 * The operator types the task ID of the task being reset. Surrounding spaces are forgiven (a
 * copy-paste artefact); anything else must match exactly, since task IDs are case-sensitive.
 */
export function confirmationMatches(typed: string, jobId: string): boolean {
  return typed.trim() === jobId;
}

export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
