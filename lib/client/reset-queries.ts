import { queryOptions } from "@tanstack/react-query";
import type { ResetRequestResult } from "@/lib/domain/approval-types";
import { fetchJson } from "./fetch-json";
import type { ResetDetail, ResetPage, ResetResult } from "@/lib/domain/reset-record";
import { resetFilterSearch } from "./hrefs";
import { resetKeys, type ResetFilterParams, type ResetsListParams } from "./reset-keys";

/** While a record may still change (no answer yet, or an answer nobody could read), poll it. */
export const UNRESOLVED_REFRESH_MS = 5_000;
/** A fresh success is verified by the server's reconciler (every 10 s by default): watch for that a while. */
export const VERIFYING_REFRESH_MS = 10_000;
const VERIFY_WATCH_MS = 2 * 60_000;

export function isUnresolved(reset: Pick<ResetResult, "status">): boolean {
  return reset.status === "pending" || reset.status === "unknown";
}

function awaitsVerification(reset: ResetResult, now: number): boolean {
  if (reset.status !== "succeeded" || reset.verifiedAt || !reset.finishedAt) return false;
  return now - Date.parse(reset.finishedAt) < VERIFY_WATCH_MS;
}

/**
 * How often to re-read records on screen: often while any is pending or unknown (its outcome is
 * about to be settled), now and then while a fresh success waits for verification, else never.
 */
export function refreshIntervalFor(resets: readonly ResetResult[] | undefined, now = Date.now()): number | false {
  if (!resets?.length) return false;
  if (resets.some(isUnresolved)) return UNRESOLVED_REFRESH_MS;
  return resets.some((reset) => awaitsVerification(reset, now)) ? VERIFYING_REFRESH_MS : false;
}

export function resetsListUrl(params: ResetsListParams): string {
  const search = resetFilterSearch(params);
  search.set("page", String(params.page));
  search.set("pageSize", String(params.pageSize));
  return `/api/resets?${search}`;
}

/**
 * The export of exactly the filtered history (every page), as a file download. `lang`: the
 * language of the CSV's header row (the API's default, English column names, when left out).
 */
export function resetsExportUrl(filters: ResetFilterParams, format: "csv" | "json", lang?: "zh-CN"): string {
  const search = resetFilterSearch(filters);
  search.set("format", format);
  if (lang) search.set("lang", lang);
  return `/api/resets/export?${search}`;
}

export function resetsListOptions(params: ResetsListParams) {
  return queryOptions({
    queryKey: resetKeys.list(params),
    queryFn: ({ signal }) => fetchJson<ResetPage>(resetsListUrl(params), { signal }),
  });
}

export function resetDetailOptions(id: string) {
  return queryOptions({
    queryKey: resetKeys.detail(id),
    // `approval`: the two-person approval request behind the reset, when there was one.
    queryFn: ({ signal }) => fetchJson<{ reset: ResetDetail; approval?: ResetRequestResult | null }>(`/api/resets/${encodeURIComponent(id)}`, { signal }),
  });
}

/** Every reset of one DTS instance, newest first: keyed by instance so a new task ID keeps them. */
export function instanceResetsOptions(instanceId: string) {
  return queryOptions({
    queryKey: resetKeys.instance(instanceId),
    queryFn: ({ signal }) =>
      fetchJson<{ items: ResetResult[] }>(`/api/instances/${encodeURIComponent(instanceId)}/resets`, { signal }),
  });
}
