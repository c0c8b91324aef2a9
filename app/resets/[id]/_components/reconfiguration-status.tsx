"use client";
import { useTranslations } from "next-intl";
import type { ReconfigurationRecord, ReconfigureProgress, ReconfigureStatus } from "@/lib/domain/reconfigure";
import { useFormat } from "@/lib/client/format";
import type { MessageKey } from "@/lib/client/message-key";
import { StatusBadge } from "@/components/console/status-badge";
import { RunbookDetails } from "./runbook-command";
import { PrecheckResult } from "./precheck-result";
import { StartAgainButton, StartAttemptStatus } from "./start-again";
import { offersStartAgain } from "@/lib/domain/start-again";

/** Where a reconfiguration stands, in the reader's language. */
const PROGRESS_KEYS: Record<ReconfigureProgress, MessageKey<"Reconfigure">> = {
  configuring: "progressConfiguring",
  prechecking: "progressPrechecking",
  initializing: "progressInitializing",
  synchronizing: "progressSynchronizing",
  precheck_failed: "progressPrecheckFailed",
  failed: "progressFailed",
};

/** What became of the ConfigureDtsJob call. */
const CALL_KEYS: Record<ReconfigureStatus, MessageKey<"Reconfigure">> = { pending: "callPending", succeeded: "callSucceeded", failed: "callFailed", unknown: "callUnknown" };

/** What became of the StartDtsJob call that starts the precheck. */
const START_KEYS: Record<ReconfigureStatus, MessageKey<"Reconfigure">> = { pending: "startPending", succeeded: "startSucceeded", failed: "startFailed", unknown: "startUnknown" };

/** One reconfiguration: the ConfigureDtsJob call, the start, the precheck and where the task stands. */
export function ReconfigurationStatus({
  record,
  headingLevel = 3,
  canStartAgain = false,
  resetId,
}: {
  record: ReconfigurationRecord;
  headingLevel?: 2 | 3;
  /** Offer "Start again" when the record allows it (the operator's role; the server checks again). */
  canStartAgain?: boolean;
  resetId?: string;
}) {
  const t = useTranslations("Reconfigure");
  const f = useFormat();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const requestIdOf = (requestId: string) => (
    <>
      {" "}
      {t.rich("requestIdNote", { requestId, mono: (chunks) => <span className="font-mono text-xs break-all">{chunks}</span> })}
    </>
  );
  return (
    <div className="space-y-2 rounded-md border border-neutral-200 p-3" data-testid="reconfiguration" data-progress={record.progress}>
      <Heading className="text-sm font-semibold text-neutral-950">
        {t.rich("recordHeading", {
          actor: record.actor,
          time: f.instant(record.requestedAt) ?? record.requestedAt,
          when: (chunks) => <time dateTime={record.requestedAt}>{chunks}</time>,
        })}
      </Heading>
      <p role="status" aria-live="polite" className="text-sm font-medium text-neutral-900">
        {t(PROGRESS_KEYS[record.progress])}
        {record.taskStatus ? (
          <>
            {" "}
            <StatusBadge status={record.taskStatus} />
          </>
        ) : null}
      </p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-neutral-700">{record.api ?? "ConfigureDtsJob"}</dt>
        <dd>
          {t(CALL_KEYS[record.status])}
          {record.requestId ? requestIdOf(record.requestId) : null}
        </dd>
        {record.error ? (
          <>
            <dt className="text-neutral-700">{t("dtsSaid")}</dt>
            <dd>
              {record.error.code ? <span className="font-mono text-xs">{record.error.code}: </span> : null}
              {record.error.message}
            </dd>
          </>
        ) : null}
        {record.reconciliationNote ? (
          <>
            <dt className="text-neutral-700">{t("checked")}</dt>
            {/* The stored note is the audit trail's English; the page words the same verdict from the record's facts. */}
            <dd>
              {record.reconciledAt && (record.status === "succeeded" || record.status === "failed")
                ? t(record.status === "succeeded" ? "reconciledTookEffect" : "reconciledNoEffect", { time: f.instant(record.reconciledAt) ?? record.reconciledAt })
                : record.reconciliationNote}
            </dd>
          </>
        ) : null}
        {record.start ? (
          <>
            <dt className="text-neutral-700">StartDtsJob</dt>
            <dd>
              {t(START_KEYS[record.start.status])}
              {record.start.requestId ? requestIdOf(record.start.requestId) : null}
              {record.start.error?.message ? `: ${record.start.error.message}` : null}
            </dd>
          </>
        ) : null}
        <dt className="text-neutral-700">{t("task")}</dt>
        <dd className="font-mono text-xs break-all">{record.jobId}</dd>
      </dl>
      {record.precheck ? <PrecheckResult precheck={record.precheck} /> : null}
      {record.equivalent ? <RunbookDetails action={record.api ?? "ConfigureDtsJob"} equivalent={record.equivalent} /> : null}
      {record.startAttempts?.length ? (
        <ol aria-label={t("startAttemptsLabel")} className="space-y-2">
          {record.startAttempts.map((attempt) => (
            <li key={attempt.id}>
              <StartAttemptStatus attempt={attempt} />
            </li>
          ))}
        </ol>
      ) : null}
      {canStartAgain && offersStartAgain(record) ? <StartAgainButton record={record} resetId={resetId} /> : null}
    </div>
  );
}
