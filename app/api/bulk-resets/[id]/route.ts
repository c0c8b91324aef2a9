// GET /api/bulk-resets/{id} – a bulk reset with every item's status and its reset record
import { bulkIdParam } from "@/lib/domain/bulk";
import { route } from "@/lib/api/route";
import { getBulk } from "@/lib/bulk/service";

export const runtime = "nodejs";

export const GET = route<{ id: string }>(async (_request, { params, ctx }) => {
  return Response.json({ bulk: await getBulk(ctx, bulkIdParam.parse(params.id)) });
}, { permission: "view" });
