"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { toApiRequestError } from "@/lib/client/api-error";
import { bulkDetailOptions, bulkExportUrl, bulkRefreshInterval } from "@/lib/client/bulk-queries";
import { useFormat } from "@/lib/client/format";
import { bulkResetsHref } from "@/lib/client/bulk-hrefs";
import { buttonClasses } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { QueryErrorPanel } from "@/components/console/error-panel";
import { PageSection } from "@/components/console/page-section";
import { BulkActions, type Me } from "../_components/bulk-actions";
import { BulkItems } from "../_components/bulk-items";
import { BulkProgress } from "../_components/bulk-progress";
import { BulkStatusBadge, useBulkWords } from "../_components/bulk-words";

const LINK = "text-sm text-blue-700 underline underline-offset-2";

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "col-span-full min-w-0" : "min-w-0"}>
      <dt className="text-xs text-neutral-700">{label}</dt>
      <dd className="text-sm break-words text-neutral-950">{children}</dd>
    </div>
  );
}

/** The bulk's items as files: every item, with its status, record and error. Plain links: the browser handles the file. */
function ExportLinks({ id }: { id: string }) {
  const t = useTranslations("Bulk");
  return (
    <div className="flex flex-wrap items-center gap-2">
      {(["csv", "json"] as const).map((format) => (
        <a key={format} href={bulkExportUrl(id, format)} download className={buttonClasses("secondary", "sm")}>
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5">
            <path d="M8 2.5v7.5M4.8 7l3.2 3.2L11.2 7M3 13h10" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {t("exportLink", { format: format.toUpperCase() })}
        </a>
      ))}
    </div>
  );
}

/**
 * One bulk reset (issue 22): its progress, read again about once a second until it is final
 * (FINAL_BULK_STATUSES), what it was asked for and by whom, what may be done to it now, and each
 * task with its status and a link to its reset record.
 */
export function BulkDetailClient({ id, me }: { id: string; me: Me }) {
  const t = useTranslations("Bulk");
  const roles = useTranslations("Roles");
  const f = useFormat();
  const words = useBulkWords();
  const detail = useQuery({
    ...bulkDetailOptions(id),
    refetchInterval: (query) => bulkRefreshInterval(query.state.data?.bulk),
    // The progress is the page: keep reading it while the tab is in the background too, so it is
    // current when the operator comes back (about one request a second, until the bulk is final).
    refetchIntervalInBackground: true,
  });
  const back = (
    <Link href={bulkResetsHref()} className={LINK}>
      {t("backToList")}
    </Link>
  );

  if (!detail.data) {
    const error = detail.isPending ? null : toApiRequestError(detail.error);
    return (
      <div className="space-y-4">
        {back}
        <h1 className="text-xl font-semibold text-neutral-950">{t("detailTitle")}</h1>
        {error === null ? (
          <p className="flex items-center gap-2 text-sm text-neutral-700">
            <Spinner /> {t("detailLoading")}
          </p>
        ) : error.status === 404 || error.status === 400 ? (
          <p role="alert" className="rounded-lg border border-neutral-300 bg-white p-4 text-sm text-neutral-900">
            {t.rich("notFound", { id, mono: (chunks) => <span className="font-mono break-all">{chunks}</span> })}
          </p>
        ) : (
          <QueryErrorPanel title={t("detailError")} query={detail} />
        )}
      </div>
    );
  }

  const { bulk } = detail.data;
  const roleName = (role: string) => (role === "viewer" || role === "operator" || role === "admin" ? roles(role) : role);
  return (
    <div className="space-y-6" data-bulk-id={bulk.id} data-bulk-status={bulk.status}>
      {back}
      <div className="space-y-1.5">
        <h1 className="text-xl font-semibold break-words text-neutral-950">{t("detailHeading", { count: bulk.total })}</h1>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-neutral-800">
          <BulkStatusBadge status={bulk.status} />
          {/* Polite: said when the bulk itself changes (started, finished, cancelled), not at every item. */}
          <span role="status" aria-live="polite" className="sr-only">
            {t("statusLine", { status: words.bulkStatus(bulk.status) })}
          </span>
          <span>
            {t.rich("createdBy", {
              username: bulk.createdBy,
              role: roleName(bulk.createdByRole),
              time: f.instant(bulk.createdAt) ?? bulk.createdAt,
              when: (chunks) => <time dateTime={bulk.createdAt}>{chunks}</time>,
            })}
          </span>
          {detail.isFetching ? <span className="text-neutral-600">{t("updating")}</span> : null}
        </div>
      </div>

      <PageSection id="bulk-progress-heading" title={t("progressHeading")}>
        <BulkProgress bulk={bulk} />
        <BulkActions bulk={bulk} me={me} />
      </PageSection>

      <PageSection id="bulk-facts-heading" title={t("factsHeading")}>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 md:grid-cols-4">
          <Fact label={t("factReason")} wide>
            {bulk.reason}
          </Fact>
          <Fact label={t("factStarted")}>{bulk.startedAt ? f.instant(bulk.startedAt) : t("notYet")}</Fact>
          <Fact label={t("factFinished")}>{bulk.finishedAt ? f.instant(bulk.finishedAt) : t("notYet")}</Fact>
          <Fact label={t("factPace")}>{t("pace", { perSecond: bulk.callsPerSecond })}</Fact>
          {bulk.cancelledBy ? (
            <Fact label={t("factCancelledBy")}>{t("personAt", { username: bulk.cancelledBy, time: f.instant(bulk.cancelledAt) ?? "" })}</Fact>
          ) : null}
          {bulk.approval ? (
            <>
              <Fact label={t("factApproval")}>{words.approvalStatus(bulk.approval.status)}</Fact>
              {bulk.approval.decidedBy ? (
                <Fact label={t("factDecidedBy")}>
                  {t("personRoleAt", { username: bulk.approval.decidedBy.username, role: roleName(bulk.approval.decidedBy.role), time: f.instant(bulk.approval.decidedAt) ?? "" })}
                </Fact>
              ) : (
                <Fact label={t("factExpires")}>{f.instant(bulk.approval.expiresAt)}</Fact>
              )}
              {bulk.approval.comment ? (
                <Fact label={t("factComment")} wide>
                  {bulk.approval.comment}
                </Fact>
              ) : null}
            </>
          ) : null}
        </dl>
      </PageSection>

      <PageSection id="bulk-items-heading" title={t("itemsHeading", { count: bulk.total })}>
        <ExportLinks id={bulk.id} />
        <BulkItems items={bulk.items} />
      </PageSection>
    </div>
  );
}
