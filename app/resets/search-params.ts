// The /resets view state lives in the URL, like /jobs: a filtered history can be shared, reloaded
// and navigated with the back button. This parser reads what lib/client/hrefs.ts `resetsHref`
// writes, on the server page and the client alike.
import { DEFAULT_RESET_PAGE_SIZE, RESET_PAGE_SIZES } from "@/lib/domain/api-constants";
import { RESET_STATUSES } from "@/lib/domain/reset-record";
import type { ResetFilterParams, ResetsListParams } from "@/lib/client/reset-keys";
import { oneOf, positiveInt, readParam, type RawParams } from "@/lib/client/url-state";
import { parseAccountParam } from "@/lib/client/accounts";

export type ResetsSearchState = ResetsListParams;

/** The API's limit on the task and actor filters. */
export const MAX_FILTER_LENGTH = 200;

export const EMPTY_RESET_FILTERS: ResetFilterParams = { outcome: null, task: "", actor: "", account: "", bulkId: "", from: "", to: "" };

/** A real calendar day as YYYY-MM-DD, or "" (2026-02-30 is not one). */
export function validDay(raw: string | undefined): string {
  const value = (raw ?? "").trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return "";
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : "";
}

/**
 * Reads the view from search params. Unknown or malformed values fall back to "no filter" rather
 * than failing: a hand-edited or outdated link should still open a sensible view.
 */
export function parseResetsSearchParams(params: RawParams): ResetsSearchState {
  return {
    outcome: oneOf(readParam(params, "outcome"), RESET_STATUSES),
    task: (readParam(params, "task") ?? "").trim().slice(0, MAX_FILTER_LENGTH),
    actor: (readParam(params, "actor") ?? "").trim().slice(0, MAX_FILTER_LENGTH),
    account: parseAccountParam(params) ?? "",
    bulkId: /^[0-9a-f-]{36}$/.test(readParam(params, "bulkId") ?? "") ? (readParam(params, "bulkId") as string) : "",
    from: validDay(readParam(params, "from")),
    to: validDay(readParam(params, "to")),
    page: positiveInt(readParam(params, "page")) ?? 1,
    pageSize: oneOf(positiveInt(readParam(params, "pageSize")), RESET_PAGE_SIZES) ?? DEFAULT_RESET_PAGE_SIZE,
  };
}

export function hasResetFilters(state: ResetsSearchState): boolean {
  return state.outcome !== null || state.task !== "" || state.actor !== "" || state.account !== "" || state.from !== "" || state.to !== "";
}
