// GET /api/reset-requests/{id} – one reset request with its events and the snapshot it was made on
import { route } from "@/lib/api/route";
import { getRequest, requestDetail } from "@/lib/approvals/service";
import { NotFoundError } from "@/lib/domain/errors";
import { requestIdParam } from "@/lib/domain/approvals";

export const runtime = "nodejs";

export const GET = route<{ id: string }>(async (_request, { params, ctx }) => {
  const id = requestIdParam.safeParse(params.id);
  const found = id.success ? await getRequest(ctx, id.data) : null;
  if (!found) throw new NotFoundError("reset_request_not_found", `No reset request ${params.id}.`);
  return Response.json({ request: requestDetail(found) });
}, { permission: "view" });
