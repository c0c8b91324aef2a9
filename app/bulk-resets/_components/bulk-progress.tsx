"use client";
import { useTranslations } from "next-intl";
import { BULK_ITEM_STATUSES, remaining, type BulkResult } from "@/lib/domain/bulk-result";
import { useFormat } from "@/lib/client/format";
import { ItemStatusBadge } from "./bulk-words";

/**
 * How far the bulk has come: a bar (role=progressbar, its values the items decided out of all),
 * the words beside it, and the count of every item status. Not a live region: it changes every
 * second while the bulk runs; the page's status line says when the bulk itself changes.
 */
export function BulkProgress({ bulk }: { bulk: BulkResult }) {
  const t = useTranslations("Bulk");
  const f = useFormat();
  const total = bulk.total;
  const done = Math.max(0, total - remaining(bulk.counts));
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  const text = t("progressText", { done, total });
  return (
    <div className="space-y-3">
      <div>
        <div className="flex items-baseline justify-between gap-2 text-sm">
          <span id="bulk-progress-label" className="font-medium text-neutral-900">
            {t("progressLabel")}
          </span>
          <span className="text-neutral-800 tabular-nums" data-done={done} data-total={total}>
            {text}
          </span>
        </div>
        <div
          role="progressbar"
          aria-labelledby="bulk-progress-label"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={done}
          aria-valuetext={text}
          className="mt-1.5 h-3 w-full overflow-hidden rounded-full border border-neutral-300 bg-neutral-100"
        >
          <div
            className="h-full bg-neutral-800 transition-[width] duration-300 motion-reduce:transition-none"
            style={{ width: `${percent}%` }}
          />
        </div>
      </div>
      <dl className="flex flex-wrap gap-x-5 gap-y-2" aria-label={t("countsLabel")}>
        {BULK_ITEM_STATUSES.map((status) => (
          <div key={status} className="flex items-center gap-1.5" data-count-status={status} data-count={bulk.counts[status]}>
            <dt>
              <ItemStatusBadge status={status} />
            </dt>
            <dd className="text-sm font-semibold text-neutral-950 tabular-nums">{f.number(bulk.counts[status])}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
