import "server-only";
// The accounts tables (migration 0002_accounts in lib/audit/migrations.ts) as Kysely sees them.
// They live in the audit store's database, next to the reset records they explain.
import type { ColumnType, Kysely } from "kysely";
import type { AuditStore } from "@/lib/db/store";
import type { AuditDatabase } from "@/lib/audit/schema";
import type { Role } from "@/lib/domain/roles";
import type { UserSource } from "@/lib/domain/users";

export type SessionAuthMethod = "password" | "oidc";

/** Written once at insert, never updated (see the users_guard_update trigger). */
type Immutable<T> = ColumnType<T, T, never>;

export interface UsersTable {
  id: Immutable<string>;
  username: Immutable<string>;
  role: Role;
  password_hash: string;
  /** 0/1: created by simulator mode (the demo users, or through the console there). */
  simulator_only: Immutable<number>;
  disabled_at: string | null;
  created_at: Immutable<string>;
  created_by: Immutable<string>;
  updated_at: string;
  password_changed_at: string;
  last_sign_in_at: string | null;
  /** Migration 0008: 'local' or 'oidc', written once (defaults to 'local'). */
  source: ColumnType<UserSource, UserSource | undefined, never>;
  oidc_issuer: ColumnType<string | null, string | null | undefined, never>;
  oidc_subject: ColumnType<string | null, string | null | undefined, never>;
  /** What the provider said at the last sign-in (oidc accounts only). */
  display_name: ColumnType<string | null, string | null | undefined, string | null>;
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** A JSON array of strings. */
  groups: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  id: Immutable<string>;
  secret_hash: Immutable<string>;
  user_id: Immutable<string>;
  created_at: Immutable<string>;
  last_seen_at: string;
  client_address: Immutable<string | null>;
  user_agent: Immutable<string | null>;
  /** Migration 0008: how the session began, and for oidc the raw ID token (for id_token_hint only). */
  auth_method: ColumnType<SessionAuthMethod, SessionAuthMethod | undefined, never>;
  id_token: ColumnType<string | null, string | null | undefined, never>;
}

export interface OidcFlowsTable {
  /** SHA-256 (hex) of the flow id in the browser's cookie. */
  id: Immutable<string>;
  state: Immutable<string>;
  nonce: Immutable<string>;
  code_verifier: Immutable<string>;
  next_path: Immutable<string>;
  created_at: Immutable<string>;
  expires_at: Immutable<string>;
  consumed_at: string | null;
}

export interface ApiTokensTable {
  id: Immutable<string>;
  name: Immutable<string>;
  role: Immutable<Role>;
  secret_hash: Immutable<string>;
  simulator_only: Immutable<number>;
  created_at: Immutable<string>;
  created_by: Immutable<string>;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface AuthEventsTable {
  id: Immutable<string>;
  at: Immutable<string>;
  type: Immutable<string>;
  actor_username: Immutable<string | null>;
  actor_role: Immutable<string | null>;
  via: Immutable<string>;
  subject_username: Immutable<string | null>;
  subject_token_id: Immutable<string | null>;
  client_address: Immutable<string | null>;
  user_agent: Immutable<string | null>;
  /** A JSON object. */
  detail: Immutable<string>;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  last_failure_at: string;
}

// A type alias, not an interface: Kysely's withTables needs an indexable type.
export type AuthTables = {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  auth_events: AuthEventsTable;
  sign_in_throttle: SignInThrottleTable;
  oidc_flows: OidcFlowsTable;
};

export type AuthDb = Kysely<AuditDatabase & AuthTables>;

/** The audit store's connection, typed with the accounts tables as well. */
export function authDb(store: AuditStore): AuthDb {
  return store.db.withTables<AuthTables>();
}

export function iso(date: Date): string {
  return date.toISOString();
}

/** Integers may come back as strings from other drivers (PostgreSQL's bigint); normalise once. */
export function flag(value: number | string): boolean {
  return Number(value) === 1;
}
