"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { followInterval, reconfigureViewOptions } from "@/lib/client/reconfigure-queries";
import { reconfigureHref } from "@/lib/client/hrefs";
import type { ResetDetail } from "@/lib/domain/reset-record";
import { buttonClasses } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useStatusLabel } from "@/lib/client/format";
import { ReconfigurationStatus } from "./reconfiguration-status";
import { useReasonText } from "../../_components/remark-text";

/** On a reset record: reconfigure the task from the snapshot, or where its reconfiguration stands. */
export function ReconfigureSection({ reset }: { reset: ResetDetail }) {
  const t = useTranslations("Reconfigure");
  const reasonText = useReasonText();
  const statusLabel = useStatusLabel();
  // Synchronization tasks with ConfigureDtsJob, change tracking tasks with ConfigureSubscription.
  const eligible = (reset.jobType === "SYNC" || reset.jobType === "SUBSCRIBE") && reset.status === "succeeded";
  const view = useQuery({ ...reconfigureViewOptions(reset.id), enabled: eligible, refetchInterval: (q) => followInterval(q.state.data) });

  if (!eligible) return null;
  const latest = view.data?.reconfigurations[0];
  return (
    <section aria-labelledby="record-reconfigure" className="space-y-3 rounded-lg border border-neutral-200 bg-white p-4">
      <h2 id="record-reconfigure" className="text-base font-semibold text-neutral-950">
        {t("sectionTitle")}
      </h2>
      {view.isPending ? (
        <p className="flex items-center gap-2 text-sm text-neutral-700">
          <Spinner /> {t("checking")}
        </p>
      ) : view.isError ? (
        <p className="text-sm text-neutral-800">{t("checkFailed")}</p>
      ) : (
        <>
          {latest ? <ReconfigurationStatus record={latest} /> : null}
          {view.data.allowed ? (
            <p className="text-sm text-neutral-800">{t("allowed", { status: statusLabel("NotConfigured") })}</p>
          ) : (
            <p className="text-sm text-neutral-800">{reasonText(view.data.remarks.reason ?? [])}</p>
          )}
          <Link href={reconfigureHref(reset.id)} className={buttonClasses(view.data.allowed ? "primary" : "secondary")}>
            {view.data.allowed ? t("reconfigureLink") : latest ? t("openReconfiguration") : t("seeParameters")}
          </Link>
        </>
      )}
    </section>
  );
}
