// POST /api/reset-requests/{id}/reject {"comment"} – reject a pending request (never the requester's own)
import { rejectBodySchema } from "@/lib/domain/approvals";
import { parseJsonBody, route } from "@/lib/api/route";
import { participantFromRequest } from "@/lib/approvals/participant";
import { publicRequest, rejectRequest } from "@/lib/approvals/service";

export const runtime = "nodejs";

export const POST = route<{ id: string }>(async (request, { params, principal, ctx }) => {
  const body = await parseJsonBody(request, rejectBodySchema);
  const rejected = await rejectRequest(ctx, params.id, await participantFromRequest(ctx, request, principal), body.comment);
  return Response.json({ request: publicRequest(rejected) });
}, { permission: "approve" });
