import "server-only";
// Making sure someone can sign in when the console starts: the demo users in simulator mode,
// the first admin from the environment in live mode, or a refusal that says what to do.
// scripts/serve.ts runs prepareAccounts before starting Next.js; the server repeats it
// (ensureUsersReady) for a bare `next start` without serve.ts.
import { z } from "zod";
import type { AuditStore } from "@/lib/db/store";
import { getConfig, parseConfig, type AppMode } from "@/lib/config/env";
import { logger } from "@/lib/log";
import { UserError } from "./user-errors";
import { addUser } from "./users";
import { SYSTEM_ACTOR } from "./actors";
import { DEMO_USERS, DEMO_PASSWORD } from "./demo-users";
import { countEnabledUsers, findUser } from "./store/users";

export type UsersReadiness = { ready: true; notes: string[] } | { ready: false; problem: string };

export const NO_ACCOUNTS_INSTRUCTIONS =
  "No account can sign in to this console yet, and live mode has no default password. Create the first admin with\n" +
  "  npm run users -- add <name> --role admin\n" +
  "(it reads the password from standard input, or generates one and shows it once), or set CONSOLE_ADMIN_USERNAME and\n" +
  "CONSOLE_ADMIN_PASSWORD (12 characters or more) for the next start, then start the console again.";

/** Creates whichever demo users are missing. Existing ones are left as they are. */
export async function ensureDemoAccounts(store: AuditStore): Promise<string[]> {
  const created: string[] = [];
  for (const account of DEMO_USERS) {
    if (await findUser(store, account.username)) continue;
    try {
      await addUser({ store, mode: "simulator", actor: SYSTEM_ACTOR }, { ...account, password: DEMO_PASSWORD });
      created.push(account.username);
    } catch (error) {
      // Another process created it between our read and our insert: fine.
      if (!(error instanceof UserError && error.code === "user_exists")) throw error;
    }
  }
  return created;
}

export async function prepareAccounts(store: AuditStore, mode: AppMode, env?: NodeJS.ProcessEnv): Promise<UsersReadiness> {
  if (mode === "simulator") {
    const created = await ensureDemoAccounts(store);
    return { ready: true, notes: created.length ? [`Created the demo users ${created.join(", ")} (simulator mode only).`] : [] };
  }

  const { CONSOLE_ADMIN_USERNAME: envUsername, CONSOLE_ADMIN_PASSWORD: envPassword } = env ? parseConfig(env) : getConfig();
  if ((await countEnabledUsers(store, { liveUsable: true })) > 0) {
    return { ready: true, notes: envUsername ? ["CONSOLE_ADMIN_USERNAME is ignored: accounts already exist. Remove CONSOLE_ADMIN_PASSWORD from the environment."] : [] };
  }
  if (!envUsername || !envPassword) return { ready: false, problem: NO_ACCOUNTS_INSTRUCTIONS };
  try {
    const { user } = await addUser({ store, mode, actor: SYSTEM_ACTOR }, { username: envUsername, role: "admin", password: envPassword });
    return {
      ready: true,
      notes: [`Created the first admin "${user.username}" from CONSOLE_ADMIN_USERNAME. Remove CONSOLE_ADMIN_PASSWORD from the environment now.`],
    };
  } catch (error) {
    // Never echo the password; zod's messages about it name only the rule.
    const detail = error instanceof z.ZodError ? error.issues.map((i) => i.message).join("; ") : (error as Error).message;
    return { ready: false, problem: `CONSOLE_ADMIN_USERNAME / CONSOLE_ADMIN_PASSWORD could not create the first admin: ${detail}.\n${NO_ACCOUNTS_INSTRUCTIONS}` };
  }
}

let prepared: Promise<UsersReadiness> | null = null;
let reportedProblem = false;

/**
 * The server's own check that someone can sign in, prepared once per process once it succeeds.
 * "Not ready" is checked again at the next request: someone may have created the first admin with
 * the CLI meanwhile. Until then the sign-in page and API explain how to create one.
 */
export async function ensureUsersReady(store: AuditStore, mode: AppMode): Promise<UsersReadiness> {
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
