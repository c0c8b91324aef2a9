"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { BULK_PAGE_SIZES, BULK_STATUSES, type BulkSummary } from "@/lib/domain/bulk-result";
import { BULK_LIST_REFRESH_MS, bulkListOptions, isFinalBulk, type BulkListParams } from "@/lib/client/bulk-queries";
import { bulkResetHref, bulkResetsHref } from "@/lib/client/bulk-hrefs";
import { useFormat } from "@/lib/client/format";
import { Button } from "@/components/ui/button";
import { LabeledField } from "@/components/ui/labeled-field";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { TableCell, TableRow } from "@/components/ui/table";
import { QueryErrorPanel } from "@/components/console/error-panel";
import { ListPagination } from "@/components/console/list-pagination";
import { ListTable } from "@/components/console/list-table";
import { BulkStatusBadge, useBulkWords } from "./_components/bulk-words";
import { parseBulkResetsSearchParams } from "./search-params";

const LINK = "font-medium text-blue-700 underline underline-offset-2 focus-ring";

/** "8 succeeded, 1 failed, 3 to go": the counts that are not zero, in the reader's words. */
function useProgressText() {
  const t = useTranslations("Bulk");
  return (bulk: BulkSummary): string => {
    const { counts } = bulk;
    const parts: string[] = [];
    if (counts.succeeded) parts.push(t("countSucceeded", { count: counts.succeeded }));
    if (counts.failed) parts.push(t("countFailed", { count: counts.failed }));
    if (counts.unknown) parts.push(t("countUnknown", { count: counts.unknown }));
    if (counts.skipped) parts.push(t("countSkipped", { count: counts.skipped }));
    if (counts.cancelled) parts.push(t("countCancelled", { count: counts.cancelled }));
    const left = counts.queued + counts.running;
    if (left) parts.push(t("countLeft", { count: left }));
    return parts.join(t("listSeparator"));
  };
}

function BulkLink({ bulk }: { bulk: BulkSummary }) {
  const t = useTranslations("Bulk");
  const f = useFormat();
  return (
    <Link href={bulkResetHref(bulk.id)} className={LINK}>
      {t("openBulk", { count: bulk.total, time: f.instant(bulk.createdAt) ?? bulk.createdAt })}
    </Link>
  );
}

function BulkRow({ bulk }: { bulk: BulkSummary }) {
  const progress = useProgressText();
  return (
    <TableRow data-bulk-id={bulk.id}>
      <TableCell className="min-w-56">
        <BulkLink bulk={bulk} />
      </TableCell>
      <TableCell>{bulk.createdBy}</TableCell>
      <TableCell>
        <BulkStatusBadge status={bulk.status} />
      </TableCell>
      <TableCell className="text-sm text-neutral-800">{progress(bulk)}</TableCell>
      <TableCell className="max-w-80 text-sm break-words text-neutral-800">{bulk.reason}</TableCell>
    </TableRow>
  );
}

function BulkCard({ bulk }: { bulk: BulkSummary }) {
  const t = useTranslations("Bulk");
  const progress = useProgressText();
  return (
    <li data-card-bulk-id={bulk.id} className="space-y-1.5 rounded-lg border border-neutral-200 bg-white p-3 text-sm">
      <div className="flex items-start justify-between gap-3">
        <BulkLink bulk={bulk} />
        <BulkStatusBadge status={bulk.status} />
      </div>
      <p className="text-neutral-800">{t("cardCreatedBy", { username: bulk.createdBy })}</p>
      <p className="text-neutral-800">{progress(bulk)}</p>
      <p className="break-words text-neutral-700">{bulk.reason}</p>
    </li>
  );
}

export function BulkResetsClient() {
  const t = useTranslations("Bulk");
  const words = useBulkWords();
  const searchParams = useSearchParams();
  const state = parseBulkResetsSearchParams(searchParams);
  const list = useQuery({
    ...bulkListOptions(state),
    placeholderData: keepPreviousData,
    // While a bulk on screen is still working, its counts change: read again now and then.
    refetchInterval: (query) => (query.state.data?.items.some((b) => !isFinalBulk(b.status)) ? BULK_LIST_REFRESH_MS : false),
  });
  // As on /jobs and /resets: the native history API, which Next.js syncs with useSearchParams.
  const navigate = useCallback((patch: Partial<BulkListParams>) => {
    const current = parseBulkResetsSearchParams(new URLSearchParams(window.location.search));
    window.history.pushState(null, "", bulkResetsHref({ ...current, ...patch }));
  }, []);
  const data = list.data;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold tracking-tight text-neutral-950">{t("listTitle")}</h1>
        <p className="text-sm text-neutral-700">{t("listIntro")}</p>
      </div>

      <div className="flex flex-wrap items-end justify-between gap-3">
        <LabeledField id="bulk-status" label={t("statusFilter")}>
          <Select id="bulk-status" className="mt-1 w-56" value={state.status ?? ""} onChange={(e) => navigate({ status: (e.target.value || null) as BulkListParams["status"], page: 1 })}>
            <option value="">{t("allStatuses")}</option>
            {BULK_STATUSES.map((status) => (
              <option key={status} value={status}>
                {words.bulkStatus(status)}
              </option>
            ))}
          </Select>
        </LabeledField>
        <Button variant="secondary" size="sm" onClick={() => void list.refetch()} disabled={list.isFetching}>
          {list.isFetching ? <Spinner className="size-3.5" /> : null}
          {list.isFetching ? t("refreshing") : t("refresh")}
        </Button>
      </div>

      {list.error ? <QueryErrorPanel title={t("listError")} query={list} /> : null}

      {!list.error || data ? (
        <ListTable
          caption={state.status ? t("captionStatus", { status: words.bulkStatus(state.status) }) : t("caption")}
          updating={list.isFetching && data !== undefined}
          columns={[t("columnBulk"), t("columnCreatedBy"), t("columnStatus"), t("columnProgress"), t("columnReason")]}
          items={data?.items}
          loading={list.isPending}
          noun={t("tableNoun")}
          loadingText={t("listLoading")}
          emptyText={t("listEmpty")}
          clearFiltersHref={state.status ? bulkResetsHref({ pageSize: state.pageSize }) : null}
          renderRow={(bulk) => <BulkRow key={bulk.id} bulk={bulk} />}
          renderCard={(bulk) => <BulkCard key={bulk.id} bulk={bulk} />}
        />
      ) : null}

      {data ? (
        <ListPagination state={state} total={data.total} pageSizes={BULK_PAGE_SIZES} noun={t("paginationNoun")} idPrefix="bulk-resets" href={bulkResetsHref} onChange={navigate} />
      ) : null}
    </div>
  );
}
