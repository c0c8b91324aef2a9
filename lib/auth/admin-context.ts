import "server-only";
// What the admin API hands to the account use cases: the store, the mode, and who is acting.
import { getAuditStore } from "@/lib/audit/instance";
import { getAppMode } from "@/lib/config/mode";
import type { AccountContext } from "./accounts";
import { accountActorFromRequest } from "./actor";
import type { Principal } from "./principal";

export async function adminContext(request: Request, principal: Principal): Promise<AccountContext> {
  return { store: await getAuditStore(), mode: getAppMode(), actor: accountActorFromRequest(request, principal) };
}
