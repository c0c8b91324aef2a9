// Request bodies of the admin API, checked by its route handlers. Safe for the browser: no server import.
import { z } from "zod";
import { newPasswordSchema } from "./credential-rules";
import { roleSchema } from "@/lib/domain/roles";
import { text } from "@/lib/domain/text";

export const createUserBodySchema = z.strictObject({
  username: text({ max: 256 }),
  role: roleSchema,
  /** Omit to have one generated and shown once. */
  password: newPasswordSchema.optional(),
});

/** One change at a time, so each is recorded as one event. */
export const updateUserBodySchema = z.union([z.strictObject({ role: roleSchema }), z.strictObject({ disabled: z.boolean() })]);

export const resetPasswordBodySchema = z.strictObject({ password: newPasswordSchema.optional() });

export const createTokenBodySchema = z.strictObject({ name: text({ max: 256 }), role: roleSchema });

export const TOKEN_ID_PATTERN = /^[0-9a-f]{16}$/;
