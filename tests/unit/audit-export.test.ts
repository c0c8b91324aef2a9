import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditStore } from "@/lib/db/store";
import { neutraliseFormula, RESET_CSV_COLUMNS, resetToCsvFields, resetsToCsv, resetsToJson } from "@/lib/audit/export";
import { beginAttempt, finishAttempt, iterateResets } from "@/lib/audit/reset-attempts";
import type { ResetRecord } from "@/lib/audit/schema";
import { csvTextCell } from "../support-csv";
import { attemptInput, describeDialects, openFreshStore, parseCsv } from "./audit-helpers";

describeDialects("reset export", (dialect) => {
  const TRICKY_REASON = 'He said "reset", then left; 中文 ✓';
  /** Reasons a spreadsheet would run as formulas (OWASP's CSV injection), and two that merely look close. */
  // (A reason has at least 3 characters, hence "+1 …" rather than "+1"; it is stored trimmed, so a
  // leading tab or CR is tested on the function.)
  const FORMULA_REASONS = ['=HYPERLINK("http://x","click")', "+1 (plus one)", "-2 (minus two)", "@SUM(A1)"];
  const HARMLESS_REASONS = ["a = b + c - d @ e", "x\t=not at the start"];
  let store: AuditStore;
  let records: ResetRecord[];

  beforeAll(async () => {
    store = await openFreshStore(dialect);
    const inputs = [
      attemptInput({ reason: TRICKY_REASON, taskName: "名前, with comma" }),
      attemptInput({ reason: "line one\nline two\r\nline three, with \"quotes\"", actor: { username: "zoë", role: "operator", address: null, userAgent: 'Mozilla/5.0 (X11; "Linux")' } }),
      attemptInput({ reason: "plain reason", idempotencyKey: "export-key-0001" }),
      ...FORMULA_REASONS.map((reason) => attemptInput({ reason })),
      ...HARMLESS_REASONS.map((reason) => attemptInput({ reason })),
      // Every text column is neutralised, not only the reason.
      attemptInput({ reason: "other columns", taskName: "=cmd|' /C calc'!A0", actor: { username: "op", role: "operator", address: null, userAgent: "@agent" } }),
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
      // Exact, except that formula-like text carries the neutralising quote.
      expect(reasons).toEqual(records.map((r) => csvTextCell(r.reason)));
      expect(reasons).toContain(TRICKY_REASON);
      expect(reasons).toContain("line one\nline two\r\nline three, with \"quotes\"");
      for (const reason of HARMLESS_REASONS) expect(reasons).toContain(reason);
    });

    it("neutralises formula-like text (OWASP): a leading ' before =, +, -, @, tab and CR, in every text column", () => {
      const csv = resetsToCsv(records);
      const rows = parseCsv(csv);
      const header = rows[0]!;
      const cells = (name: string) => rows.slice(1).map((row) => row[header.indexOf(name)]);
      expect(cells("reason")).toEqual(expect.arrayContaining(["'=HYPERLINK(\"http://x\",\"click\")", "'+1 (plus one)", "'-2 (minus two)", "'@SUM(A1)"]));
      // No cell of the file starts like a formula.
      for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      // Still RFC 4180: the HYPERLINK cell is quoted (comma, quotes) with its quotes doubled.
      expect(csv).toContain(`,"'=HYPERLINK(""http://x"",""click"")",`);
      expect(csv).toContain(",'+1 (plus one),");
      expect(cells("task_name")).toContain("'=cmd|' /C calc'!A0");
      expect(cells("actor_user_agent")).toContain("'@agent");
      // Numbers and booleans are not text: written as they are.
      const failed = records.find((r) => r.status === "failed")!;
      expect(resetToCsvFields(failed)[RESET_CSV_COLUMNS.findIndex(([n]) => n === "http_status")]).toBe("400");
    });

    it("neutraliseFormula changes only text that starts like a formula", () => {
      expect(neutraliseFormula("=1+1")).toBe("'=1+1");
      expect(neutraliseFormula("-")).toBe("'-");
      expect(neutraliseFormula("\r=1+1")).toBe("'\r=1+1");
      expect(neutraliseFormula("\t@x")).toBe("'\t@x");
      expect(neutraliseFormula("")).toBe("");
      expect(neutraliseFormula("'=already quoted")).toBe("'=already quoted");
      expect(neutraliseFormula("plain, text")).toBe("plain, text");
      expect(neutraliseFormula("中文 = ok")).toBe("中文 = ok");
    });

    it("follows RFC 4180: header, CRLF row ends, quoting only where needed, quotes doubled", () => {
      const csv = resetsToCsv(records);
      expect(csv.startsWith("id,requested_at,finished_at,status,region,")).toBe(true);
      expect(csv.endsWith("\r\n")).toBe(true);
      expect(csv).toContain('"He said ""reset"", then left; 中文 ✓"');
      expect(csv).toContain(",plain reason,");
      // Every unquoted line break is a CRLF row end: 1 header + a row per record.
      expect(parseCsv(csv)).toHaveLength(1 + records.length);
    });

    it("keeps a fixed column order and leaves out the snapshots", () => {
      const header = parseCsv(resetsToCsv([]))[0]!;
      expect(header).toEqual([
        "id", "requested_at", "finished_at", "status", "region", "job_type", "task_name", "job_id", "instance_id",
        "direction", "reset_job_id", "reason", "actor_username", "actor_role", "actor_address", "actor_user_agent",
        "idempotency_key", "request_id", "http_status", "error_code", "error_message", "error_kind", "retry_safe",
        "resolved_by", "reconciled_at", "reconciliation_note", "verified_at", "job_id_after",
        // Added with accounts and the approver (migration 0006), at the end: positions above are unchanged.
        "account", "approval_request_id", "approval_requested_by", "approved_by", "approved_at", "bulk_id",
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
      // Each record as stored, plus the runbook command (`equivalent`, tests/unit/runbook.test.ts).
      const parsed = JSON.parse(json) as Array<Record<string, unknown>>;
      for (const r of parsed) expect(r.equivalent).toMatchObject({ cli: expect.stringMatching(/^aliyun dts ResetDtsJob /) });
      expect(parsed.map((r) => Object.fromEntries(Object.entries(r).filter(([name]) => name !== "equivalent")))).toEqual(records);
      // Formula-like text is exact here: the JSON export is the lossless one.
      const reasons = (JSON.parse(json) as ResetRecord[]).map((r) => r.reason);
      for (const reason of FORMULA_REASONS) expect(reasons).toContain(reason);
      // Non-ASCII text is written as is, not \u-escaped.
      expect(json).toContain("中文 ✓");
      expect(JSON.parse(resetsToJson([]))).toEqual([]);
    });
  });
});
