// POST /api/reset-requests/{id}/approve {"comment"?} – approve and reset (never the requester's own)
import { approveBodySchema } from "@/lib/domain/approvals";
import { route } from "@/lib/api/route";
import { parseOptionalJsonBody } from "@/lib/api/optional-body";
import { approvalDeps, participantFromRequest } from "@/lib/approvals/instance";
import { approveRequest, publicRequest } from "@/lib/approvals/service";
import { toResetResult } from "@/lib/reset/dto";

export const runtime = "nodejs";

export const POST = route<{ id: string }>(async (request, { params, principal, receivedAt }) => {
  const body = await parseOptionalJsonBody(request, approveBodySchema);
  const outcome = await approveRequest(await approvalDeps(), params.id, await participantFromRequest(request, principal), body.comment || null, receivedAt);
  return Response.json({ request: publicRequest(outcome.request), reset: toResetResult(outcome.reset) });
}, { role: "operator" });
