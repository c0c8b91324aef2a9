// The /resets view state lives in the URL, like /jobs: a filtered history can be shared, reloaded
// and navigated with the back button. One parser and one serializer, for the server page and the
// client alike.
import { RESET_STATUSES } from "@/lib/domain/reset-record";
import { RESET_PAGE_SIZES } from "@/lib/domain/api-constants";
import type { ResetsListParams } from "@/lib/client/reset-keys";
import type { ResetStatus } from "@/lib/domain/reset-record";

export type ResetsSearchState = ResetsListParams;

export const DEFAULT_RESETS_PAGE_SIZE = 25;
/** The API's limit on the task and actor filters. */
export const MAX_FILTER_LENGTH = 200;

export const EMPTY_RESET_FILTERS = { outcome: null, task: "", actor: "", from: "", to: "" } as const;

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: RawParams, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

function positiveInt(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,6}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 ? n : null;
}

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
  const rawOutcome = read(params, "outcome");
  const outcome = (RESET_STATUSES as readonly string[]).includes(rawOutcome ?? "") ? (rawOutcome as ResetStatus) : null;
  const size = positiveInt(read(params, "pageSize"));
  return {
    outcome,
    task: (read(params, "task") ?? "").trim().slice(0, MAX_FILTER_LENGTH),
    actor: (read(params, "actor") ?? "").trim().slice(0, MAX_FILTER_LENGTH),
    from: validDay(read(params, "from")),
    to: validDay(read(params, "to")),
    page: positiveInt(read(params, "page")) ?? 1,
    pageSize: size && (RESET_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_RESETS_PAGE_SIZE,
  };
}

/** Only what differs from the default view is written, so the plain history is plain /resets. */
export function serializeResetsSearch(state: ResetsSearchState): string {
  const search = new URLSearchParams();
  if (state.outcome) search.set("outcome", state.outcome);
  if (state.task) search.set("task", state.task);
  if (state.actor) search.set("actor", state.actor);
  if (state.from) search.set("from", state.from);
  if (state.to) search.set("to", state.to);
  if (state.page > 1) search.set("page", String(state.page));
  if (state.pageSize !== DEFAULT_RESETS_PAGE_SIZE) search.set("pageSize", String(state.pageSize));
  return search.toString();
}

export function resetsHref(state: ResetsSearchState): string {
  const search = serializeResetsSearch(state);
  return search ? `/resets?${search}` : "/resets";
}

export function hasResetFilters(state: ResetsSearchState): boolean {
  return state.outcome !== null || state.task !== "" || state.actor !== "" || state.from !== "" || state.to !== "";
}

export function resetDetailHref(id: string): string {
  return `/resets/${encodeURIComponent(id)}`;
}
