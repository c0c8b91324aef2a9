import { describe, expect, it } from "vitest";
import { RESET_CSV_COLUMNS, resetsToCsv } from "@/lib/audit/export";
import { resetCsvHeaders } from "@/lib/audit/export-headers";
import { exportResetsQuerySchema } from "@/lib/domain/api";
import { parseCsv } from "./audit-helpers";

const ENGLISH_HEADER = [
  "id", "requested_at", "finished_at", "status", "region", "job_type", "task_name", "job_id", "instance_id",
  "direction", "reset_job_id", "reason", "actor_username", "actor_role", "actor_address", "actor_user_agent",
  "idempotency_key", "request_id", "http_status", "error_code", "error_message", "error_kind", "retry_safe",
  "resolved_by", "reconciled_at", "reconciliation_note", "verified_at", "job_id_after",
  // Added with accounts and the approver (migration 0006), at the end: positions above are unchanged.
  "account", "approval_request_id", "approval_requested_by", "approved_by", "approved_at", "bulk_id",
];

describe("the CSV export's header row in the reader's language", () => {
  it("stays the column names without a language or in English", async () => {
    expect(await resetCsvHeaders("en")).toBeUndefined();
    expect(parseCsv(resetsToCsv([]))[0]).toEqual(ENGLISH_HEADER);
    expect(parseCsv(resetsToCsv([], await resetCsvHeaders("en")))[0]).toEqual(ENGLISH_HEADER);
    expect(resetsToCsv([])).toBe(`${ENGLISH_HEADER.join(",")}\r\n`);
  });

  it("is in Chinese for zh-CN, one header per column, in the same order", async () => {
    const headers = await resetCsvHeaders("zh-CN");
    const header = parseCsv(resetsToCsv([], headers))[0]!;
    expect(header).toHaveLength(RESET_CSV_COLUMNS.length);
    expect(header.slice(0, 9)).toEqual(["记录ID", "请求时间（UTC）", "完成时间（UTC）", "重置结果", "地域", "任务类型", "任务名称", "任务ID", "实例ID"]);
    expect(header).toContain("请求ID");
    expect(header).toContain("错误码");
    expect(header).toContain("错误信息");
    expect(new Set(header).size).toBe(header.length);
    // Every column has a word of its own, none left in English.
    for (const cell of header) expect(cell).toMatch(/[\u4e00-\u9fff]/);
  });

  it("accepts lang en and zh-CN (en by default) and refuses any other", () => {
    expect(exportResetsQuerySchema.parse({}).lang).toBe("en");
    expect(exportResetsQuerySchema.parse({ format: "csv", lang: "zh-CN" }).lang).toBe("zh-CN");
    const bad = exportResetsQuerySchema.safeParse({ format: "csv", lang: "fr" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('lang must be "en" or "zh-CN"');
    expect(exportResetsQuerySchema.safeParse({ lang: "zh-cn" }).success).toBe(false);
  });
});
