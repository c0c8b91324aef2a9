import Link from "next/link";
import type { ResetResult } from "@/lib/domain/reset-record";
import { formatInstant } from "@/lib/domain/format";
import { TableCell, TableRow } from "@/components/ui/table";
import { resetDetailHref } from "@/lib/client/hrefs";
import { ExpandableText } from "./expandable-text";
import { OutcomeBadge, OutcomeNotes } from "@/components/console/outcome-badge";

const MONO_ID = "font-mono text-xs break-all text-neutral-700";

/** One attempt. The time is the link to the whole record: it is what tells two attempts apart. */
export function ResetRow({ reset }: { reset: ResetResult }) {
  const time = formatInstant(reset.requestedAt) ?? reset.requestedAt;
  // A Reverse reset wipes the reverse task, whose ID differs from the instance's main task.
  const wipedOther = reset.resetJobId !== reset.jobId;
  return (
    <TableRow data-reset-id={reset.id} data-outcome={reset.status}>
      <TableCell className="whitespace-nowrap">
        <Link
          href={resetDetailHref(reset.id)}
          // One prefetch per row is a server render per row on every list view, competing with
          // the list's own DTS call: open the page when the operator asks for it.
          prefetch={false}
          className="font-medium text-blue-700 underline underline-offset-2 hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          <time dateTime={reset.requestedAt}>{time}</time>
          <span className="sr-only">
            : reset of {reset.taskName} ({reset.direction})
          </span>
        </Link>
      </TableCell>
      <TableCell className="min-w-52 max-w-80">
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
      </TableCell>
      <TableCell className="whitespace-nowrap text-neutral-800">{reset.region}</TableCell>
      <TableCell>{reset.direction}</TableCell>
      <TableCell className="max-w-44">
        <div className="break-words text-neutral-950">{reset.actor}</div>
        <div className="text-xs text-neutral-700">{reset.actorRole}</div>
      </TableCell>
      <TableCell className="min-w-56 max-w-80">
        <ExpandableText text={reset.reason} what="reason" />
      </TableCell>
      <TableCell className="min-w-40">
        <OutcomeBadge status={reset.status} />
        {reset.error?.code ? <div className="mt-1 font-mono text-xs break-all text-neutral-800">{reset.error.code}</div> : null}
        <OutcomeNotes reset={reset} />
      </TableCell>
      {/* break-words, not break-all: a RequestId then wraps at its hyphens, in readable groups. */}
      <TableCell className="max-w-48 min-w-36 font-mono text-xs break-words text-neutral-800">
        {reset.requestId ?? <span className="font-sans text-neutral-600">none</span>}
      </TableCell>
    </TableRow>
  );
}
