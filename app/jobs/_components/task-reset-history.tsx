"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/client/format";
import { reconfigureHref, resetDetailHref, resetsHref } from "@/lib/client/hrefs";
import { linkAccount } from "@/lib/client/accounts";
import { instanceResetsOptions, refreshIntervalFor } from "@/lib/client/reset-queries";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCaption, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { OutcomeBadge, OutcomeNotes } from "@/components/console/outcome-badge";
import { QueryErrorPanel } from "@/components/console/error-panel";

const LINK = "text-blue-700 underline underline-offset-2 hover:text-blue-900 focus-ring";

/**
 * The resets recorded for this task. Keyed by instance ID, not task ID: DTS may give a reset task
 * a new ID, and its history must follow it. With the task's account given, only that account's
 * records (two accounts' instance IDs may collide).
 */
export function TaskResetHistory({ instanceId, account }: { instanceId: string; account?: string }) {
  const t = useTranslations("JobDetail");
  const f = useFormat();
  const directionLabel = (direction: string) => (direction === "Reverse" ? t("directionReverse") : direction === "Forward" ? t("directionForward") : direction);
  const history = useQuery({
    ...instanceResetsOptions(instanceId),
    refetchInterval: (query) => refreshIntervalFor(query.state.data?.items),
  });

  if (history.isPending) {
    return (
      <p className="flex items-center gap-2 text-sm text-neutral-700">
        <Spinner /> {t("historyLoading")}
      </p>
    );
  }
  if (history.isError) {
    return (
      <QueryErrorPanel title={t("historyError")} query={history} />
    );
  }

  const items = account ? history.data.items.filter((reset) => reset.account === account) : history.data.items;
  if (items.length === 0) return <p className="text-sm text-neutral-700">{t("historyEmpty")}</p>;

  const named = linkAccount(account);
  const allHref = resetsHref({ task: instanceId, ...(named ? { account: named } : {}) });
  return (
    <div className="space-y-2">
      <Table>
        <TableCaption>
          {t.rich("historyCaption", { count: items.length, instanceId, mono: (chunks) => <span className="font-mono">{chunks}</span> })}
        </TableCaption>
        <TableColumns names={[t("historyRequested"), t("historyDirection"), t("historyActor"), t("historyOutcome"), t("historyRequestId")]} />
        <TableBody>
          {items.map((reset) => (
            <TableRow key={reset.id} data-reset-id={reset.id}>
              <TableCell className="whitespace-nowrap">
                <Link href={resetDetailHref(reset.id)} className={LINK}>
                  <time dateTime={reset.requestedAt}>{f.instant(reset.requestedAt) ?? reset.requestedAt}</time>
                  <span className="sr-only">{t("historyRecordSr", { direction: directionLabel(reset.direction) })}</span>
                </Link>
              </TableCell>
              <TableCell>{directionLabel(reset.direction)}</TableCell>
              <TableCell className="break-words">{reset.actor}</TableCell>
              <TableCell>
                <OutcomeBadge status={reset.status} />
                <OutcomeNotes reset={reset} />
                {reset.status === "succeeded" && reset.jobType === "SYNC" ? (
                  <Link href={reconfigureHref(reset.id)} className={`${LINK} block text-xs`}>
                    {t("historyReconfiguration")}
                    <span className="sr-only">{t("historyReconfigurationSr", { direction: directionLabel(reset.direction) })}</span>
                  </Link>
                ) : null}
              </TableCell>
              <TableCell className="font-mono text-xs break-all text-neutral-800">
                {reset.requestId ?? <span className="font-sans text-neutral-600">{t("historyNoRequestId")}</span>}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <p className="text-sm">
        <Link href={allHref} className={LINK}>
          {t("historySeeAll")}
        </Link>
      </p>
    </div>
  );
}
