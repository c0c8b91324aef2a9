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

/**
 * What a person may do, one action per kind of request. A role is a set of them; the route wrapper
 * checks the action a route names, so that per-account rights and provider groups (next) can grant
 * actions without new roles.
 */
export const PERMISSIONS = ["view", "reset", "reconfigure", "approve", "administer"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ["view"],
  operator: ["view", "reset", "reconfigure", "approve"],
  admin: ["view", "reset", "reconfigure", "approve", "administer"],
};

/** What an action lets one do, phrased to complete "Your role, viewer, cannot …". */
export const PERMISSION_WORDS: Readonly<Record<Permission, string>> = {
  view: ROLE_GRANTS.viewer,
  reset: ROLE_GRANTS.operator,
  reconfigure: "reconfigure tasks",
  approve: "approve or reject reset requests",
  administer: ROLE_GRANTS.admin,
};

export function can(role: Role, action: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(action);
}

/** The least role that holds an action (for a refusal's data and the UI's hint). */
export function leastRoleFor(action: Permission): Role {
  return ROLES.find((role) => can(role, action)) ?? "admin";
}

export function permissionDeniedMessage(role: Role, action: Permission): string {
  return `Your role, ${role}, cannot ${PERMISSION_WORDS[action]}.`;
}

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
