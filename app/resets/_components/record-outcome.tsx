"use client";
import { useTranslations } from "next-intl";
import type { ResetDetail, ResetStatus } from "@/lib/domain/reset-record";
import { useFormat, useStatusLabel } from "@/lib/client/format";
import { CopyButton } from "@/components/ui/copy-button";
import { Fact, FactList, NotRecorded, Section } from "./fact-list";
import { OutcomeBadge, OutcomeNotes } from "@/components/console/outcome-badge";

/** The words of this section, bound to the reader's language. */
function useOutcomeWords() {
  const t = useTranslations("ResetDetail");
  return {
    meaning(status: ResetStatus): string {
      switch (status) {
        case "succeeded":
          return t("meaningSucceeded");
        case "failed":
          return t("meaningFailed");
        case "unknown":
          return t("meaningUnknown");
        case "pending":
          return t("meaningPending");
      }
    },
    retrySafety(reset: ResetDetail): string {
      const safe = reset.error?.retrySafe;
      if (safe === true) return t("retrySafeYes");
      if (safe === false) return t("retrySafeNo");
      return t("retrySafeUnknown");
    },
    resolution(reset: ResetDetail): string {
      if (reset.resolvedBy === "response") return t("resolvedByResponse");
      if (reset.resolvedBy === "reconciliation") return t("resolvedByReconciliation");
      return t("notResolved");
    },
  };
}

/** What DTS answered, and how the console settled the outcome. */
export function RecordOutcome({ reset }: { reset: ResetDetail }) {
  const t = useTranslations("ResetDetail");
  const f = useFormat();
  const statusLabel = useStatusLabel();
  const words = useOutcomeWords();
  const failedOrUnknown = reset.status === "failed" || reset.status === "unknown";
  return (
    <Section id="record-outcome" title={t("outcomeTitle")} description={words.meaning(reset.status)}>
      <div>
        <OutcomeBadge status={reset.status} />
        <OutcomeNotes reset={reset} withTimes />
      </div>
      <FactList>
        <Fact term={t("requestId")} mono>
          {reset.requestId ? (
            <span className="inline-flex items-center gap-1">
              {reset.requestId}
              <CopyButton value={reset.requestId} label={t("requestId")} />
            </span>
          ) : (
            <NotRecorded>{t("requestIdNone")}</NotRecorded>
          )}
        </Fact>
        <Fact term={t("httpStatus")} mono>
          {reset.httpStatus ?? <NotRecorded>{t("noAnswer")}</NotRecorded>}
        </Fact>
        {failedOrUnknown ? (
          <>
            <Fact term={t("errorCode")} mono>
              {reset.error?.code ?? <NotRecorded />}
            </Fact>
            <Fact term={t("errorKind")} mono>
              {reset.error?.kind ?? <NotRecorded />}
            </Fact>
            <Fact term={t("errorMessage")} full>
              {reset.error?.message ? <span className="whitespace-pre-wrap">{reset.error.message}</span> : <NotRecorded />}
            </Fact>
            <Fact term={t("safeToRetry")} full>
              {words.retrySafety(reset)}
            </Fact>
          </>
        ) : null}
        <Fact term={t("resolved")}>{words.resolution(reset)}</Fact>
        <Fact term={t("finished")}>{f.instant(reset.finishedAt) ?? <NotRecorded>{t("notFinished")}</NotRecorded>}</Fact>
        {reset.resolvedBy === "reconciliation" || reset.reconciledAt ? (
          <Fact term={t("reconciled")}>{f.instant(reset.reconciledAt) ?? <NotRecorded />}</Fact>
        ) : null}
        {/* Verification follows a reset that took effect; a refused one has nothing to verify. */}
        {reset.status !== "failed" || reset.verifiedAt ? (
          <Fact term={t("verified")}>
            {reset.verifiedAt ? (
              t("verifiedAt", { time: f.instant(reset.verifiedAt) ?? reset.verifiedAt, status: statusLabel("NotConfigured") })
            ) : (
              <NotRecorded>{t("notYet")}</NotRecorded>
            )}
          </Fact>
        ) : null}
        {reset.reconciliationNote ? (
          <Fact term={t("reconciliationNote")} full>
            {reset.reconciliationNote}
          </Fact>
        ) : null}
      </FactList>
    </Section>
  );
}
