// GET /api/reset-requests?status= – reset requests: pending first (oldest first), then the history
import { requestListQuerySchema } from "@/lib/domain/approvals";
import { parseQuery, route } from "@/lib/api/route";
import { countPending } from "@/lib/approvals/store";
import { listRequests, publicRequest } from "@/lib/approvals/service";

export const runtime = "nodejs";

export const GET = route(async (request, { ctx }) => {
  const { status } = parseQuery(request, requestListQuerySchema);
  const items = await listRequests(ctx, { status });
  return Response.json({ items: items.map(publicRequest), pendingCount: await countPending(ctx.store, ctx.now()) });
}, { permission: "view" });
