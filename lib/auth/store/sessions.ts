import "server-only";
// The sessions table: one row per signed-in browser, holding only SHA-256 of the cookie's secret.
import type { AuditStore } from "@/lib/db/store";
import { storeOperation } from "@/lib/audit/errors";
import type { Role } from "@/lib/domain/roles";
import { authDb, flag, iso, type SessionAuthMethod } from "./tables";

export interface NewSessionRow {
  id: string;
  secretHash: string;
  userId: string;
  at: Date;
  clientAddress: string | null;
  userAgent: string | null;
  /** Migration 0008: how the session began; for oidc, the raw ID token (kept for id_token_hint only). */
  authMethod?: SessionAuthMethod;
  idToken?: string | null;
}

export async function insertSession(store: AuditStore, input: NewSessionRow): Promise<void> {
  const at = iso(input.at);
  await storeOperation("create the session", () =>
    authDb(store)
      .insertInto("sessions")
      .values({
        id: input.id,
        secret_hash: input.secretHash,
        user_id: input.userId,
        created_at: at,
        last_seen_at: at,
        client_address: input.clientAddress,
        user_agent: input.userAgent,
        auth_method: input.authMethod ?? "password",
        id_token: input.idToken ?? null,
      })
      .execute(),
  );
}

/** A session with the current state of its account (role and status are read at every request). */
export interface SessionWithUser {
  id: string;
  secretHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  userId: string;
  username: string;
  role: Role;
  userDisabled: boolean;
  userSimulatorOnly: boolean;
}

export async function findSession(store: AuditStore, id: string): Promise<SessionWithUser | null> {
  const row = await storeOperation("read the session", () =>
    authDb(store)
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select([
        "sessions.id as id",
        "sessions.secret_hash as secret_hash",
        "sessions.created_at as created_at",
        "sessions.last_seen_at as last_seen_at",
        "users.id as user_id",
        "users.username as username",
        "users.role as role",
        "users.disabled_at as disabled_at",
        "users.simulator_only as simulator_only",
      ])
      .where("sessions.id", "=", id)
      .executeTakeFirst(),
  );
  if (!row) return null;
  return {
    id: row.id,
    secretHash: row.secret_hash,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    userId: row.user_id,
    username: row.username,
    role: row.role,
    userDisabled: row.disabled_at !== null,
    userSimulatorOnly: flag(row.simulator_only),
  };
}

/** How a session began and its ID token (for RP-initiated logout); never sent to the browser. */
export async function findSessionSignInMethod(store: AuditStore, id: string): Promise<{ secretHash: string; authMethod: SessionAuthMethod; idToken: string | null } | null> {
  const row = await storeOperation("read the session", () =>
    authDb(store).selectFrom("sessions").select(["secret_hash", "auth_method", "id_token"]).where("id", "=", id).executeTakeFirst(),
  );
  return row ? { secretHash: row.secret_hash, authMethod: row.auth_method, idToken: row.id_token } : null;
}

export async function touchSession(store: AuditStore, id: string, at: Date): Promise<void> {
  await storeOperation("record the session's use", () =>
    authDb(store).updateTable("sessions").set({ last_seen_at: iso(at) }).where("id", "=", id).execute(),
  );
}

export async function deleteSession(store: AuditStore, id: string): Promise<boolean> {
  const result = await storeOperation("end the session", () => authDb(store).deleteFrom("sessions").where("id", "=", id).executeTakeFirst());
  return Number(result.numDeletedRows) > 0;
}

/** Ends every session of a user (password reset, account disabled). Returns how many ended. */
export async function deleteSessionsOfUser(store: AuditStore, userId: string): Promise<number> {
  const result = await storeOperation("end the user's sessions", () =>
    authDb(store).deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst(),
  );
  return Number(result.numDeletedRows);
}

/** Deletes sessions that can no longer be valid: last used before `lastSeenBefore` or created before `createdBefore`. */
export async function deleteStaleSessions(store: AuditStore, lastSeenBefore: Date, createdBefore: Date): Promise<number> {
  const result = await storeOperation("clean up ended sessions", () =>
    authDb(store)
      .deleteFrom("sessions")
      .where((eb) => eb.or([eb("last_seen_at", "<", iso(lastSeenBefore)), eb("created_at", "<", iso(createdBefore))]))
      .executeTakeFirst(),
  );
  return Number(result.numDeletedRows);
}
