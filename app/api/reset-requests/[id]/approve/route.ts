// POST /api/reset-requests/{id}/approve {"comment"?} – approve and reset (never the requester's own)
import { approveBodySchema } from "@/lib/domain/approvals";
import { route } from "@/lib/api/route";
import { parseOptionalJsonBody } from "@/lib/api/optional-body";
import { participantFromRequest } from "@/lib/approvals/participant";
import { approveRequest, publicRequest } from "@/lib/approvals/service";
import { approvalOf, toResetResult } from "@/lib/reset/dto";

export const runtime = "nodejs";

export const POST = route<{ id: string }>(async (request, { params, principal, receivedAt, ctx }) => {
  const body = await parseOptionalJsonBody(request, approveBodySchema);
  const outcome = await approveRequest(ctx, params.id, await participantFromRequest(ctx, request, principal), body.comment || null, receivedAt);
  return Response.json({ request: publicRequest(outcome.request), reset: toResetResult(outcome.reset, approvalOf(outcome.request)) });
}, { permission: "approve" });
