"use client";
import { useTranslations } from "next-intl";
import type { ResetResult } from "@/lib/domain/reset-record";
import { OutcomeBadge, OutcomeNotes } from "@/components/console/outcome-badge";
import { ExpandableText } from "./expandable-text";
import { ResetAccount, ResetActor, ResetRequestId, ResetTaskIds, ResetTimeLink } from "./reset-facts";
import { useDirectionLabel } from "./words";

const LABEL = "text-xs font-medium text-neutral-600";

/** One attempt as a card, for narrow screens (ResetsTable shows it below md instead of the row). */
export function ResetCard({ reset, showAccount }: { reset: ResetResult; showAccount: boolean }) {
  const t = useTranslations("Resets");
  const direction = useDirectionLabel();
  return (
    <li data-card-reset-id={reset.id} data-outcome={reset.status} className="rounded-lg border border-neutral-200 bg-white p-3">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <ResetTaskIds reset={reset} />
        </div>
        <div className="shrink-0 text-right">
          <OutcomeBadge status={reset.status} />
        </div>
      </div>
      <ResetTimeLink
        reset={reset}
        className="mt-1 inline-block text-sm font-medium text-blue-700 underline underline-offset-2 hover:text-blue-900 focus-ring"
      />
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm">
        <dt className={LABEL}>{t("columnDirection")}</dt>
        <dd>{direction(reset.direction)}</dd>
        {showAccount ? (
          <>
            <dt className={LABEL}>{t("columnAccount")}</dt>
            <dd>
              <ResetAccount account={reset.account} />
            </dd>
          </>
        ) : null}
        <dt className={LABEL}>{t("columnRegion")}</dt>
        <dd>{reset.region}</dd>
        <dt className={LABEL}>{t("columnActor")}</dt>
        <dd className="break-words">
          <ResetActor reset={reset} inline />
        </dd>
        <dt className={LABEL}>{t("columnReason")}</dt>
        <dd className="min-w-0">
          <ExpandableText text={reset.reason} what={t("expandWhatReason")} />
        </dd>
        <dt className={LABEL}>{t("columnOutcome")}</dt>
        <dd className="min-w-0">
          {reset.error?.code ? <div className="font-mono text-xs break-all text-neutral-800">{reset.error.code}</div> : null}
          <OutcomeNotes reset={reset} />
        </dd>
        <dt className={LABEL}>{t("columnRequestId")}</dt>
        <dd className="font-mono text-xs break-all text-neutral-800">
          <ResetRequestId reset={reset} />
        </dd>
      </dl>
    </li>
  );
}
