// Bulk resets in the browser (issue 22): the dry run and the start of the bulk dialog, the live
// progress of /bulk-resets/[id], the /bulk-resets list, and the decisions on a bulk (cancel,
// approve, reject). The shapes are lib/domain/bulk.ts's, the contract of /api/bulk-resets.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { FINAL_BULK_STATUSES, type BulkPage, type BulkPlan, type BulkRequestResult, type BulkResult, type BulkStatus } from "@/lib/domain/bulk-result";
import type { BulkItemInput } from "@/lib/domain/bulk";
import { toApiRequestError, type ApiRequestError } from "./api-error";
import { fetchJson } from "./fetch-json";
import { recordKeys } from "./query-keys";

/** The /bulk-resets view: its status filter and page, as they travel in the URL and in the query key. */
export interface BulkListParams {
  status: BulkStatus | null;
  page: number;
  pageSize: number;
}

export const bulkKeys = recordKeys<BulkListParams, string>("bulk-resets");

/** While a bulk runs (or waits for its approval), its page reads it about once a second. */
export const BULK_PROGRESS_REFRESH_MS = 1_000;
/** The list re-reads while any bulk on screen has not finished. */
export const BULK_LIST_REFRESH_MS = 3_000;

export function isFinalBulk(status: BulkStatus): boolean {
  return FINAL_BULK_STATUSES.includes(status);
}

/** How often to read a bulk again: about once a second until its status is final, then never. */
export function bulkRefreshInterval(bulk: Pick<BulkResult, "status"> | undefined): number | false {
  if (!bulk) return false;
  return isFinalBulk(bulk.status) ? false : BULK_PROGRESS_REFRESH_MS;
}

export function bulkListUrl(params: BulkListParams): string {
  const search = new URLSearchParams();
  if (params.status) search.set("status", params.status);
  search.set("page", String(params.page));
  search.set("pageSize", String(params.pageSize));
  return `/api/bulk-resets?${search}`;
}

export function bulkListOptions(params: BulkListParams) {
  return queryOptions({
    queryKey: bulkKeys.list(params),
    queryFn: ({ signal }) => fetchJson<BulkPage>(bulkListUrl(params), { signal }),
  });
}

export function bulkDetailOptions(id: string) {
  return queryOptions({
    queryKey: bulkKeys.detail(id),
    queryFn: ({ signal }) => fetchJson<{ bulk: BulkResult }>(`/api/bulk-resets/${encodeURIComponent(id)}`, { signal }),
  });
}

/** A download of the bulk's items (a plain link: the browser handles the file). */
export function bulkExportUrl(id: string, format: "csv" | "json"): string {
  return `/api/bulk-resets/${encodeURIComponent(id)}/export?${new URLSearchParams({ format })}`;
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  try {
    return await fetchJson<T>(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch (error) {
    throw toApiRequestError(error);
  }
}

/**
 * What a dry run needs besides the items. The request schema wants a reason and a confirmation
 * even for a plan (nothing is sent or recorded by one): the dialog sends the reason typed so far
 * when there is one, else this placeholder, and the number of items.
 */
export const PLAN_REASON_PLACEHOLDER = "Plan only: nothing is sent";

export interface PlanVariables {
  items: BulkItemInput[];
  reason: string;
}

/** POST /api/bulk-resets with dryRun: every task read fresh, which can be reset and why not; nothing sent. */
export function usePlanBulk() {
  return useMutation<{ plan: BulkPlan }, ApiRequestError, PlanVariables>({
    mutationKey: ["bulk-resets", "plan"],
    mutationFn: ({ items, reason }) =>
      postJson(`/api/bulk-resets`, { items, reason, confirmation: String(items.length), dryRun: true }),
    // A plan is a read: a lost answer may be asked again by the operator (Retry), not behind their back.
    retry: false,
  });
}

export interface StartVariables {
  items: BulkItemInput[];
  reason: string;
  confirmation: string;
  idempotencyKey: string;
}

/** What a confirmed bulk dialog got: the bulk, and under the approval policy the request that waits for a second person. */
export interface StartAnswer {
  bulk: BulkResult;
  request?: BulkRequestResult;
  replayed?: boolean;
}

/** Lets the dialog know the bulk is being started (useIsMutating) so it cannot be dismissed meanwhile. */
export const BULK_START_MUTATION_KEY = ["bulk-resets", "start"] as const;

/** Starts the bulk. Never retried automatically: the idempotency key makes a manual retry safe. */
export function useStartBulk() {
  const queryClient = useQueryClient();
  return useMutation<StartAnswer, ApiRequestError, StartVariables>({
    mutationKey: BULK_START_MUTATION_KEY,
    mutationFn: (variables) => postJson(`/api/bulk-resets`, variables),
    retry: false,
    onSuccess: (answer) => {
      queryClient.setQueryData(bulkKeys.detail(answer.bulk.id), { bulk: answer.bulk });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: bulkKeys.lists() }),
  });
}

export type BulkAction = "cancel" | "approve" | "reject";

/** Cancel (the items not yet sent are never sent), approve (the bulk starts) or reject a bulk. Never retried. */
export function useBulkAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation<{ bulk: BulkResult }, ApiRequestError, { action: BulkAction; comment?: string }>({
    mutationKey: ["bulk-resets", "action", id],
    mutationFn: ({ action, comment }) => postJson(`/api/bulk-resets/${encodeURIComponent(id)}/${action}`, comment ? { comment } : {}),
    retry: false,
    onSuccess: (answer) => {
      queryClient.setQueryData(bulkKeys.detail(id), { bulk: answer.bulk });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: bulkKeys.all }),
  });
}
