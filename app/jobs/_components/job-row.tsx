"use client";
import { useTranslations } from "next-intl";
import { useEffect, type ReactNode } from "react";
import type { DtsTask } from "@/lib/domain/task";
import { TableCell, TableRow } from "@/components/ui/table";
import { EndpointCell } from "./endpoint-cell";
import { FollowStatus } from "./follow-status";
import { StatusBadge } from "@/components/console/status-badge";
import { ResetAction, TaskNameAndId, useTaskFacts } from "./task-facts";
import { TopologyCell } from "./topology-cell";
import type { FollowRequest } from "./use-follow-task";
import { SelectSlot } from "./bulk-kit-context";

// One markup for every width (issue 26: the list used to render each task twice, as this row and
// as a phone card, one of them hidden by CSS, which doubled the HTML and the server's render).
// From the md breakpoint up it is a table row; below, the row is a card: a grid with the name and
// the status on top, then one labelled line per fact and the Reset button across the card. The
// column headings stay in the table for screen readers (sr-only below md), so each cell keeps its
// heading; the visible labels of the card are aria-hidden, not said twice.
const CARD_ROW =
  "max-md:grid max-md:grid-cols-[minmax(0,1fr)_auto] max-md:gap-x-3 max-md:gap-y-1.5 max-md:rounded-lg max-md:border max-md:border-neutral-200 max-md:bg-white max-md:p-3";
/** A fact's cell in the card: its label, then its value, on one line across the card. */
const CARD_FACT = "max-md:col-span-2 max-md:grid max-md:grid-cols-[6.5rem_minmax(0,1fr)] max-md:gap-x-3 max-md:p-0";

function CardLabel({ children }: { children: ReactNode }) {
  return (
    <span aria-hidden="true" className="font-sans text-xs font-medium text-neutral-600 md:hidden">
      {children}
    </span>
  );
}

function Missing({ what }: { what: string }) {
  const t = useTranslations("Jobs");
  return (
    <>
      <span aria-hidden="true" className="text-neutral-500">
        —
      </span>
      <span className="sr-only">{t("missingSr", { what })}</span>
    </>
  );
}

export function JobRow({
  task: listed,
  follow,
  resetDeniedReason,
  onReset,
  onFollowDone,
  selectable,
}: {
  task: DtsTask;
  /** Why this operator may not reset at all (their role), or null. */
  resetDeniedReason: string | null;
  follow: FollowRequest | null;
  onReset: (task: DtsTask) => void;
  onFollowDone: (instanceId: string, job: DtsTask) => void;
  /** Whether the row has the bulk reset's checkbox (a role that may reset). */
  selectable: boolean;
}) {
  const { task, followed, phase, blockedReason, delay, created } = useTaskFacts(listed, follow, resetDeniedReason);
  const t = useTranslations("Jobs");
  const reasonId = `reset-blocked-${task.instanceId}`;

  useEffect(() => {
    if (phase === "done" && followed) onFollowDone(listed.instanceId, followed);
  }, [phase, followed, listed.instanceId, onFollowDone]);

  return (
    <TableRow data-instance-id={task.instanceId} data-job-id={task.jobId} className={CARD_ROW}>
      <TableCell className="min-w-48 max-md:min-w-0 max-md:p-0">
        {/* The bulk reset's checkbox sits in the task's own cell: the columns stay where they were. */}
        {selectable ? (
          <div className="flex items-start gap-2.5">
            <span className="pt-0.5">
              <SelectSlot task={task} reasonId={blockedReason ? reasonId : null} />
            </span>
            <div className="min-w-0">
              <TaskNameAndId task={task} idClassName="whitespace-nowrap max-md:break-all max-md:whitespace-normal" />
            </div>
          </div>
        ) : (
          <TaskNameAndId task={task} idClassName="whitespace-nowrap max-md:break-all max-md:whitespace-normal" />
        )}
      </TableCell>
      <TableCell className={`font-mono text-xs whitespace-nowrap text-neutral-800 max-md:row-start-2 max-md:break-all max-md:whitespace-normal ${CARD_FACT}`}>
        <CardLabel>{t("columnInstanceId")}</CardLabel>
        <span>{task.instanceId}</span>
      </TableCell>
      <TableCell className="max-md:col-start-2 max-md:row-start-1 max-md:p-0 max-md:text-right">
        <StatusBadge status={task.status} known={task.statusKnown} />
        <FollowStatus phase={phase} />
      </TableCell>
      <TableCell className={CARD_FACT}>
        <CardLabel>{t("topology")}</CardLabel>
        <div className="min-w-0">
          <TopologyCell task={task} />
        </div>
      </TableCell>
      <TableCell className={`max-md:break-words ${CARD_FACT}`}>
        <CardLabel>{t("direction")}</CardLabel>
        <div className="min-w-0">
          <EndpointCell source={task.source} destination={task.destination} changeTracking={task.type === "SUBSCRIBE"} />
        </div>
      </TableCell>
      <TableCell className={`text-right whitespace-nowrap max-md:text-left ${CARD_FACT}`}>
        <CardLabel>{t("delay")}</CardLabel>
        <span>{delay ?? <Missing what={t("delay")} />}</span>
      </TableCell>
      <TableCell className={`text-neutral-800 ${CARD_FACT}`}>
        <CardLabel>{t("created")}</CardLabel>
        {created && task.createdAt ? (
          <time dateTime={task.createdAt} className="whitespace-nowrap">
            {created.slice(0, 10)}
            <br className="max-md:hidden" />
            <span className="text-neutral-700 md:text-xs"> {created.slice(11)}</span>
          </time>
        ) : (
          <span>
            <Missing what={t("creationTime")} />
          </span>
        )}
      </TableCell>
      <TableCell className="w-44 min-w-44 max-md:col-span-2 max-md:w-auto max-md:min-w-0 max-md:p-0 max-md:pt-1.5">
        <ResetAction
          task={task}
          blockedReason={blockedReason}
          waiting={phase === "waiting"}
          reasonId={reasonId}
          className="max-md:min-h-10 max-md:w-full max-md:justify-center"
          onReset={onReset}
        />
      </TableCell>
    </TableRow>
  );
}
