"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { resetDetailHref } from "@/lib/client/hrefs";
import { followInterval, reconfigureViewOptions } from "@/lib/client/reconfigure-queries";
import { latestStart } from "@/lib/domain/start-again";
import { StatusBadge } from "@/components/console/status-badge";
import { useDirectionLabel } from "../../_components/words";
import { ReconfigurationStatus } from "../_components/reconfiguration-status";
import { useReasonText } from "../../_components/remark-text";
import { RecordQueryState } from "../../_components/record-query-state";
import { Notice } from "@/components/ui/notice";

function LoadingForm() {
  const t = useTranslations("Reconfigure");
  return <p className="text-sm text-neutral-700">{t("loadingForm")}</p>;
}

// Loaded only when there is a form to show: following a reconfiguration needs none of it.
const ReconfigureForm = dynamic(() => import("./reconfigure-form").then((m) => m.ReconfigureForm), {
  loading: () => <LoadingForm />,
});

const LINK = "text-sm text-blue-700 underline underline-offset-2";

export function ReconfigureClient({ id, canConfigure }: { id: string; canConfigure: boolean }) {
  const t = useTranslations("Reconfigure");
  const reasonText = useReasonText();
  const directionLabel = useDirectionLabel();
  const view = useQuery({ ...reconfigureViewOptions(id), refetchInterval: (q) => followInterval(q.state.data) });
  const back = (
    <Link href={resetDetailHref(id)} className={LINK}>
      {t("backToRecord")}
    </Link>
  );

  if (!view.data) {
    return (
      <RecordQueryState
        query={view}
        back={back}
        title={t("title")}
        loading={t("loading")}
        notFound={t.rich("notFound", { id, mono: (chunks) => <span className="font-mono break-all">{chunks}</span> })}
        loadError={t("loadError")}
      />
    );
  }


  const data = view.data;
  const latest = data.reconfigurations[0];
  const inFlight = latest && latestStart(latest).open;
  return (
    <div className="space-y-5">
      {back}
      <div className="space-y-1.5">
        <h1 className="text-xl font-semibold break-words text-neutral-950">
          {t("heading", { taskName: data.target.taskName, direction: directionLabel(data.target.direction) })}
        </h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-neutral-800">
          {t.rich("taskIn", { jobId: data.target.jobId, region: data.target.region, mono: (chunks) => <span className="font-mono text-xs">{chunks}</span> })}
          {data.target.status ? <StatusBadge status={data.target.status} /> : null}
        </p>
      </div>
      {data.reconfigurations.length ? (
        <section aria-labelledby="reconfigurations-heading" className="space-y-2">
          <h2 id="reconfigurations-heading" className="text-base font-semibold text-neutral-950">
            {t("reconfigurationsHeading")}
          </h2>
          {data.reconfigurations.map((record) => (
            <ReconfigurationStatus key={record.id} record={record} canStartAgain={canConfigure && record.id === latest?.id} resetId={id} />
          ))}
        </section>
      ) : null}
      {!data.allowed ? (
        <Notice tone="info">{reasonText(data.remarks.reason ?? [])}</Notice>
      ) : !canConfigure ? (
        <Notice tone="neutral">
          {t("roleCannot")}
        </Notice>
      ) : inFlight ? null : (
        <ReconfigureForm view={data} />
      )}
    </div>
  );
}
