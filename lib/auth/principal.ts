// Who is making a request, once authenticated. Safe for the browser (the header shows it).
import type { Role } from "./roles";

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
