// The body of POST /api/reconfigurations/{id}/start, validated by the route (zod). The key makes a
// retried request (a double click, a lost answer) the same start: it is never sent twice.
import { z } from "zod";
import { idempotencyKeySchema } from "./idempotency";

export const startAgainRequestSchema = z.object({ idempotencyKey: idempotencyKeySchema }).strict();

export type StartAgainRequest = z.infer<typeof startAgainRequestSchema>;
