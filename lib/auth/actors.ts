import "server-only";
// Who is acting. A request is made by a Principal (a signed-in user or an API token); a reset
// record keeps a ResetActor and an auth_events row an UserAdminActor, which add where the change came
// from (and, for accounts, through which door: the web console, an API token, the CLI, the system).
import os from "node:os";
import type { ResetActor } from "@/lib/audit/schema";
import type { AuthEventVia } from "@/lib/domain/users";
import { clientAddress, userAgent } from "@/lib/security/client-address";
import type { Role } from "@/lib/domain/roles";

/** Who is making a request, once authenticated. */
export interface Principal {
  kind: "session" | "api_token";
  /** The session's or token's id: not secret, not enough to authenticate. */
  id: string;
  /** The account's username, or "token:<name>" for an API token. */
  username: string;
  role: Role;
}

export function apiTokenUsername(name: string): string {
  return `token:${name}`;
}

/** Who changes a user or a token, as auth_events records it. */
export interface UserAdminActor {
  username: string;
  /** A console role, or "cli"/"system" for changes made outside the web console. */
  role: string;
  via: AuthEventVia;
  clientAddress: string | null;
  userAgent: string | null;
}

export const SYSTEM_ACTOR: UserAdminActor = { username: "system", role: "system", via: "system", clientAddress: null, userAgent: null };

/** The operating-system account running the CLI: the closest thing to a name it has. */
export function cliActor(): UserAdminActor {
  let name = "unknown";
  try {
    name = os.userInfo().username || name;
  } catch {
    // No passwd entry (some containers): keep "unknown".
  }
  return { username: `cli:${name}`, role: "cli", via: "cli", clientAddress: null, userAgent: null };
}

export function eventActor(actor: UserAdminActor) {
  return { actor: { username: actor.username, role: actor.role }, via: actor.via, clientAddress: actor.clientAddress, userAgent: actor.userAgent };
}

/** Who is resetting, as the reset record keeps it: the signed-in user (or API token), its role, where from. */
export function actorFromRequest(request: Request, principal: Principal): ResetActor {
  return {
    username: principal.username,
    role: principal.role,
    address: clientAddress(request.headers),
    userAgent: userAgent(request.headers),
  };
}

/** Who is changing a user or a token, as auth_events keeps it. */
export function userAdminActorFromRequest(request: Request, principal: Principal): UserAdminActor {
  return {
    username: principal.username,
    role: principal.role,
    via: principal.kind === "api_token" ? "api_token" : "web",
    clientAddress: clientAddress(request.headers),
    userAgent: userAgent(request.headers),
  };
}
