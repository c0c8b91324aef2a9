// The reset request, shared by the dialog's form and the route handler. Safe for the browser.
import { z } from "zod";
import { DIRECTIONS } from "./task";
import { REGION_IDS } from "./regions";

export const REASON_MIN = 3;
export const REASON_MAX = 500;

export const resetRequestSchema = z
  .object({
    region: z.enum(REGION_IDS, { message: "Choose a DTS region" }),
    instanceId: z.string().trim().min(1, "instanceId is required").max(64),
    direction: z.enum(DIRECTIONS, { message: 'direction must be "Forward" or "Reverse"' }),
    confirmation: z.string().max(128),
    reason: z
      .string()
      .trim()
      .min(REASON_MIN, `Give a reason of at least ${REASON_MIN} characters`)
      .max(REASON_MAX, `Keep the reason under ${REASON_MAX + 1} characters`),
    idempotencyKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,128}$/, "idempotencyKey must be 8-128 letters, digits, - or _")
      .optional(),
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
