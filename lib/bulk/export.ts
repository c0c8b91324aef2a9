import "server-only";
// A bulk reset's results as a download: CSV (one row per item, the history export's rules: RFC
// 4180, formula-like text neutralised) or JSON (the API's view of the bulk, exactly).
import type { BulkItemResult, BulkResult } from "@/lib/domain/bulk";
import { csvField, neutraliseFormula } from "@/lib/audit/export";

const COLUMNS = [
  ["position", (i) => i.position + 1],
  ["account", (i) => i.account],
  ["region", (i) => i.region],
  ["job_id", (i) => i.jobId],
  ["instance_id", (i) => i.instanceId],
  ["direction", (i) => i.direction],
  ["task_name", (i) => i.taskName],
  ["status", (i) => i.status],
  ["reset_id", (i) => i.resetId],
  ["error_code", (i) => i.error?.code ?? null],
  ["error_message", (i) => i.error?.message ?? null],
  ["request_id", (i) => i.error?.requestId ?? null],
  ["throttled", (i) => i.throttled],
  ["started_at", (i) => i.startedAt],
  ["finished_at", (i) => i.finishedAt],
] as const satisfies readonly (readonly [string, (item: BulkItemResult) => string | number | null])[];

export function bulkToCsv(bulk: BulkResult): string {
  const rows = [
    COLUMNS.map(([name]) => name),
    ...bulk.items.map((item) =>
      COLUMNS.map(([, value]) => {
        const v = value(item);
        if (v === null) return "";
        return typeof v === "string" ? neutraliseFormula(v) : String(v);
      }),
    ),
  ];
  return rows.map((fields) => fields.map(csvField).join(",") + "\r\n").join("");
}

export function bulkToJson(bulk: BulkResult): string {
  return `${JSON.stringify(bulk, null, 2)}\n`;
}
