// POST /api/bulk-resets/{id}/reject {"comment"} – reject a bulk awaiting approval (never one's own)
import { rejectBodySchema } from "@/lib/domain/approvals";
import { bulkIdParam } from "@/lib/domain/bulk";
import { parseJsonBody, route } from "@/lib/api/route";
import { participantFromRequest } from "@/lib/approvals/participant";
import { rejectBulk } from "@/lib/bulk/service";

export const runtime = "nodejs";

export const POST = route<{ id: string }>(async (request, { params, principal, ctx }) => {
  const id = bulkIdParam.parse(params.id);
  const body = await parseJsonBody(request, rejectBodySchema);
  return Response.json({ bulk: await rejectBulk(ctx, id, await participantFromRequest(ctx, request, principal), body.comment) });
}, { permission: "approve" });
