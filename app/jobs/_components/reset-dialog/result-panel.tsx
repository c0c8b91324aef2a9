"use client";
import Link from "next/link";
import type { Ref } from "react";
import type { ResetResult } from "@/lib/domain/reset-record";
import { formatTime } from "@/lib/domain/format";
import { typeParamOf } from "@/lib/domain/api-constants";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { jobDetailHref } from "@/lib/client/hrefs";

const HEADLINES: Record<ResetResult["status"], string> = {
  succeeded: "Task reset",
  pending: "Reset sent, waiting for DTS",
  unknown: "Reset outcome unknown",
  failed: "Reset failed",
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
          className="text-base font-semibold text-neutral-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          {HEADLINES[result.status]}: {result.taskName} ({result.direction})
        </h2>
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          Dismiss<span className="sr-only"> reset result</span>
        </Button>
      </div>
      <dl className="mt-2 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)_max-content_minmax(0,1fr)]">
        <dt className="text-neutral-700">Direction</dt>
        <dd>{result.direction}</dd>
        <dt className="text-neutral-700">Time</dt>
        <dd>{formatTime(result.finishedAt ?? result.requestedAt) ?? "not recorded"}</dd>
        <dt className="text-neutral-700">RequestId</dt>
        <dd className="flex min-w-0 items-center gap-1 font-mono break-all">
          {result.requestId ?? "none"}
          {result.requestId ? <CopyButton value={result.requestId} label="RequestId" /> : null}
        </dd>
        <dt className="text-neutral-700">HTTP status</dt>
        <dd className="font-mono">{result.httpStatus ?? "none"}</dd>
        <dt className="text-neutral-700">Task ID</dt>
        <dd className="font-mono break-all">
          {result.jobId}
          {wipedId ? <span className="font-sans text-neutral-700"> (reset task: {wipedId})</span> : null}
        </dd>
        {newJobId ? (
          <>
            <dt className="text-neutral-700">New task ID</dt>
            <dd className="font-mono break-all">{newJobId}</dd>
          </>
        ) : null}
        <dt className="text-neutral-700">Instance ID</dt>
        <dd className="font-mono break-all">{result.instanceId}</dd>
        <dt className="text-neutral-700">Reason</dt>
        <dd className="break-words sm:col-span-3">{result.reason}</dd>
      </dl>
      <p className="mt-3 text-sm text-neutral-900">
        <strong className="font-semibold">Next step:</strong> reconfigure the task (ConfigureDtsJob, or Configure
        Task in the DTS console) before it can run again.{" "}
        <Link
          href={jobDetailHref(newJobId ?? result.jobId, result.region, typeParamOf(result.jobType))}
          className="text-blue-700 underline underline-offset-2"
        >
          Open the task
        </Link>
      </p>
    </section>
  );
}
