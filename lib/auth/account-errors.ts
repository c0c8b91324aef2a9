// Refusals of account management, shared by the admin API (its status comes from the one table in
// lib/api/errors.ts) and the CLI (printed).
import "server-only";
import { DomainError, type AccountErrorCode } from "@/lib/domain/errors";

export type { AccountErrorCode };

export class AccountError extends DomainError<AccountErrorCode> {
  override name = "AccountError";
}
