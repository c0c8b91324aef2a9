import "server-only";
import type { ResetActor } from "@/lib/audit/schema";
import type { AccountActor } from "./account-actor";
import { clientAddress, userAgent } from "@/lib/security/client-address";
import type { Principal } from "./principal";

/** Who is resetting, as the reset record keeps it: the signed-in account (or API token), its role, where from. */
export function actorFromRequest(request: Request, principal: Principal): ResetActor {
  return {
    username: principal.username,
    role: principal.role,
    address: clientAddress(request.headers),
    userAgent: userAgent(request.headers),
  };
}

/** Who is changing an account or a token, as auth_events keeps it. */
export function accountActorFromRequest(request: Request, principal: Principal): AccountActor {
  return {
    username: principal.username,
    role: principal.role,
    via: principal.kind === "api_token" ? "api_token" : "web",
    clientAddress: clientAddress(request.headers),
    userAgent: userAgent(request.headers),
  };
}
