// POST /api/reset-requests/{id}/cancel {"comment"?} – the requester withdraws a pending request
import { cancelBodySchema } from "@/lib/domain/approvals";
import { route } from "@/lib/api/route";
import { parseOptionalJsonBody } from "@/lib/api/optional-body";
import { participantFromRequest } from "@/lib/approvals/participant";
import { cancelRequest, publicRequest } from "@/lib/approvals/service";

export const runtime = "nodejs";

export const POST = route<{ id: string }>(async (request, { params, principal, ctx }) => {
  const body = await parseOptionalJsonBody(request, cancelBodySchema);
  const cancelled = await cancelRequest(ctx, params.id, await participantFromRequest(ctx, request, principal), body.comment || null);
  return Response.json({ request: publicRequest(cancelled) });
}, { permission: "reset" });
