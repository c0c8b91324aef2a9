"use client";
import { useTranslations } from "next-intl";
import type { ReconfigurationRecord, ReconfigureProgress, ReconfigureStatus } from "@/lib/domain/reconfigure";
import { useFormat } from "@/lib/client/format";
import type { MessageKey } from "@/lib/client/message-key";
import { StatusBadge } from "@/components/console/status-badge";
import { RunbookDetails } from "./runbook-command";

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
export function ReconfigurationStatus({ record, headingLevel = 3 }: { record: ReconfigurationRecord; headingLevel?: 2 | 3 }) {
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
      {record.precheck ? (
        <div className="space-y-1">
          <p className="text-sm text-neutral-800">
            {record.precheck.failed.length
              ? t("precheckSummaryFailed", { state: record.precheck.state, total: record.precheck.total, failed: record.precheck.failed.length })
              : t("precheckSummary", { state: record.precheck.state, total: record.precheck.total })}
          </p>
          {record.precheck.failed.length ? (
            <ul aria-label={t("failedItems")} className="space-y-1">
              {record.precheck.failed.map((item) => (
                <li key={item.item} className="rounded border border-rose-300 bg-rose-50 px-2 py-1 text-sm text-rose-950">
                  <span className="font-mono text-xs font-semibold">{item.item}</span>: {item.message ?? t("noMessage")}
                  {item.repairMethod ? <span className="block text-xs text-rose-900">{t("howToFix", { repair: item.repairMethod })}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {record.equivalent ? <RunbookDetails action={record.api ?? "ConfigureDtsJob"} equivalent={record.equivalent} /> : null}
    </div>
  );
}
