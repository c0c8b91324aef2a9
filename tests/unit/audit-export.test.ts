import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAuditStore, type AuditStore } from "@/lib/audit/db";
import { RESET_CSV_COLUMNS, resetToCsvFields, resetsToCsv, resetsToJson } from "@/lib/audit/export";
import { beginAttempt, finishAttempt, iterateResets } from "@/lib/audit/reset-attempts";
import type { ResetRecord } from "@/lib/audit/schema";
import { attemptInput, parseCsv, tempDbPath } from "./audit-helpers";

const TRICKY_REASON = 'He said "reset", then left; 中文 ✓';
let store: AuditStore;
let records: ResetRecord[];

beforeAll(async () => {
  store = await openAuditStore({ path: tempDbPath() });
  const inputs = [
    attemptInput({ reason: TRICKY_REASON, taskName: "名前, with comma" }),
    attemptInput({ reason: "line one\nline two\r\nline three, with \"quotes\"", actor: { username: "zoë", role: "operator", address: null, userAgent: 'Mozilla/5.0 (X11; "Linux")' } }),
    attemptInput({ reason: "plain reason", idempotencyKey: "export-key-0001" }),
  ];
  for (const [i, input] of inputs.entries()) {
    const { record } = await beginAttempt(store, { ...input, requestedAt: new Date(Date.UTC(2026, 4, 1, 0, i)) });
    if (i === 0) {
      await finishAttempt(store, record.id, {
        status: "failed",
        finishedAt: new Date(),
        requestId: "REQ-1",
        httpStatus: 400,
        errorCode: "InvalidParameter",
        errorMessage: 'The parameter "DtsJobId", is invalid',
        errorKind: "dts",
        retrySafe: false,
      });
    }
  }
  // Read back from the store, as the export route will.
  records = await iterateResets(store, {});
});
afterAll(async () => {
  await store.close();
});

describe("resetsToCsv", () => {
  it("parses back to the same records, quotes, commas, newlines and non-ASCII text included", () => {
    const rows = parseCsv(resetsToCsv(records));
    expect(rows[0]).toEqual(RESET_CSV_COLUMNS.map(([name]) => name));
    expect(rows.slice(1)).toEqual(records.map(resetToCsvFields));

    const header = rows[0]!;
    const reasons = rows.slice(1).map((row) => row[header.indexOf("reason")]);
    expect(reasons).toEqual(records.map((r) => r.reason));
    expect(reasons).toContain(TRICKY_REASON);
    expect(reasons).toContain("line one\nline two\r\nline three, with \"quotes\"");
  });

  it("follows RFC 4180: header, CRLF row ends, quoting only where needed, quotes doubled", () => {
    const csv = resetsToCsv(records);
    expect(csv.startsWith("id,requested_at,finished_at,status,region,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv).toContain('"He said ""reset"", then left; 中文 ✓"');
    expect(csv).toContain(",plain reason,");
    // Every unquoted line break is a CRLF row end: 1 header + 3 records.
    expect(parseCsv(csv)).toHaveLength(4);
  });

  it("keeps a fixed column order and leaves out the snapshots", () => {
    const header = parseCsv(resetsToCsv([]))[0]!;
    expect(header).toEqual([
      "id", "requested_at", "finished_at", "status", "region", "job_type", "task_name", "job_id", "instance_id",
      "direction", "reset_job_id", "reason", "actor_username", "actor_role", "actor_address", "actor_user_agent",
      "idempotency_key", "request_id", "http_status", "error_code", "error_message", "error_kind", "retry_safe",
      "resolved_by", "reconciled_at", "reconciliation_note", "verified_at", "job_id_after",
    ]);
    expect(header.some((h) => h.startsWith("snapshot"))).toBe(false);
  });

  it("writes nulls as empty fields and booleans as true/false", () => {
    const failed = records.find((r) => r.status === "failed")!;
    const pending = records.find((r) => r.status === "pending")!;
    const column = (record: ResetRecord, name: string) => resetToCsvFields(record)[RESET_CSV_COLUMNS.findIndex(([n]) => n === name)];
    expect(column(failed, "retry_safe")).toBe("false");
    expect(column(failed, "http_status")).toBe("400");
    expect(column(pending, "request_id")).toBe("");
    expect(column(pending, "retry_safe")).toBe("");
  });
});

describe("resetsToJson", () => {
  it("round-trips whole records, snapshots included", () => {
    const json = resetsToJson(records);
    expect(JSON.parse(json)).toEqual(records);
    // Non-ASCII text is written as is, not \u-escaped.
    expect(json).toContain("中文 ✓");
    expect(JSON.parse(resetsToJson([]))).toEqual([]);
  });
});
