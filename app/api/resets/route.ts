// GET /api/resets – the reset history, newest first, filtered and paged
import { listResetsQuerySchema } from "@/lib/domain/api";
import { parseQuery, route } from "@/lib/api/route";
import { getAuditStore } from "@/lib/audit/instance";
import { listResets } from "@/lib/audit/reset-queries";
import { toResetResult } from "@/lib/reset/dto";

export const runtime = "nodejs";

export const GET = route(async (request) => {
  const { page, pageSize, ...filters } = parseQuery(request, listResetsQuerySchema);
  const { items, total } = await listResets(await getAuditStore(), filters, page, pageSize);
  return Response.json({ items: items.map(toResetResult), page, pageSize, total });
}, { role: "viewer" });
