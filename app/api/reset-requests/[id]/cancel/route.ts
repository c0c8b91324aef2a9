// POST /api/reset-requests/{id}/cancel {"comment"?} – the requester withdraws a pending request
import { cancelBodySchema } from "@/lib/domain/approvals";
import { route } from "@/lib/api/route";
import { parseOptionalJsonBody } from "@/lib/api/optional-body";
import { approvalDeps, participantFromRequest } from "@/lib/approvals/instance";
import { cancelRequest, publicRequest } from "@/lib/approvals/service";

export const runtime = "nodejs";

export const POST = route<{ id: string }>(async (request, { params, principal }) => {
  const body = await parseOptionalJsonBody(request, cancelBodySchema);
  const cancelled = await cancelRequest(await approvalDeps(), params.id, await participantFromRequest(request, principal), body.comment || null);
  return Response.json({ request: publicRequest(cancelled) });
}, { role: "operator" });
