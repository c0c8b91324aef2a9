"use client";
import { useTranslations } from "next-intl";
import type { ResetDetail, ResetStatus } from "@/lib/domain/reset-record";
import { useFormat, useStatusLabel } from "@/lib/client/format";
import type { MessageKey } from "@/lib/client/message-key";
import { CopyableValue, Fact, FactList, NotRecorded, Section } from "./fact-list";
import { OutcomeBadge, OutcomeNotes } from "@/components/console/outcome-badge";

/** What each outcome means for the task. */
const MEANING_KEYS: Record<ResetStatus, MessageKey<"ResetDetail">> = {
  succeeded: "meaningSucceeded",
  failed: "meaningFailed",
  unknown: "meaningUnknown",
  pending: "meaningPending",
};

/** Whether trying again is safe, as DTS's answer said. */
function retrySafetyKey(reset: ResetDetail): MessageKey<"ResetDetail"> {
  const safe = reset.error?.retrySafe;
  return safe === true ? "retrySafeYes" : safe === false ? "retrySafeNo" : "retrySafeUnknown";
}

/** How the outcome was settled. */
function resolutionKey(reset: ResetDetail): MessageKey<"ResetDetail"> {
  return reset.resolvedBy === "response" ? "resolvedByResponse" : reset.resolvedBy === "reconciliation" ? "resolvedByReconciliation" : "notResolved";
}

/** What DTS answered, and how the console settled the outcome. */
export function RecordOutcome({ reset }: { reset: ResetDetail }) {
  const t = useTranslations("ResetDetail");
  const f = useFormat();
  const statusLabel = useStatusLabel();
  const failedOrUnknown = reset.status === "failed" || reset.status === "unknown";
  return (
    <Section id="record-outcome" title={t("outcomeTitle")} description={t(MEANING_KEYS[reset.status])}>
      <div>
        <OutcomeBadge status={reset.status} />
        <OutcomeNotes reset={reset} withTimes />
      </div>
      <FactList>
        <Fact term={t("requestId")} mono>
          <CopyableValue value={reset.requestId} label={t("requestId")} none={t("requestIdNone")} />
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
              {t(retrySafetyKey(reset))}
            </Fact>
          </>
        ) : null}
        <Fact term={t("resolved")}>{t(resolutionKey(reset))}</Fact>
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
