import "server-only";
// Who takes part in an approval, from the request that carries them: the principal, the user
// answerable for it (an API token's creator), where from.
import type { Principal } from "@/lib/auth/actors";
import { actorFromRequest } from "@/lib/auth/actors";
import type { ConsoleContext } from "@/lib/context";
import { ownerOf, type Participant } from "./service";

export async function participantFromRequest(ctx: ConsoleContext, request: Request, principal: Principal): Promise<Participant> {
  const actor = actorFromRequest(request, principal);
  return { username: actor.username, role: actor.role, owner: await ownerOf(ctx.store, principal), address: actor.address, userAgent: actor.userAgent };
}
