// Accounts, API tokens and account events as the admin API returns them. Safe for the browser;
// lib/auth/dto.ts builds them from the store's rows, so a column rename never reaches the page.
import type { Role } from "@/lib/domain/roles";

export interface UserView {
  id: string;
  username: string;
  role: Role;
  /** Created through the console in simulator mode: refused in live mode. */
  simulatorOnly: boolean;
  disabledAt: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  passwordChangedAt: string;
  lastSignInAt: string | null;
}

/** Never the secret, never its hash. */
export interface ApiTokenView {
  id: string;
  name: string;
  role: Role;
  simulatorOnly: boolean;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

export const AUTH_EVENT_TYPES = [
  "sign_in_succeeded",
  "sign_in_failed",
  "sign_in_throttled",
  "signed_out",
  "user_created",
  "user_role_changed",
  "user_disabled",
  "user_enabled",
  "user_password_reset",
  "user_unlocked",
  "api_token_created",
  "api_token_revoked",
] as const;
export type AuthEventType = (typeof AUTH_EVENT_TYPES)[number];

/** Through which door a change came: the web console, an API token, the users CLI, the console itself. */
export const AUTH_EVENT_VIAS = ["web", "api_token", "cli", "system"] as const;
export type AuthEventVia = (typeof AUTH_EVENT_VIAS)[number];

export interface AuthEventView {
  id: string;
  at: string;
  type: AuthEventType;
  actorUsername: string | null;
  actorRole: string | null;
  via: AuthEventVia;
  subjectUsername: string | null;
  subjectTokenId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  /** Small facts: the reason of a failure, a role before and after. Never a secret. */
  detail: Record<string, unknown>;
}
