import "server-only";
// The process-wide things authentication needs: the store, the mode, the session policy, the clock.
import type { AuditStore } from "@/lib/db/store";
import { getStore } from "@/lib/db/connection";
import { getAppMode, type AppMode } from "@/lib/config/env";
import { AccessRefusal } from "@/lib/domain/errors";
import { logger } from "@/lib/log";
import { ensureUsersReady, type UsersReadiness } from "./bootstrap";
import { sessionPolicyFromEnv, type SessionPolicy } from "./sessions";

let policy: SessionPolicy | null = null;

export function sessionPolicy(): SessionPolicy {
  policy ??= sessionPolicyFromEnv();
  return policy;
}

export interface AuthDeps {
  store: AuditStore;
  mode: AppMode;
  policy: SessionPolicy;
  now: Date;
  /** Whether anyone can sign in (live mode with no user yet cannot). */
  accounts: UsersReadiness;
}

/** Opens what authentication needs, or refuses (auth_unavailable): without the store nobody can be recognised. */
export async function authDeps(): Promise<AuthDeps> {
  let store: AuditStore;
  try {
    store = await getStore();
  } catch (error) {
    logger.error("auth_store_unavailable", { name: (error as Error).name, message: (error as Error).message });
    throw new AccessRefusal("auth_unavailable", "Sign-in is unavailable: the console's database cannot be opened.");
  }
  const mode = getAppMode();
  const accounts = await ensureUsersReady(store, mode);
  return { store, mode, policy: sessionPolicy(), now: new Date(), accounts };
}
