import { z } from "zod";

/** The optional idempotencyKey of a reset or reconfiguration request: one rule for both. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,128}$/, "idempotencyKey must be 8-128 letters, digits, - or _")
  .optional();
