import "server-only";
// The api_tokens table: tokens for automation, each with one role, holding only SHA-256 of the secret.
import type { Selectable } from "kysely";
import type { AuditStore } from "@/lib/db/store";
import { storeOperation } from "@/lib/audit/errors";
import type { ApiTokenView } from "@/lib/domain/users";
import type { Role } from "@/lib/domain/roles";
import { authDb, flag, iso, type ApiTokensTable } from "./tables";

/** A token as the admin page lists it (the API's view, its fields written once): never the secret, never its hash. */
export type ApiToken = ApiTokenView;

export interface ApiTokenWithHash extends ApiToken {
  secretHash: string;
}

type Row = Selectable<ApiTokensTable>;

function toApiToken(row: Row): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    simulatorOnly: flag(row.simulator_only),
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
  };
}

export interface NewApiTokenRow {
  id: string;
  name: string;
  role: Role;
  secretHash: string;
  simulatorOnly: boolean;
  createdBy: string;
  at: Date;
}

/** Inserts the token, or returns null when an active token already has this name. */
export async function insertApiToken(store: AuditStore, input: NewApiTokenRow): Promise<ApiToken | null> {
  const row = await storeOperation("create the API token", () =>
    authDb(store)
      .insertInto("api_tokens")
      .values({
        id: input.id,
        name: input.name,
        role: input.role,
        secret_hash: input.secretHash,
        simulator_only: input.simulatorOnly ? 1 : 0,
        created_at: iso(input.at),
        created_by: input.createdBy,
        last_used_at: null,
        revoked_at: null,
        revoked_by: null,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst(),
  );
  return row ? toApiToken(row) : null;
}

export async function findApiToken(store: AuditStore, id: string): Promise<ApiTokenWithHash | null> {
  const row = await storeOperation("read the API token", () =>
    authDb(store).selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst(),
  );
  return row ? { ...toApiToken(row), secretHash: row.secret_hash } : null;
}

/** Newest first; revoked ones included (they are part of the record). */
export async function listApiTokens(store: AuditStore): Promise<ApiToken[]> {
  const rows = await storeOperation("list API tokens", () =>
    authDb(store).selectFrom("api_tokens").selectAll().orderBy("created_at", "desc").orderBy("id").execute(),
  );
  return rows.map(toApiToken);
}

/** Revokes an active token; returns null when there is no such token or it was already revoked. */
export async function revokeApiToken(store: AuditStore, id: string, by: string, at: Date): Promise<ApiToken | null> {
  const row = await storeOperation("revoke the API token", () =>
    authDb(store)
      .updateTable("api_tokens")
      .set({ revoked_at: iso(at), revoked_by: by })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .returningAll()
      .executeTakeFirst(),
  );
  return row ? toApiToken(row) : null;
}

export async function touchApiToken(store: AuditStore, id: string, at: Date): Promise<void> {
  await storeOperation("record the API token's use", () =>
    authDb(store).updateTable("api_tokens").set({ last_used_at: iso(at) }).where("id", "=", id).execute(),
  );
}
