// GET /api/bulk-resets/{id}/export?format=csv|json – a bulk's results as a download
import { bulkExportQuerySchema, bulkIdParam } from "@/lib/domain/bulk";
import { parseQuery, route } from "@/lib/api/route";
import { getBulk } from "@/lib/bulk/service";
import { bulkToCsv, bulkToJson } from "@/lib/bulk/export";

export const runtime = "nodejs";

export const GET = route<{ id: string }>(async (request, { params, ctx }) => {
  const id = bulkIdParam.parse(params.id);
  const { format } = parseQuery(request, bulkExportQuerySchema);
  const bulk = await getBulk(ctx, id);
  return new Response(format === "csv" ? bulkToCsv(bulk) : bulkToJson(bulk), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="dts-bulk-reset-${id}.${format}"`,
    },
  });
}, { permission: "view" });
