import "server-only";
// Checking the API token of an `Authorization: Bearer` request.
import type { AuditStore } from "@/lib/audit/db";
import type { AppMode } from "@/lib/config/mode";
import { apiTokenUsername, type Principal } from "./principal";
import { parseToken, secretMatches } from "./secret-token";
import { findApiToken, touchApiToken } from "./store/api-tokens";

/** last_used_at is rewritten at most once a minute: enough to tell a live token from a dead one. */
const TOUCH_INTERVAL_MS = 60_000;

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
