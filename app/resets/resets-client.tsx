"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { RESET_PAGE_SIZES } from "@/lib/domain/api-constants";
import { resetsHref } from "@/lib/client/hrefs";
import { useAccounts } from "@/lib/client/accounts";
import type { ResetFilterParams } from "@/lib/client/reset-keys";
import { refreshIntervalFor, resetsListOptions } from "@/lib/client/reset-queries";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { QueryErrorPanel } from "@/components/console/error-panel";
import { ListPagination } from "@/components/console/list-pagination";
import { useOutcomeLabel } from "@/components/console/outcome-badge";
import { ExportLinks } from "./_components/export-links";
import { ResetsFilters } from "./_components/resets-filters";
import { ResetsTable } from "./_components/resets-table";
import { EMPTY_RESET_FILTERS, hasResetFilters, parseResetsSearchParams, type ResetsSearchState } from "./search-params";

/** The applied filters in words, for the table's caption ("" when none). */
function useDescribeFilters() {
  const t = useTranslations("Resets");
  const locale = useLocale();
  const outcomeLabel = useOutcomeLabel();
  const { nameOf } = useAccounts();
  return (state: ResetsSearchState): string => {
    const parts: string[] = [];
    if (state.account) parts.push(t("filterAccount", { account: nameOf(state.account) }));
    if (state.outcome) parts.push(t("filterOutcome", { outcome: outcomeLabel(state.outcome).toLocaleLowerCase(locale) }));
    if (state.task) parts.push(t("filterTask", { task: state.task }));
    if (state.actor) parts.push(t("filterActor", { actor: state.actor }));
    if (state.from && state.to) parts.push(t("filterRange", { from: state.from, to: state.to }));
    else if (state.from) parts.push(t("filterFrom", { from: state.from }));
    else if (state.to) parts.push(t("filterTo", { to: state.to }));
    const separator = t("filterSeparator");
    return parts.length ? `${separator}${parts.join(separator)}` : "";
  };
}

export function ResetsClient() {
  const t = useTranslations("Resets");
  const describeFilters = useDescribeFilters();
  const searchParams = useSearchParams();
  const state = parseResetsSearchParams(searchParams);

  const list = useQuery({
    ...resetsListOptions(state),
    // Keep the rows on screen while the next page or filter loads, so the table does not jump.
    placeholderData: keepPreviousData,
    // A pending or unknown attempt is settled within seconds to a minute (DTS's answer or the
    // reconciliation): keep reading while one is on screen, and stop once all are settled.
    refetchInterval: (query) => refreshIntervalFor(query.state.data?.items),
  });

  // As on /jobs: the native history API, which Next.js syncs with useSearchParams, so the URL
  // changes at once with no server round trip. The address is read at call time so two quick
  // changes both stick.
  const navigate = useCallback((patch: Partial<ResetsSearchState>) => {
    const current = parseResetsSearchParams(new URLSearchParams(window.location.search));
    window.history.pushState(null, "", resetsHref({ ...current, ...patch }));
  }, []);
  const applyFilters = useCallback((filters: ResetFilterParams) => navigate({ ...filters, page: 1 }), [navigate]);

  const filtered = hasResetFilters(state);
  const clearHref = filtered ? resetsHref({ ...state, ...EMPTY_RESET_FILTERS, page: 1 }) : null;
  const data = list.data;
  const filters: ResetFilterParams = { outcome: state.outcome, task: state.task, actor: state.actor, account: state.account, bulkId: state.bulkId, from: state.from, to: state.to };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold tracking-tight text-neutral-950">{t("title")}</h1>
        <p className="text-sm text-neutral-700">{t("intro")}</p>
      </div>

      <ResetsFilters filters={filters} clearHref={clearHref} onApply={applyFilters} />

      <div className="flex flex-wrap items-center justify-between gap-2">
        <ExportLinks filters={filters} filtered={filtered} />
        <Button variant="secondary" size="sm" onClick={() => void list.refetch()} disabled={list.isFetching}>
          {list.isFetching ? <Spinner className="size-3.5" /> : null}
          {list.isFetching ? t("refreshing") : t("refresh")}
        </Button>
      </div>

      {list.error ? <QueryErrorPanel title={t("loadError")} query={list} /> : null}

      {!list.error || data ? (
        <ResetsTable
          caption={t("caption", { filters: describeFilters(state) })}
          updating={list.isFetching && data !== undefined}
          items={data?.items}
          loading={list.isPending}
          clearFiltersHref={clearHref}
        />
      ) : null}

      {data ? (
        <ListPagination state={state} total={data.total} pageSizes={RESET_PAGE_SIZES} noun={t("paginationNoun")} idPrefix="resets" href={resetsHref} onChange={navigate} />
      ) : null}
    </div>
  );
}
