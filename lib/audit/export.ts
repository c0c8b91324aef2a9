import "server-only";
// The history export: CSV for spreadsheets and auditors (formula-like text neutralised), JSON for
// machines and exact records.
import type { ResetApproval } from "../domain/reset-record";
import { resetEquivalent } from "../domain/runbook";
import type { ResetRecord } from "./schema";

/** A record as exported: with the two people of its approval when it ran on one. */
export type ExportedReset = ResetRecord & { approval?: ResetApproval | null };

type CsvValue = string | number | boolean | null;

/**
 * Columns of the CSV, in their fixed order. Named like the table's columns so that an export and
 * the database read the same. The snapshots are left out: nested JSON does not belong in a cell
 * (the JSON export carries them).
 */
export const RESET_CSV_COLUMNS = [
  ["id", (r) => r.id],
  ["requested_at", (r) => r.requestedAt],
  ["finished_at", (r) => r.finishedAt],
  ["status", (r) => r.status],
  ["region", (r) => r.region],
  ["job_type", (r) => r.jobType],
  ["task_name", (r) => r.taskName],
  ["job_id", (r) => r.jobId],
  ["instance_id", (r) => r.instanceId],
  ["direction", (r) => r.direction],
  ["reset_job_id", (r) => r.resetJobId],
  ["reason", (r) => r.reason],
  ["actor_username", (r) => r.actor.username],
  ["actor_role", (r) => r.actor.role],
  ["actor_address", (r) => r.actor.address],
  ["actor_user_agent", (r) => r.actor.userAgent],
  ["idempotency_key", (r) => r.idempotencyKey],
  ["request_id", (r) => r.requestId],
  ["http_status", (r) => r.httpStatus],
  ["error_code", (r) => r.errorCode],
  ["error_message", (r) => r.errorMessage],
  ["error_kind", (r) => r.errorKind],
  ["retry_safe", (r) => r.retrySafe],
  ["resolved_by", (r) => r.resolvedBy],
  ["reconciled_at", (r) => r.reconciledAt],
  ["reconciliation_note", (r) => r.reconciliationNote],
  ["verified_at", (r) => r.verifiedAt],
  ["job_id_after", (r) => r.jobIdAfter],
  // Added after the first release, at the end, so that scripts reading columns by position keep working.
  ["account", (r) => r.account],
  ["approval_request_id", (r) => r.approval?.requestId ?? null],
  ["approval_requested_by", (r) => r.approval?.requestedBy ?? null],
  ["approved_by", (r) => r.approval?.approvedBy ?? null],
  ["approved_at", (r) => r.approval?.approvedAt ?? null],
  ["bulk_id", (r) => r.bulkId],
] as const satisfies readonly (readonly [header: string, value: (r: ExportedReset) => CsvValue])[];

/** The name of a CSV column as the default (English) header row writes it. */
export type ResetCsvColumn = (typeof RESET_CSV_COLUMNS)[number][0];

/** Header words for a header row in another language, one per column (the route reads them from the catalog). */
export type ResetCsvHeaders = Readonly<Record<ResetCsvColumn, string>>;

/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and CR, that can hide
 * one): OWASP's list for CSV injection.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * OWASP's neutralisation of CSV injection: text that starts like a formula gets a leading single
 * quote, which spreadsheets take as "this is text" (and do not show). Anything else is unchanged.
 * A reason such as `=HYPERLINK("http://…","click")` thus opens as text, never as a live formula.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A record as the text of its CSV cells, in column order: null becomes the empty field, every text
 * value is neutralised (neutraliseFormula), numbers and booleans are written as they are.
 */
export function resetToCsvFields(record: ExportedReset): string[] {
  return RESET_CSV_COLUMNS.map(([, value]) => {
    const v = value(record);
    if (v === null) return "";
    return typeof v === "string" ? neutraliseFormula(v) : String(v);
  });
}

/**
 * RFC 4180 CSV: a header row, CRLF after every row, fields quoted when they hold a comma, a quote,
 * CR or LF, quotes doubled; no BOM. Safe to open in a spreadsheet: a text cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a CR is written with a leading `'` (OWASP), so it parses back to
 * the recorded value with that quote in front; every other cell parses back exactly. The JSON
 * export (resetsToJson) is the exact, lossless one.
 *
 * `headers` replaces the header row's words (a reader's language); without it the header row is
 * the column names, as every script reading the export expects. The cells never change.
 */
export function resetsToCsv(records: readonly ExportedReset[], headers?: ResetCsvHeaders): string {
  const header = RESET_CSV_COLUMNS.map(([name]) => (headers ? neutraliseFormula(headers[name]) : name));
  const rows = [header, ...records.map(resetToCsvFields)];
  return rows.map((fields) => fields.map(csvField).join(",") + "\r\n").join("");
}

/** One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A JSON array of the whole records, snapshots included, one record per line; each with
 * `equivalent`, the ResetDtsJob it sent as an `aliyun` command and an SDK call (as the JSON API's
 * record has it; never a secret).
 */
export function resetsToJson(records: readonly ExportedReset[]): string {
  if (records.length === 0) return "[]\n";
  const withEquivalent = (r: ExportedReset) => ({
    ...r,
    equivalent: resetEquivalent({ account: r.account, region: r.region, jobId: r.jobId, instanceId: r.instanceId, direction: r.direction }),
  });
  return `[\n${records.map((r) => JSON.stringify(withEquivalent(r))).join(",\n")}\n]\n`;
}
