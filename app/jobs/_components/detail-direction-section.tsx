"use client";
import { useTranslations } from "next-intl";
import type { DtsTaskDetail } from "@/lib/domain/task";
import { useFormat } from "@/lib/client/format";
import { CopyButton } from "@/components/ui/copy-button";
import { DbObjectSummary } from "./db-object-summary";
import { EndpointDetails } from "@/components/console/endpoint-details";
import { JsonBlock } from "@/components/ui/json-block";
import { TitledBlock } from "@/components/console/titled-block";
import { StatusBadge } from "@/components/console/status-badge";
import { MigrationModes } from "@/components/console/migration-modes";


/** DTS's billing type (spelt PostPaid or POSTPAY), with the raw value DTS sent kept beside the words. */
function payTypeLabel(t: ReturnType<typeof useTranslations<"JobDetail">>, raw: string): string {
  const key = raw.toLowerCase();
  if (key === "postpaid" || key === "postpay") return t("payPostPaid", { raw });
  if (key === "prepaid" || key === "prepay") return t("payPrePaid", { raw });
  return raw;
}

/** Everything DescribeDtsJobDetail says about one direction: what a reset would wipe. */
export function DetailDirectionSection({ detail, title }: { detail: DtsTaskDetail; title: string }) {
  const t = useTranslations("JobDetail");
  const f = useFormat();
  const notReported = t("notReported");
  const headingId = `direction-${detail.direction.toLowerCase()}`;
  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-lg border border-neutral-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 id={headingId} className="text-base font-semibold text-neutral-950">
          {title}
        </h2>
        <StatusBadge status={detail.status} known={detail.statusKnown} />
        <span className="flex items-center font-mono text-xs text-neutral-700">
          {detail.jobId}
          <CopyButton value={detail.jobId} label={detail.direction === "Reverse" ? t("copyReverseTaskId") : t("copyForwardTaskId")} />
        </span>
      </div>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)_max-content_minmax(0,1fr)]">
        <dt className="text-neutral-700">{t("created")}</dt>
        <dd>{f.dateTime(detail.createdAt) ?? notReported}</dd>
        <dt className="text-neutral-700">{t("finished")}</dt>
        <dd>{f.dateTime(detail.finishTime) ?? t("notFinished")}</dd>
        <dt className="text-neutral-700">{t("delay")}</dt>
        <dd>{f.delay(detail.delay) ?? notReported}</dd>
        <dt className="text-neutral-700">{t("checkpoint")}</dt>
        <dd className="font-mono text-xs leading-5">{detail.checkpoint ?? <span className="font-sans text-sm">{notReported}</span>}</dd>
        <dt className="text-neutral-700">{t("billing")}</dt>
        <dd>{detail.payType ? payTypeLabel(t, detail.payType) : notReported}</dd>
        <dt className="text-neutral-700">{t("jobClass")}</dt>
        <dd>{detail.jobClass ?? notReported}</dd>
        {detail.errorMessage ? (
          <>
            <dt className="text-neutral-700">{t("dtsError")}</dt>
            <dd className="break-words text-rose-900 sm:col-span-3">{detail.errorMessage}</dd>
          </>
        ) : null}
      </dl>
      <div className="grid gap-3 md:grid-cols-2">
        <EndpointDetails title={t("source")} endpoint={detail.source} />
        <EndpointDetails title={t("destination")} endpoint={detail.destination} />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <TitledBlock title={t("selectedObjects")}>
          <DbObjectSummary value={detail.dbObject} />
        </TitledBlock>
        <TitledBlock title={t("migrationMode")}>
          <MigrationModes modes={detail.migrationMode} emptyText={t("modesNotReported")} />
        </TitledBlock>
      </div>
      <div className="space-y-2">
        <JsonBlock summary={t("dbObjectJson")} value={detail.dbObject ?? null} />
        <JsonBlock summary={t("reservedJson")} value={detail.reserved ?? null} />
      </div>
    </section>
  );
}
