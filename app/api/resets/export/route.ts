// GET /api/resets/export?format=csv|json – the filtered history as a download
import { exportResetsQuerySchema } from "@/lib/domain/api";
import { parseQuery, route } from "@/lib/api/route";
import { ApiError } from "@/lib/api/errors";
import { getAuditStore } from "@/lib/audit/instance";
import { ExportLimitExceededError } from "@/lib/audit/errors";
import { resetsToCsv, resetsToJson } from "@/lib/audit/export";
import { iterateResets } from "@/lib/audit/reset-queries";

export const runtime = "nodejs";

export const GET = route(async (request) => {
  const { format, ...filters } = parseQuery(request, exportResetsQuerySchema);
  let records;
  try {
    records = await iterateResets(await getAuditStore(), filters);
  } catch (error) {
    if (error instanceof ExportLimitExceededError) throw new ApiError(413, "export_too_large", error.message);
    throw error;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const body = format === "csv" ? resetsToCsv(records) : resetsToJson(records);
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="dts-resets-${stamp}.${format}"`,
    },
  });
}, { role: "viewer" });
