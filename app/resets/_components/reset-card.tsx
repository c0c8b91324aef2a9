import Link from "next/link";
import type { ResetResult } from "@/lib/domain/reset-record";
import { formatInstant } from "@/lib/domain/format";
import { resetDetailHref } from "@/lib/client/hrefs";
import { OutcomeBadge, OutcomeNotes } from "@/components/console/outcome-badge";
import { ExpandableText } from "./expandable-text";

const LABEL = "text-xs font-medium text-neutral-600";
const MONO_ID = "font-mono text-xs break-all text-neutral-700";

/** One attempt as a card, for narrow screens (ResetsTable shows it below md instead of the row). */
export function ResetCard({ reset }: { reset: ResetResult }) {
  const time = formatInstant(reset.requestedAt) ?? reset.requestedAt;
  const wipedOther = reset.resetJobId !== reset.jobId;
  return (
    <li data-card-reset-id={reset.id} data-outcome={reset.status} className="rounded-lg border border-neutral-200 bg-white p-3">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="font-medium break-words text-neutral-950">{reset.taskName}</div>
          <div className={MONO_ID}>
            <span className="font-sans">Task ID </span>
            {reset.jobId}
          </div>
          {wipedOther ? (
            <div className={MONO_ID}>
              <span className="font-sans">Reset task ID </span>
              {reset.resetJobId}
            </div>
          ) : null}
        </div>
        <div className="shrink-0 text-right">
          <OutcomeBadge status={reset.status} />
        </div>
      </div>
      <Link
        href={resetDetailHref(reset.id)}
        prefetch={false}
        className="mt-1 inline-block text-sm font-medium text-blue-700 underline underline-offset-2 hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        <time dateTime={reset.requestedAt}>{time}</time>
        <span className="sr-only">
          : reset of {reset.taskName} ({reset.direction})
        </span>
      </Link>
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm">
        <dt className={LABEL}>Direction</dt>
        <dd>{reset.direction}</dd>
        <dt className={LABEL}>Region</dt>
        <dd>{reset.region}</dd>
        <dt className={LABEL}>Actor</dt>
        <dd className="break-words">
          {reset.actor} <span className="text-xs text-neutral-700">({reset.actorRole})</span>
        </dd>
        <dt className={LABEL}>Reason</dt>
        <dd className="min-w-0">
          <ExpandableText text={reset.reason} what="reason" />
        </dd>
        <dt className={LABEL}>Outcome</dt>
        <dd className="min-w-0">
          {reset.error?.code ? <div className="font-mono text-xs break-all text-neutral-800">{reset.error.code}</div> : null}
          <OutcomeNotes reset={reset} />
        </dd>
        <dt className={LABEL}>RequestId</dt>
        <dd className="font-mono text-xs break-all text-neutral-800">{reset.requestId ?? <span className="font-sans text-neutral-600">none</span>}</dd>
      </dl>
    </li>
  );
}
