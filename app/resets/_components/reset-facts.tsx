// What the reset row (wide screens) and the reset card (narrow screens) both show, written once: the
// task's name and IDs, and the time linked to the whole record. Each layout keeps its own wrappers.
"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ResetResult } from "@/lib/domain/reset-record";
import { useFormat } from "@/lib/client/format";
import { resetDetailHref } from "@/lib/client/hrefs";
import { useAccounts } from "@/lib/client/accounts";
import { useDirectionLabel, useRoleLabel } from "./words";

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

/**
 * Who asked for the reset: the username and role, and "approved by …" when it ran on an approved
 * request. `inline`: the card's one line, the role in parentheses after the name.
 */
export function ResetActor({ reset, inline = false }: { reset: ResetResult; inline?: boolean }) {
  const t = useTranslations("Resets");
  const role = useRoleLabel();
  const approvedBy = reset.approval ? <div className="text-xs text-neutral-700">{t("approvedBy", { approver: reset.approval.approvedBy })}</div> : null;
  if (inline) {
    return (
      <>
        {reset.actor} <span className="text-xs text-neutral-700">{t("cardRole", { role: role(reset.actorRole) })}</span>
        {approvedBy}
      </>
    );
  }
  return (
    <>
      <div className="break-words text-neutral-950">{reset.actor}</div>
      <div className="text-xs text-neutral-700">{role(reset.actorRole)}</div>
      {approvedBy}
    </>
  );
}

/** DTS's RequestId for the reset, or "none" in words when DTS gave none. */
export function ResetRequestId({ reset }: { reset: ResetResult }) {
  const common = useTranslations("Common");
  return reset.requestId ?? <span className="font-sans text-neutral-600">{common("none")}</span>;
}

/** The Alibaba Cloud account a record was made in: its name, with the ID for the API and the logs. */
export function ResetAccount({ account }: { account: string }) {
  const { nameOf } = useAccounts();
  const name = nameOf(account);
  return (
    <span data-account={account}>
      {name}
      {name !== account ? <span className="ml-1 font-mono text-xs text-neutral-700">{account}</span> : null}
    </span>
  );
}
