"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { BULK_ITEM_STATUSES, type BulkItemResult, type BulkItemStatus } from "@/lib/domain/bulk-result";
import { useAccounts } from "@/lib/client/accounts";
import { useErrorText, useFormat } from "@/lib/client/format";
import { resetDetailHref } from "@/lib/client/hrefs";
import { LabeledField } from "@/components/ui/labeled-field";
import { Select } from "@/components/ui/select";
import { TableCell, TableRow } from "@/components/ui/table";
import { ListTable } from "@/components/console/list-table";
import { ItemStatusBadge, useBulkWords } from "./bulk-words";

const LINK = "text-blue-700 underline underline-offset-2 focus-ring";

/** The items that need a look: shown first, and what the "needs attention" filter keeps. */
const ATTENTION: readonly BulkItemStatus[] = ["failed", "unknown", "skipped"];

type Filter = "all" | "attention" | BulkItemStatus;

/** Failed, unknown and skipped first, then in the bulk's order. */
function ordered(items: readonly BulkItemResult[]): BulkItemResult[] {
  const rank = (item: BulkItemResult) => {
    const i = ATTENTION.indexOf(item.status);
    return i < 0 ? ATTENTION.length : i;
  };
  return [...items].sort((a, b) => rank(a) - rank(b) || a.position - b.position);
}

function ItemError({ item }: { item: BulkItemResult }) {
  const t = useTranslations("Bulk");
  const errorText = useErrorText();
  if (!item.error && item.throttled === 0) return <span className="text-neutral-600">{t("noError")}</span>;
  return (
    <div className="space-y-0.5 text-sm">
      {item.error ? (
        <>
          {item.error.code ? (
            <p className="text-neutral-900">
              {errorText({ code: item.error.code })} <span className="font-mono text-xs break-all text-neutral-700">{item.error.code}</span>
            </p>
          ) : null}
          {/* DTS's (or the refusal's) own message: data, shown as sent. */}
          {item.error.message ? <p className="break-words text-neutral-700">{t("itemMessage", { message: item.error.message })}</p> : null}
          {item.error.requestId ? <p className="font-mono text-xs break-all text-neutral-700">{t("itemRequestId", { requestId: item.error.requestId })}</p> : null}
        </>
      ) : null}
      {item.throttled > 0 ? <p className="text-xs text-neutral-700">{t("itemThrottled", { count: item.throttled })}</p> : null}
    </div>
  );
}

function RecordLink({ item }: { item: BulkItemResult }) {
  const t = useTranslations("Bulk");
  if (!item.resetId) return <span className="text-neutral-600">{t("noRecord")}</span>;
  return (
    <Link href={resetDetailHref(item.resetId)} className={LINK}>
      {t("openRecord")}
      <span className="sr-only">{t("openRecordOf", { name: item.taskName ?? item.jobId })}</span>
    </Link>
  );
}

function Where({ item, showAccount }: { item: BulkItemResult; showAccount: boolean }) {
  const f = useFormat();
  const { nameOf } = useAccounts();
  return (
    <>
      {f.region(item.region)}
      {showAccount ? <span className="block text-xs text-neutral-700">{nameOf(item.account)}</span> : null}
    </>
  );
}

function ItemRow({ item, showAccount }: { item: BulkItemResult; showAccount: boolean }) {
  const words = useBulkWords();
  return (
    <TableRow data-item-job-id={item.jobId} data-item-status={item.status}>
      <TableCell className="text-right text-neutral-700 tabular-nums">{item.position + 1}</TableCell>
      <TableCell className="min-w-48">
        <span className="font-medium break-words text-neutral-950">{item.taskName ?? item.jobId}</span>
        <span className="block font-mono text-xs text-neutral-700">{item.jobId}</span>
      </TableCell>
      <TableCell>
        <Where item={item} showAccount={showAccount} />
      </TableCell>
      <TableCell>{words.direction(item.direction)}</TableCell>
      <TableCell>
        <ItemStatusBadge status={item.status} />
      </TableCell>
      <TableCell className="max-w-96">
        <ItemError item={item} />
      </TableCell>
      <TableCell className="whitespace-nowrap">
        <RecordLink item={item} />
      </TableCell>
    </TableRow>
  );
}

function ItemCard({ item, showAccount }: { item: BulkItemResult; showAccount: boolean }) {
  const t = useTranslations("Bulk");
  const words = useBulkWords();
  return (
    <li data-card-item-job-id={item.jobId} data-item-status={item.status} className="space-y-1.5 rounded-lg border border-neutral-200 bg-white p-3 text-sm">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium break-words text-neutral-950">
            <span className="text-neutral-700">{t("cardPosition", { n: item.position + 1 })}</span>
            {item.taskName ?? item.jobId}
          </p>
          <p className="font-mono text-xs break-all text-neutral-700">{item.jobId}</p>
        </div>
        <ItemStatusBadge status={item.status} />
      </div>
      <p className="text-neutral-800">
        <Where item={item} showAccount={showAccount} /> · {words.direction(item.direction)}
      </p>
      <ItemError item={item} />
      <p>
        <RecordLink item={item} />
      </p>
    </li>
  );
}

/** The bulk's tasks, those that need a look first, with a filter by status. */
export function BulkItems({ items }: { items: readonly BulkItemResult[] }) {
  const t = useTranslations("Bulk");
  const words = useBulkWords();
  const { several } = useAccounts();
  const [filter, setFilter] = useState<Filter>("all");
  const attention = items.filter((i) => ATTENTION.includes(i.status)).length;
  const shown = ordered(
    filter === "all" ? items : filter === "attention" ? items.filter((i) => ATTENTION.includes(i.status)) : items.filter((i) => i.status === filter),
  );
  const present = BULK_ITEM_STATUSES.filter((status) => items.some((i) => i.status === status));
  const columns = [t("columnPosition"), t("columnTask"), t("columnWhere"), t("columnDirection"), t("columnItemStatus"), t("columnDetail"), t("columnRecord")];
  return (
    <div className="space-y-3">
      <LabeledField id="bulk-items-filter" label={t("itemsFilter")}>
        <Select id="bulk-items-filter" className="mt-1 w-64" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
          <option value="all">{t("filterAll", { count: items.length })}</option>
          <option value="attention">{t("filterAttention", { count: attention })}</option>
          {present.map((status) => (
            <option key={status} value={status}>
              {t("filterStatus", { status: words.itemStatus(status), count: items.filter((i) => i.status === status).length })}
            </option>
          ))}
          {/* A status chosen before its last item moved on stays in the list, with 0. */}
          {filter !== "all" && filter !== "attention" && !present.includes(filter) ? (
            <option value={filter}>{t("filterStatus", { status: words.itemStatus(filter), count: 0 })}</option>
          ) : null}
        </Select>
      </LabeledField>
      <ListTable
        caption={t("itemsCaption")}
        updating={false}
        columns={columns}
        items={shown}
        loading={false}
        noun={t("itemsNoun")}
        loadingText={t("detailLoading")}
        emptyText={t("itemsEmpty")}
        clearFiltersHref={null}
        renderRow={(item) => <ItemRow key={item.position} item={item} showAccount={several} />}
        renderCard={(item) => <ItemCard key={item.position} item={item} showAccount={several} />}
      />
    </div>
  );
}
