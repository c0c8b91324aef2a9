// What the reset row (wide screens) and the reset card (narrow screens) both show, written once: the
// task's name and IDs, and the time linked to the whole record. Each layout keeps its own wrappers.
"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ResetResult } from "@/lib/domain/reset-record";
import { useFormat } from "@/lib/client/format";
import { resetDetailHref } from "@/lib/client/hrefs";
import { useDirectionLabel } from "./words";

const MONO_ID = "font-mono text-xs break-all text-neutral-700";

/** The task's name, its ID, and the ID of the task the reset wiped when that is another one. */
export function ResetTaskIds({ reset }: { reset: ResetResult }) {
  // A Reverse reset wipes the reverse task, whose ID differs from the instance's main task.
  const wipedOther = reset.resetJobId !== reset.jobId;
  const t = useTranslations("Resets");
  return (
    <>
      <div className="font-medium break-words text-neutral-950">{reset.taskName}</div>
      <div className={MONO_ID}>
        <span className="font-sans">{t("taskIdPrefix")}</span>
        {reset.jobId}
      </div>
      {wipedOther ? (
        <div className={MONO_ID}>
          <span className="font-sans">{t("resetTaskIdPrefix")}</span>
          {reset.resetJobId}
        </div>
      ) : null}
    </>
  );
}

/** The time of the attempt, linked to the whole record: it is what tells two attempts apart. */
export function ResetTimeLink({ reset, className }: { reset: ResetResult; className: string }) {
  const t = useTranslations("Resets");
  const f = useFormat();
  const direction = useDirectionLabel();
  const time = f.instant(reset.requestedAt) ?? reset.requestedAt;
  return (
    <Link
      href={resetDetailHref(reset.id)}
      // One prefetch per row is a server render per row on every list view, competing with
      // the list's own DTS call: open the page when the operator asks for it.
      prefetch={false}
      className={className}
    >
      <time dateTime={reset.requestedAt}>{time}</time>
      <span className="sr-only">{t("timeLinkSuffix", { taskName: reset.taskName, direction: direction(reset.direction) })}</span>
    </Link>
  );
}
