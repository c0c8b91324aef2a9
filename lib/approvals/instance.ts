import "server-only";
// The process's approval settings and dependencies, from the one configuration (lib/config/env.ts).
import { getAuditStore } from "@/lib/audit/instance";
import type { Principal } from "@/lib/auth/actors";
import { actorFromRequest } from "@/lib/auth/actors";
import { getConfig } from "@/lib/config/env";
import { getDtsClient } from "@/lib/dts";
import { ownerOf, type ApprovalDeps, type ApprovalSettings, type Participant } from "./service";

export function approvalSettings(): ApprovalSettings {
  const config = getConfig();
  return {
    required: config.RESET_APPROVAL === "required",
    ttlHours: config.RESET_APPROVAL_TTL_HOURS,
    webhook: config.APPROVAL_WEBHOOK_URL ? { url: config.APPROVAL_WEBHOOK_URL, secret: config.APPROVAL_WEBHOOK_SECRET ?? null } : null,
  };
}

export async function approvalDeps(): Promise<ApprovalDeps> {
  return { client: getDtsClient(), store: await getAuditStore(), settings: approvalSettings() };
}

export async function participantFromRequest(request: Request, principal: Principal): Promise<Participant> {
  const actor = actorFromRequest(request, principal);
  return { username: actor.username, role: actor.role, owner: await ownerOf(await getAuditStore(), principal), address: actor.address, userAgent: actor.userAgent };
}
