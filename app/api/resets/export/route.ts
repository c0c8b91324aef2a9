// GET /api/resets/export?format=csv|json&lang=en|zh-CN – the filtered history as a download
import { exportResetsQuerySchema } from "@/lib/domain/api";
import { parseQuery, route } from "@/lib/api/route";
import { resetsToCsv, resetsToJson } from "@/lib/audit/export";
import { resetCsvHeaders } from "@/lib/audit/export-headers";
import { iterateResets } from "@/lib/audit/reset-queries";
import { withApprovals } from "@/lib/reset/dto";

export const runtime = "nodejs";

export const GET = route(async (request, { ctx }) => {
  const { format, lang, ...filters } = parseQuery(request, exportResetsQuerySchema);
  // More matches than an export may hold throws export_too_large (413).
  const records = await withApprovals(ctx.store, await iterateResets(ctx.store, filters));
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  // `lang` changes only the CSV's header row; the JSON export stays as recorded.
  const body = format === "csv" ? resetsToCsv(records, await resetCsvHeaders(lang)) : resetsToJson(records);
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="dts-resets-${stamp}.${format}"`,
    },
  });
}, { permission: "view" });
