// Shared fixtures of the auth tests (not a test file itself).
import { afterEach } from "vitest";
import type { AuditStore } from "@/lib/db/store";
import type { DialectName } from "@/lib/db/dialect";
import { cliActor, type UserAdminActor } from "@/lib/auth/actors";
import { addUser, type UserAdminContext } from "@/lib/auth/users";
import type { Role } from "@/lib/domain/roles";
import { DEFAULT_SESSION_POLICY } from "@/lib/auth/sessions";
import type { AppMode } from "@/lib/config/env";
import { openFreshStore } from "./audit-helpers";

export const PASSWORD = "correct-horse-battery";

const openStores: AuditStore[] = [];
afterEach(async () => {
  for (const store of openStores.splice(0)) await store.close();
});

/** A fresh, migrated store (a temp SQLite file, or a fresh PostgreSQL schema), closed after the test. */
export async function freshStore(dialect: DialectName = "sqlite"): Promise<AuditStore> {
  const store = await openFreshStore(dialect);
  openStores.push(store);
  return store;
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date("2030-01-01T09:00:00.000Z")) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export const webAdmin: UserAdminActor = { username: "root-admin", role: "admin", via: "web", clientAddress: "10.0.0.1", userAgent: "vitest" };

export function accountContext(store: AuditStore, mode: AppMode = "live", actor: UserAdminActor = cliActor(), now?: () => Date): UserAdminContext {
  return { store, mode, actor, now };
}

export async function createUser(store: AuditStore, username: string, role: Role, options: { mode?: AppMode; actor?: UserAdminActor } = {}) {
  const { user } = await addUser(accountContext(store, options.mode ?? "live", options.actor ?? cliActor()), { username, role, password: PASSWORD });
  return user;
}

export const POLICY = DEFAULT_SESSION_POLICY;

/** An environment for code that reads one (NODE_ENV is required by Next.js's types). */
export function env(vars: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { NODE_ENV: "test", ...vars };
}
