import "server-only";
// The server's own check that someone can sign in (scripts/serve.ts checks first; this covers a
// bare `next start`): demo accounts in simulator mode, the first admin from the environment in live
// mode, otherwise the sign-in page and API explain how to create one.
import type { AuditStore } from "@/lib/audit/db";
import type { AppMode } from "@/lib/config/mode";
import { logger } from "@/lib/log";
import { prepareAccounts, type AccountsReadiness } from "./bootstrap";

let prepared: Promise<AccountsReadiness> | null = null;
let reportedProblem = false;

/**
 * Prepared once per process once it succeeds. "Not ready" is checked again at the next request:
 * someone may have created the first admin with the CLI meanwhile.
 */
export async function ensureAccountsReady(store: AuditStore, mode: AppMode): Promise<AccountsReadiness> {
  prepared ??= prepareAccounts(store, mode).then(
    (result) => {
      if (result.ready) for (const note of result.notes) logger.info("accounts_prepared", { mode, note });
      return result;
    },
    (error: unknown) => {
      prepared = null;
      throw error;
    },
  );
  const result = await prepared;
  if (!result.ready) {
    prepared = null;
    if (!reportedProblem) logger.error("no_accounts", { mode, problem: result.problem });
    reportedProblem = true;
  }
  return result;
}
