import "server-only";
// The users table: accounts, their role, their argon2id hash. Portable SQL only.
import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { AuditStore } from "@/lib/db/store";
import { storeOperation } from "@/lib/audit/errors";
import type { UserView } from "@/lib/domain/users";
import type { Role } from "@/lib/domain/roles";
import { authDb, flag, iso, type UsersTable } from "./tables";

/** An account as the rest of the console sees it: the API's view, so its fields are written once. Never carries the password hash. */
export type User = UserView;

type UserRow = Selectable<UsersTable>;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    simulatorOnly: flag(row.simulator_only),
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    passwordChangedAt: row.password_changed_at,
    lastSignInAt: row.last_sign_in_at,
    source: row.source,
    displayName: row.display_name,
    email: row.email,
    groups: parseGroups(row.groups),
  };
}

function parseGroups(text: string | null): string[] | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((g): g is string => typeof g === "string") : null;
  } catch {
    return null;
  }
}

/**
 * The password_hash of an oidc account: it satisfies the column's argon2id check but is the hash
 * of nothing (verification fails on it), and password sign-in refuses oidc accounts before that.
 */
export const NO_PASSWORD_HASH = "$argon2id$none:oidc-account-has-no-password";

export interface NewUserRow {
  username: string;
  role: Role;
  passwordHash: string;
  simulatorOnly: boolean;
  createdBy: string;
  at: Date;
}

/** Inserts the user, or returns null when the username is taken. */
export async function insertUser(store: AuditStore, input: NewUserRow): Promise<User | null> {
  const at = iso(input.at);
  const row = await storeOperation("create the user", () =>
    authDb(store)
      .insertInto("users")
      .values({
        id: randomUUID(),
        username: input.username,
        role: input.role,
        password_hash: input.passwordHash,
        simulator_only: input.simulatorOnly ? 1 : 0,
        disabled_at: null,
        created_at: at,
        created_by: input.createdBy,
        updated_at: at,
        password_changed_at: at,
        last_sign_in_at: null,
      })
      .onConflict((oc) => oc.column("username").doNothing())
      .returningAll()
      .executeTakeFirst(),
  );
  return row ? toUser(row) : null;
}

export async function findUser(store: AuditStore, username: string): Promise<User | null> {
  return (await findUserWithPasswordHash(store, username))?.user ?? null;
}

/** For sign-in only: the hash travels beside the user, never inside it, so it cannot be serialised by accident. */
export async function findUserWithPasswordHash(store: AuditStore, username: string): Promise<{ user: User; passwordHash: string } | null> {
  const row = await storeOperation("read a user", () =>
    authDb(store).selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst(),
  );
  return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
}

/** The oidc account of an identity at a provider (issuer + sub), if it signed in before. */
export async function findUserByOidcIdentity(store: AuditStore, issuer: string, subject: string): Promise<User | null> {
  const row = await storeOperation("read a user", () =>
    authDb(store)
      .selectFrom("users")
      .selectAll()
      .where("source", "=", "oidc")
      .where("oidc_issuer", "=", issuer)
      .where("oidc_subject", "=", subject)
      .executeTakeFirst(),
  );
  return row ? toUser(row) : null;
}

export interface OidcProfile {
  role: Role;
  displayName: string | null;
  email: string | null;
  groups: readonly string[];
}

/** Creates the oidc account of an identity; null when the username is taken (by any account). */
export async function insertOidcUser(
  store: AuditStore,
  input: { username: string; issuer: string; subject: string; profile: OidcProfile; at: Date },
): Promise<User | null> {
  const at = iso(input.at);
  const row = await storeOperation("create the user", () =>
    authDb(store)
      .insertInto("users")
      .values({
        id: randomUUID(),
        username: input.username,
        role: input.profile.role,
        password_hash: NO_PASSWORD_HASH,
        simulator_only: 0,
        disabled_at: null,
        created_at: at,
        created_by: "oidc",
        updated_at: at,
        password_changed_at: at,
        last_sign_in_at: null,
        source: "oidc",
        oidc_issuer: input.issuer,
        oidc_subject: input.subject,
        display_name: input.profile.displayName,
        email: input.profile.email,
        groups: JSON.stringify(input.profile.groups),
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst(),
  );
  return row ? toUser(row) : null;
}

/** What the provider said at this sign-in: the role from the groups, name, email, groups. */
export async function updateOidcProfile(store: AuditStore, userId: string, profile: OidcProfile, at: Date): Promise<User | null> {
  const row = await storeOperation("update the user", () =>
    authDb(store)
      .updateTable("users")
      .set({
        role: profile.role,
        display_name: profile.displayName,
        email: profile.email,
        groups: JSON.stringify(profile.groups),
        last_sign_in_at: iso(at),
      })
      .where("id", "=", userId)
      .where("source", "=", "oidc")
      .returningAll()
      .executeTakeFirst(),
  );
  return row ? toUser(row) : null;
}

export async function listUsers(store: AuditStore): Promise<User[]> {
  const rows = await storeOperation("list users", () =>
    authDb(store).selectFrom("users").selectAll().orderBy("username").execute(),
  );
  return rows.map(toUser);
}

export interface UserFilter {
  /** Count only accounts that can sign in in live mode. */
  liveUsable?: boolean;
  role?: Role;
}

/** Enabled accounts matching the filter. */
export async function countEnabledUsers(store: AuditStore, filter: UserFilter = {}): Promise<number> {
  const result = await storeOperation("count users", () => {
    let query = authDb(store)
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("disabled_at", "is", null);
    if (filter.liveUsable) query = query.where("simulator_only", "=", 0);
    if (filter.role) query = query.where("role", "=", filter.role);
    return query.executeTakeFirstOrThrow();
  });
  return Number(result.n);
}

export type UserChange =
  | { role: Role }
  | { disabledAt: Date | null }
  | { passwordHash: string }
  | { lastSignInAt: Date };

/** Applies one change; returns the updated user, or null when there is no such user. */
export async function updateUser(store: AuditStore, username: string, change: UserChange, at: Date): Promise<User | null> {
  const set: Partial<{ role: Role; disabled_at: string | null; password_hash: string; password_changed_at: string; last_sign_in_at: string; updated_at: string }> = {};
  if ("role" in change) set.role = change.role;
  if ("disabledAt" in change) set.disabled_at = change.disabledAt ? iso(change.disabledAt) : null;
  if ("passwordHash" in change) {
    set.password_hash = change.passwordHash;
    set.password_changed_at = iso(at);
  }
  if ("lastSignInAt" in change) set.last_sign_in_at = iso(change.lastSignInAt);
  else set.updated_at = iso(at); // a sign-in is not a change to the account
  const row = await storeOperation("update the user", () =>
    authDb(store).updateTable("users").set(set).where("username", "=", username).returningAll().executeTakeFirst(),
  );
  return row ? toUser(row) : null;
}
