// GET /api/bulk-resets/{id}/export?format=csv|json – a bulk's results as a download
import { z } from "zod";
import { bulkIdParam } from "@/lib/domain/bulk";
import { parseQuery, route } from "@/lib/api/route";
import { getBulk } from "@/lib/bulk/service";
import { bulkToCsv, bulkToJson } from "@/lib/bulk/export";

export const runtime = "nodejs";

const exportQuery = z.object({ format: z.enum(["csv", "json"], { message: 'format must be "csv" or "json"' }).default("csv") }).strict();

export const GET = route<{ id: string }>(async (request, { params, ctx }) => {
  const id = bulkIdParam.parse(params.id);
  const { format } = parseQuery(request, exportQuery);
  const bulk = await getBulk(ctx, id);
  return new Response(format === "csv" ? bulkToCsv(bulk) : bulkToJson(bulk), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="dts-bulk-reset-${id}.${format}"`,
    },
  });
}, { permission: "view" });
