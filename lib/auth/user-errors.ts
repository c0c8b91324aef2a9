// Refusals of account management, shared by the admin API (its status comes from the one table in
// lib/api/errors.ts) and the CLI (printed).
import "server-only";
import { DomainError, type UserErrorCode } from "@/lib/domain/errors";

export type { UserErrorCode };

export class UserError extends DomainError<UserErrorCode> {
  override name = "UserError";
}
