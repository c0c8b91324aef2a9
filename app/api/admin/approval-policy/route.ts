// GET, PUT /api/admin/approval-policy – admin: which resets need a second person's approval
import { approvalPolicySchema } from "@/lib/domain/approvals";
import { parseJsonBody, route } from "@/lib/api/route";
import { getAuditStore } from "@/lib/audit/instance";
import { approvalSettings } from "@/lib/approvals/instance";
import { readApprovalPolicy, writeApprovalPolicy } from "@/lib/approvals/store";

export const runtime = "nodejs";

async function answer() {
  const { updatedAt, updatedBy, ...policy } = await readApprovalPolicy(await getAuditStore());
  const settings = approvalSettings();
  return Response.json({ policy, updatedAt, updatedBy, envRequired: settings.required, ttlHours: settings.ttlHours });
}

export const GET = route(async () => answer(), { role: "admin" });

export const PUT = route(async (request, { principal }) => {
  const policy = await parseJsonBody(request, approvalPolicySchema);
  await writeApprovalPolicy(await getAuditStore(), policy, principal.username, new Date());
  return answer();
}, { role: "admin" });
