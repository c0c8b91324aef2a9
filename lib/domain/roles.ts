// The console's three roles and what each unlocks. Safe for the browser: the UI uses the same
// words to explain a disabled button that the server uses to refuse the request.
import { z } from "zod";

/** Ordered from least to most: each role can do everything the ones before it can. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const roleSchema = z.enum(ROLES, { message: 'role must be "viewer", "operator" or "admin"' });

/** What a role adds to the one below it, phrased to complete "Your role, viewer, cannot …". */
export const ROLE_GRANTS: Readonly<Record<Role, string>> = {
  viewer: "view tasks and the reset history",
  operator: "reset tasks",
  admin: "manage users and API tokens",
};

export function hasRole(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The refusal shown by the API (403) and next to a disabled control in the UI. */
export function roleDeniedMessage(role: Role, required: Role): string {
  return `Your role, ${role}, cannot ${ROLE_GRANTS[required]}.`;
}

/** Whether the role may reset, and if not why: what the task pages need for their Reset buttons. */
export function resetPermission(role: Role): { canReset: boolean; reason: string | null } {
  return hasRole(role, "operator") ? { canReset: true, reason: null } : { canReset: false, reason: roleDeniedMessage(role, "operator") };
}
