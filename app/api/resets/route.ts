// GET /api/resets – the reset history, newest first, filtered and paged
import { listResetsQuerySchema } from "@/lib/domain/api";
import { parseQuery, route } from "@/lib/api/route";
import { listResets } from "@/lib/audit/reset-queries";
import { resetResultsOf } from "@/lib/reset/dto";

export const runtime = "nodejs";

export const GET = route(async (request, { ctx }) => {
  const { page, pageSize, ...filters } = parseQuery(request, listResetsQuerySchema);
  const { items, total } = await listResets(ctx.store, filters, page, pageSize);
  return Response.json({ items: await resetResultsOf(ctx.store, items), page, pageSize, total });
}, { permission: "view" });
