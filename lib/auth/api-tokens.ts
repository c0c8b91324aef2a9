import "server-only";
// API tokens for scripts: created by an admin for one role, shown once, stored hashed, revocable,
// and checked on every `Authorization: Bearer` request. Each change is recorded in auth_events.
import { z } from "zod";
import type { AuditStore } from "@/lib/db/store";
import type { AppMode } from "@/lib/config/env";
import { UserError } from "./user-errors";
import type { UserAdminContext } from "./users";
import { apiTokenUsername, eventActor, type Principal } from "./actors";
import { roleSchema, type Role } from "@/lib/domain/roles";
import { issueToken, parseToken, secretMatches } from "./secret-token";
import { recordAuthEvent } from "./store/auth-events";
import { findApiToken, insertApiToken, listApiTokens, revokeApiToken as revokeRow, touchApiToken, type ApiToken } from "./store/api-tokens";

export { listApiTokens, type ApiToken };

export const apiTokenNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, "name must be 1-64 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");

export async function createApiToken(
  context: UserAdminContext,
  input: { name: string; role: Role },
): Promise<{ token: ApiToken; presented: string }> {
  const name = apiTokenNameSchema.parse(input.name);
  const role = roleSchema.parse(input.role);
  const issued = issueToken("dtsc");
  const at = (context.now ?? (() => new Date()))();
  const token = await insertApiToken(context.store, {
    id: issued.id,
    name,
    role,
    secretHash: issued.secretHash,
    // Same reasoning as for accounts: a token made through the console in simulator mode may have
    // been made by anyone holding the demo password.
    simulatorOnly: context.mode === "simulator" && context.actor.via !== "cli",
    createdBy: context.actor.username,
    at,
  });
  if (!token) throw new UserError("token_exists", `An active API token is already named "${name}": revoke it or choose another name.`);
  await recordAuthEvent(context.store, {
    type: "api_token_created",
    at,
    ...eventActor(context.actor),
    subjectTokenId: token.id,
    detail: { name, role },
  });
  return { token, presented: issued.presented };
}

export async function revokeApiToken(context: UserAdminContext, id: string): Promise<ApiToken> {
  const at = (context.now ?? (() => new Date()))();
  const token = await revokeRow(context.store, id, context.actor.username, at);
  if (!token) throw new UserError("token_not_found", "There is no active API token with this id.");
  await recordAuthEvent(context.store, {
    type: "api_token_revoked",
    at,
    ...eventActor(context.actor),
    subjectTokenId: token.id,
    detail: { name: token.name, role: token.role },
  });
  return token;
}

/** last_used_at is rewritten at most once a minute: enough to tell a live token from a dead one. */
const TOUCH_INTERVAL_MS = 60_000;

/** The principal of a presented token, or null when it is unknown, forged, revoked or refused in this mode. */
export async function checkApiToken(store: AuditStore, presented: string, context: { mode: AppMode; now: Date }): Promise<Principal | null> {
  const parsed = parseToken("dtsc", presented);
  if (!parsed) return null;
  const token = await findApiToken(store, parsed.id);
  if (!token || !secretMatches(parsed.secret, token.secretHash)) return null;
  if (token.revokedAt !== null) return null;
  if (context.mode === "live" && token.simulatorOnly) return null;
  if (!token.lastUsedAt || context.now.getTime() - Date.parse(token.lastUsedAt) >= TOUCH_INTERVAL_MS) {
    await touchApiToken(store, token.id, context.now);
  }
  return { kind: "api_token", id: token.id, username: apiTokenUsername(token.name), role: token.role };
}
