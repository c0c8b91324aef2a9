// POST /api/bulk-resets/{id}/approve {"comment"?} – approve a bulk awaiting approval (never one's own); it then runs
import { approveBodySchema } from "@/lib/domain/approvals";
import { bulkIdParam } from "@/lib/domain/bulk";
import { route } from "@/lib/api/route";
import { parseOptionalJsonBody } from "@/lib/api/optional-body";
import { participantFromRequest } from "@/lib/approvals/participant";
import { approveBulk } from "@/lib/bulk/service";
import { kickBulkWorker } from "@/lib/bulk/background";

export const runtime = "nodejs";

export const POST = route<{ id: string }>(async (request, { params, principal, ctx }) => {
  const id = bulkIdParam.parse(params.id);
  const body = await parseOptionalJsonBody(request, approveBodySchema);
  const bulk = await approveBulk(ctx, id, await participantFromRequest(ctx, request, principal), body.comment || null);
  kickBulkWorker();
  return Response.json({ bulk });
}, { permission: "approve" });
