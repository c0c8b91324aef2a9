// POST /api/reset-requests/{id}/reject {"comment"} – reject a pending request (never the requester's own)
import { rejectBodySchema } from "@/lib/domain/approvals";
import { parseJsonBody, route } from "@/lib/api/route";
import { approvalDeps, participantFromRequest } from "@/lib/approvals/instance";
import { publicRequest, rejectRequest } from "@/lib/approvals/service";

export const runtime = "nodejs";

export const POST = route<{ id: string }>(async (request, { params, principal }) => {
  const body = await parseJsonBody(request, rejectBodySchema);
  const rejected = await rejectRequest(await approvalDeps(), params.id, await participantFromRequest(request, principal), body.comment);
  return Response.json({ request: publicRequest(rejected) });
}, { role: "operator" });
