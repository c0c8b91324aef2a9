// GET, PUT /api/admin/approval-policy – admin: which resets need a second person's approval
import { approvalPolicySchema } from "@/lib/domain/approvals";
import { parseJsonBody, route } from "@/lib/api/route";
import type { ConsoleContext } from "@/lib/context";
import { readApprovalPolicy, writeApprovalPolicy } from "@/lib/approvals/store";

export const runtime = "nodejs";

async function answer(ctx: ConsoleContext) {
  const { updatedAt, updatedBy, ...policy } = await readApprovalPolicy(ctx.store);
  const settings = ctx.settings.approval;
  return Response.json({ policy, updatedAt, updatedBy, envRequired: settings.required, ttlHours: settings.ttlHours });
}

export const GET = route(async (_request, { ctx }) => answer(ctx), { permission: "administer" });

export const PUT = route(async (request, { principal, ctx }) => {
  const policy = await parseJsonBody(request, approvalPolicySchema);
  await writeApprovalPolicy(ctx.store, policy, principal.username, ctx.now());
  return answer(ctx);
}, { permission: "administer" });
