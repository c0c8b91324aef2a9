// Who changes an account or a token, as auth_events records it. Not `server-only`.
import os from "node:os";
import type { AuthEventVia } from "./store/auth-events";

export interface AccountActor {
  username: string;
  /** A console role, or "cli"/"system" for changes made outside the web console. */
  role: string;
  via: AuthEventVia;
  clientAddress: string | null;
  userAgent: string | null;
}

export const SYSTEM_ACTOR: AccountActor = { username: "system", role: "system", via: "system", clientAddress: null, userAgent: null };

/** The operating-system account running the CLI: the closest thing to a name it has. */
export function cliActor(): AccountActor {
  let name = "unknown";
  try {
    name = os.userInfo().username || name;
  } catch {
    // No passwd entry (some containers): keep "unknown".
  }
  return { username: `cli:${name}`, role: "cli", via: "cli", clientAddress: null, userAgent: null };
}

export function eventActor(actor: AccountActor) {
  return { actor: { username: actor.username, role: actor.role }, via: actor.via, clientAddress: actor.clientAddress, userAgent: actor.userAgent };
}
