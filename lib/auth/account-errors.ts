// Refusals of account management, shared by the admin API (mapped to JSON errors in
// lib/api/errors.ts) and the CLI (printed). Not `server-only`: the CLI throws them.

export type AccountErrorCode = "user_exists" | "user_not_found" | "token_exists" | "token_not_found" | "last_admin" | "own_account";

const STATUS: Record<AccountErrorCode, number> = {
  user_exists: 409,
  user_not_found: 404,
  token_exists: 409,
  token_not_found: 404,
  last_admin: 409,
  own_account: 409,
};

export class AccountError extends Error {
  override readonly name = "AccountError";
  readonly status: number;
  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
