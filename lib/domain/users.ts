// Accounts, API tokens and account events as the admin API returns them. Safe for the browser;
// lib/auth/dto.ts builds them from the store's rows, so a column rename never reaches the page.
import { ROLES, isRole, type Role } from "@/lib/domain/roles";

/** Where an account comes from: the console's own password list, or the company's OpenID Provider. */
export const USER_SOURCES = ["local", "oidc"] as const;
export type UserSource = (typeof USER_SOURCES)[number];

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
  /** `oidc`: created and kept up to date by sign-in through the provider; its role comes from its groups. */
  source: UserSource;
  /** oidc accounts: what the provider said at the last sign-in; null for local accounts. */
  displayName: string | null;
  email: string | null;
  groups: string[] | null;
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

// --- Accounts from the OpenID Provider (issue 23) ---------------------------------------------
// From the provider's claims to a console role: which claim holds the groups (a dotted path), how
// OIDC_ROLE_MAP reads, and the rule "the highest role a person's groups give wins; none and no
// default role: refused". Pure, so lib/config/env.ts validates OIDC_ROLE_MAP and OIDC_ROLES_CLAIM
// with the same code the sign-in (lib/auth/oidc.ts) uses.

export interface RoleMapping {
  group: string;
  role: Role;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** 127.0.0.1, ::1 and localhost: the only hosts an http:// issuer may have (tests, the demo). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** `groups` or `realm_access.roles`: the segments of a claim path, or null when malformed. */
export function parseClaimPath(text: string): string[] | null {
  const segments = text.trim().split(".");
  return segments.length <= 5 && segments.every((s) => /^[A-Za-z0-9_:$/-]{1,128}$/.test(s)) ? segments : null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * `dts-admins=admin,dts-operators=operator`: pairs separated by commas (or line breaks), the role
 * after the last `=`, so a group name may itself hold `=`. A group listed twice is a mistake.
 */
export function parseRoleMap(text: string): Parsed<RoleMapping[]> {
  const pairs = text.split(/[,\n]/).map((p) => p.trim()).filter((p) => p !== "");
  if (pairs.length === 0) return { ok: false, message: "must list at least one group=role pair" };
  const seen = new Set<string>();
  const mappings: RoleMapping[] = [];
  for (const pair of pairs) {
    const at = pair.lastIndexOf("=");
    const group = at > 0 ? pair.slice(0, at).trim() : "";
    const role = at > 0 ? pair.slice(at + 1).trim().toLowerCase() : "";
    if (!group || /[\u0000-\u001f\u007f]/.test(group)) return { ok: false, message: `must be group=role pairs separated by commas; "${pair}" is not one` };
    if (!isRole(role)) return { ok: false, message: `gives "${group}" the role "${role}": the role must be one of ${ROLES.join(", ")}` };
    if (seen.has(group)) return { ok: false, message: `lists the group "${group}" twice` };
    seen.add(group);
    mappings.push({ group, role });
  }
  return { ok: true, value: mappings };
}

/**
 * The groups a claim holds: an array of strings (Okta, Entra ID, Keycloak), a single string, a
 * space- or comma-separated string, or a JSON array in a string (IDaaS custom claims). Null when the
 * claim is absent, so the caller can ask the userinfo endpoint instead.
 */
export function groupsFromClaims(claims: Record<string, unknown>, claimPath: string): string[] | null {
  const path = parseClaimPath(claimPath) ?? ["groups"];
  let value: unknown = claims;
  for (const segment of path) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
    value = (value as Record<string, unknown>)[segment];
  }
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return clean(value.filter((v): v is string => typeof v === "string"));
  if (typeof value !== "string") return [];
  const text = value.trim();
  if (text.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return clean(parsed.filter((v): v is string => typeof v === "string"));
    } catch {
      // Not JSON after all: read it as a list.
    }
  }
  return clean(text.split(/[\s,]+/));
}

/** At most 200 groups of at most 256 characters are kept: a claim is input, not a database. */
function clean(groups: string[]): string[] {
  return [...new Set(groups.map((g) => g.trim()).filter((g) => g !== "" && g.length <= 256))].slice(0, 200);
}

/** The highest role the groups give, else the default role, else null (refused). Group names match exactly. */
export function roleForGroups(groups: readonly string[], mappings: readonly RoleMapping[], defaultRole: Role | null): Role | null {
  let best: Role | null = null;
  for (const { group, role } of mappings) {
    if (!groups.includes(group)) continue;
    if (best === null || ROLES.indexOf(role) > ROLES.indexOf(best)) best = role;
  }
  return best ?? defaultRole;
}

/**
 * The console username of a person from the provider: preferred_username, else email, else sub,
 * made to fit USERNAME_PATTERN (lower case; anything outside a-z 0-9 . _ - becomes "_"; at most 64
 * characters). A candidate with nothing usable left (a name in another script) gives way to the next.
 */
export function usernameFromClaims(claims: Record<string, unknown>): string {
  for (const key of ["preferred_username", "email", "sub"]) {
    const value = claims[key];
    if (typeof value !== "string") continue;
    const name = value
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "_")
      .replace(/^[._-]+/, "")
      .slice(0, 64);
    if (/^[a-z0-9][a-z0-9._-]{0,63}$/.test(name)) return name;
  }
  // A sub with no usable letter at all: a stable name from its hash (FNV-1a, 32 bits).
  let hash = 0x811c9dc5;
  for (const ch of String(claims.sub ?? "")) hash = Math.imul(hash ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return `oidc-${hash.toString(16).padStart(8, "0")}`;
}
