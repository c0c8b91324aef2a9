// Helpers of the reset history specs: resets through the API, the CSV parser, keyboard travel.
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import type { SeedFixture } from "../../simulator/seed-fixtures";
import type { ResetDetail, ResetResult } from "../../lib/domain/reset-record";
import { csvTextCell, parseCsv } from "../../tests/support-csv";

/** A marker unique to one test, put in reasons so a spec finds its own records in a shared store. */
export function runTag(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * POST /api/jobs/{jobId}/reset as the signed-in context. Returns the record whatever the outcome:
 * a refused reset carries it in `error.reset`.
 */
export async function resetThroughApi(
  request: APIRequestContext,
  fixture: SeedFixture,
  reason: string,
  direction: "Forward" | "Reverse" = "Forward",
): Promise<{ status: number; reset: ResetResult }> {
  const confirmation = direction === "Reverse" ? (fixture.reverseJobId ?? "") : fixture.jobId;
  const response = await request.post(`/api/jobs/${fixture.jobId}/reset`, {
    data: { region: fixture.region, instanceId: fixture.instanceId, direction, confirmation, reason },
  });
  const body = (await response.json()) as { reset?: ResetResult; error?: { reset?: ResetResult } };
  const reset = body.reset ?? body.error?.reset;
  expect(reset, `reset record in ${JSON.stringify(body)}`).toBeTruthy();
  return { status: response.status(), reset: reset as ResetResult };
}

export async function getRecord(request: APIRequestContext, id: string): Promise<ResetDetail> {
  const response = await request.get(`/api/resets/${id}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { reset: ResetDetail }).reset;
}


/** The CSV as one object per record, keyed by the header row. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error("CSV without a header row");
  return rows.map((cells) => {
    expect(cells).toHaveLength(header.length);
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""]));
  });
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would, and fails if it is not reached
 * in `max` presses (it is then out of the tab order).
 */
export async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target, `reachable with Tab in ${max} presses`).toBeFocused();
}

/** A focused element must show it: an outline (or a ring drawn as a box-shadow). */
export async function expectVisibleFocus(target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  const style = await target.evaluate((el) => {
    const s = getComputedStyle(el);
    return { outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow };
  });
  expect((style.outline !== "none" && style.width !== "0px") || style.shadow !== "none", JSON.stringify(style)).toBe(true);
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * A record as the CSV export writes it (lib/audit/export.ts): null is the empty field, and text
 * that starts like a formula carries the neutralising `'` (csvTextCell); other text is exact.
 */
export function csvView(r: ResetDetail): Record<string, string> {
  const s = (v: string | number | boolean | null | undefined) => (v === null || v === undefined ? "" : typeof v === "string" ? csvTextCell(v) : String(v));
  return {
    id: s(r.id), requested_at: s(r.requestedAt), finished_at: s(r.finishedAt), status: s(r.status), region: s(r.region), job_type: s(r.jobType),
    task_name: s(r.taskName), job_id: s(r.jobId), instance_id: s(r.instanceId), direction: s(r.direction), reset_job_id: s(r.resetJobId),
    reason: s(r.reason), actor_username: s(r.actor), actor_role: s(r.actorRole), actor_address: s(r.actorAddress),
    actor_user_agent: s(r.actorUserAgent), idempotency_key: s(r.idempotencyKey), request_id: s(r.requestId),
    http_status: s(r.httpStatus), error_code: s(r.error?.code), error_message: s(r.error?.message), retry_safe: s(r.error?.retrySafe),
    resolved_by: s(r.resolvedBy), reconciled_at: s(r.reconciledAt), reconciliation_note: s(r.reconciliationNote),
    verified_at: s(r.verifiedAt), job_id_after: s(r.jobIdAfter),
  };
}
