// POST /api/bulk-resets/{id}/cancel {"comment"?} – the items not yet sent are never sent
import { cancelBodySchema } from "@/lib/domain/approvals";
import { bulkIdParam } from "@/lib/domain/bulk";
import { route } from "@/lib/api/route";
import { parseOptionalJsonBody } from "@/lib/api/optional-body";
import { participantFromRequest } from "@/lib/approvals/participant";
import { cancelBulk } from "@/lib/bulk/service";

export const runtime = "nodejs";

export const POST = route<{ id: string }>(async (request, { params, principal, ctx }) => {
  const id = bulkIdParam.parse(params.id);
  await parseOptionalJsonBody(request, cancelBodySchema);
  return Response.json({ bulk: await cancelBulk(ctx, id, await participantFromRequest(ctx, request, principal)) });
}, { permission: "reset" });
