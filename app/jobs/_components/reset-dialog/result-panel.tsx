"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Ref } from "react";
import type { ResetResult, ResetStatus } from "@/lib/domain/reset-record";
import { typeParamOf } from "@/lib/domain/api-constants";
import { useFormat } from "@/lib/client/format";
import type { MessageKey } from "@/lib/client/message-key";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { jobDetailHref } from "@/lib/client/hrefs";
import { useDirectionLabel } from "./words";

// Loaded when a result shows one: the task pages keep their first paint within budget.
const LazyRunbookDetails = dynamic(() => import("@/components/console/runbook-blocks").then((m) => m.RunbookDetails));

const HEADLINE_KEYS: Record<ResetStatus, MessageKey<"ResetDialog">> = {
  succeeded: "resultSucceeded",
  pending: "resultPending",
  unknown: "resultUnknown",
  failed: "resultFailed",
};

/** The lasting record of the last reset on this page (the toast goes away; this does not). */
export function ResetResultPanel({
  result,
  onDismiss,
  headingRef,
}: {
  result: ResetResult;
  onDismiss: () => void;
  /** Focus lands here when the dialog closes after a success. */
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const t = useTranslations("ResetDialog");
  const f = useFormat();
  const directionLabel = useDirectionLabel();
  const direction = directionLabel(result.direction);
  // For a Reverse reset the wiped task is the reverse half, whose ID differs from the row's.
  const newJobId = result.jobIdAfter && result.jobIdAfter !== result.jobId ? result.jobIdAfter : null;
  const wipedId = result.resetJobId && result.resetJobId !== result.jobId ? result.resetJobId : null;
  return (
    <section
      aria-labelledby="reset-result-heading"
      className="rounded-lg border border-emerald-300 bg-white p-4 shadow-sm"
      data-reset-status={result.status}
    >
      <div className="flex items-start justify-between gap-3">
        <h2
          ref={headingRef}
          tabIndex={-1}
          id="reset-result-heading"
          className="text-base font-semibold text-neutral-950 focus-ring"
        >
          {t("resultHeading", { headline: t(HEADLINE_KEYS[result.status]), name: result.taskName, direction })}
        </h2>
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          {t.rich("dismissResult", { sr: (chunks) => <span className="sr-only">{chunks}</span> })}
        </Button>
      </div>
      <dl className="mt-2 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)_max-content_minmax(0,1fr)]">
        <dt className="text-neutral-700">{t("termDirection")}</dt>
        <dd>{direction}</dd>
        <dt className="text-neutral-700">{t("termTime")}</dt>
        <dd>{f.time(result.finishedAt ?? result.requestedAt) ?? t("notRecorded")}</dd>
        <dt className="text-neutral-700">{t("termRequestId")}</dt>
        <dd className="flex min-w-0 items-center gap-1 font-mono break-all">
          {result.requestId ?? t("none")}
          {result.requestId ? <CopyButton value={result.requestId} label={t("termRequestId")} /> : null}
        </dd>
        <dt className="text-neutral-700">{t("termHttpStatus")}</dt>
        <dd className="font-mono">{result.httpStatus ?? t("none")}</dd>
        <dt className="text-neutral-700">{t("termTaskId")}</dt>
        <dd className="font-mono break-all">
          {result.jobId}
          {wipedId ? <span className="font-sans text-neutral-700">{t("resetTaskNote", { jobId: wipedId })}</span> : null}
        </dd>
        {newJobId ? (
          <>
            <dt className="text-neutral-700">{t("termNewTaskId")}</dt>
            <dd className="font-mono break-all">{newJobId}</dd>
          </>
        ) : null}
        <dt className="text-neutral-700">{t("termInstanceId")}</dt>
        <dd className="font-mono break-all">{result.instanceId}</dd>
        <dt className="text-neutral-700">{t("termReason")}</dt>
        <dd className="break-words sm:col-span-3">{result.reason}</dd>
      </dl>
      {result.equivalent ? (
        <div className="mt-3">
          <LazyRunbookDetails action="ResetDtsJob" equivalent={result.equivalent} />
        </div>
      ) : null}
      <p className="mt-3 text-sm text-neutral-900">
        {t.rich("nextStep", { strong: (chunks) => <strong className="font-semibold">{chunks}</strong> })}{" "}
        <Link
          href={jobDetailHref(newJobId ?? result.jobId, result.region, typeParamOf(result.jobType), result.account)}
          className="text-blue-700 underline underline-offset-2"
        >
          {t("openTask")}
        </Link>
      </p>
    </section>
  );
}
