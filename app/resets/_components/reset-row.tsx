"use client";
import { useTranslations } from "next-intl";
import type { ResetResult } from "@/lib/domain/reset-record";
import { TableCell, TableRow } from "@/components/ui/table";
import { ExpandableText } from "./expandable-text";
import { ResetAccount, ResetActor, ResetRequestId, ResetTaskIds, ResetTimeLink } from "./reset-facts";
import { OutcomeBadge, OutcomeNotes } from "@/components/console/outcome-badge";
import { useDirectionLabel } from "./words";

/** One attempt. The time is the link to the whole record: it is what tells two attempts apart. */
export function ResetRow({ reset, showAccount }: { reset: ResetResult; showAccount: boolean }) {
  const t = useTranslations("Resets");
  const direction = useDirectionLabel();
  return (
    <TableRow data-reset-id={reset.id} data-outcome={reset.status}>
      <TableCell className="whitespace-nowrap">
        <ResetTimeLink
          reset={reset}
          className="font-medium text-blue-700 underline underline-offset-2 hover:text-blue-900 focus-ring"
        />
      </TableCell>
      <TableCell className="min-w-52 max-w-80">
        <ResetTaskIds reset={reset} />
      </TableCell>
      {showAccount ? (
        <TableCell className="whitespace-nowrap text-neutral-800">
          <ResetAccount account={reset.account} />
        </TableCell>
      ) : null}
      <TableCell className="whitespace-nowrap text-neutral-800">{reset.region}</TableCell>
      <TableCell>{direction(reset.direction)}</TableCell>
      <TableCell className="max-w-44">
        <ResetActor reset={reset} />
      </TableCell>
      <TableCell className="min-w-56 max-w-80">
        <ExpandableText text={reset.reason} what={t("expandWhatReason")} />
      </TableCell>
      <TableCell className="min-w-40">
        <OutcomeBadge status={reset.status} />
        {reset.error?.code ? <div className="mt-1 font-mono text-xs break-all text-neutral-800">{reset.error.code}</div> : null}
        <OutcomeNotes reset={reset} />
      </TableCell>
      {/* break-words, not break-all: a RequestId then wraps at its hyphens, in readable groups. */}
      <TableCell className="max-w-48 min-w-36 font-mono text-xs break-words text-neutral-800">
        <ResetRequestId reset={reset} />
      </TableCell>
    </TableRow>
  );
}
