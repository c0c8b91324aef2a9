"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/client/format";
import { refreshIntervalFor, resetDetailOptions } from "@/lib/client/reset-queries";
import { jobDetailHref } from "@/lib/client/hrefs";
import { typeParamOf } from "@/lib/domain/api-constants";
import { QueryErrorPanel } from "@/components/console/error-panel";
import { ConfigureGuidanceSection } from "../_components/configure-guidance-section";
import { OutcomeBadge } from "@/components/console/outcome-badge";
import { RecordOutcome } from "../_components/record-outcome";
import { RecordApproval } from "../_components/record-approval";
import { RecordRequest } from "../_components/record-request";
import { SnapshotSection } from "../_components/snapshot-section";
import { useDirectionLabel } from "../_components/words";
import { ReconfigureSection } from "./_components/reconfigure-section";
import { RecordQueryState } from "../_components/record-query-state";
import { RunbookCommand } from "./_components/runbook-command";

const LINK = "text-sm text-blue-700 underline underline-offset-2";

export function ResetDetailClient({ id }: { id: string }) {
  const t = useTranslations("ResetDetail");
  const f = useFormat();
  const directionLabel = useDirectionLabel();
  const detail = useQuery({
    ...resetDetailOptions(id),
    // Until DTS's answer or the reconciliation settles it (and verifies it), the record may change.
    refetchInterval: (query) => refreshIntervalFor(query.state.data ? [query.state.data.reset] : undefined),
  });

  const back = (
    <Link href="/resets" className={LINK}>
      {t("backToHistory")}
    </Link>
  );

  if (!detail.data) {
    return (
      <RecordQueryState
        query={detail}
        back={back}
        title={t("title")}
        loading={t("loading")}
        notFound={t.rich("notFound", {
          id,
          mono: (chunks) => <span className="font-mono break-all">{chunks}</span>,
          link: (chunks) => (
            <Link href="/resets" className="text-blue-700 underline underline-offset-2">
              {chunks}
            </Link>
          ),
        })}
        loadError={t("loadError")}
      />
    );
  }


  const { reset, approval } = detail.data;
  const taskHref = jobDetailHref(reset.jobIdAfter ?? reset.jobId, reset.region, typeParamOf(reset.jobType), reset.account);

  return (
    <div className="space-y-5">
      {back}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1.5">
          <h1 className="text-xl font-semibold break-words text-neutral-950">
            {t("heading", { taskName: reset.taskName, direction: directionLabel(reset.direction) })}
          </h1>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-neutral-800">
            <OutcomeBadge status={reset.status} />
            <span>
              {t.rich("requestedBy", {
                actor: reset.actor,
                time: f.instant(reset.requestedAt) ?? reset.requestedAt,
                when: (chunks) => <time dateTime={reset.requestedAt}>{chunks}</time>,
              })}
            </span>
          </div>
        </div>
        <Link href={taskHref} className={LINK}>
          {t.rich("openTask", { taskName: reset.taskName, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
        </Link>
      </div>
      {detail.isError ? <QueryErrorPanel title={t("staleError")} query={detail} /> : null}
      <RecordOutcome reset={reset} />
      <RecordRequest reset={reset} />
      <RecordApproval approval={approval} />
      {/* A record served before the field existed has none: nothing to show then. */}
      {reset.equivalent ? <RunbookCommand id="record-runbook" action="ResetDtsJob" equivalent={reset.equivalent} /> : null}
      <ReconfigureSection reset={reset} />
      <SnapshotSection reset={reset} />
      <ConfigureGuidanceSection reset={reset} />
    </div>
  );
}
