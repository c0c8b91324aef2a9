"use client";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import type { DtsTask } from "@/lib/domain/task";
import { EndpointCell } from "./endpoint-cell";
import { FollowStatus } from "./follow-status";
import { StatusBadge } from "@/components/console/status-badge";
import { ResetAction, TaskNameAndId, useTaskFacts } from "./task-facts";
import { TopologyCell } from "./topology-cell";
import type { FollowRequest } from "./use-follow-task";
import { SelectSlot } from "./bulk-kit-context";

// One markup for every width (issue 26: the list used to render each task twice, as this row and
// as a phone card, one of them hidden by CSS, which doubled the HTML and the server's render).
// From the md breakpoint up it is a table row; below, the row is a card (.task-row and .task-fact
// in app/globals.css): a grid with the name and the status on top, then one labelled line per fact
// and the Reset button across the card. A fact's label is its cell's data-label, drawn by CSS below
// md and not spoken; the column headings stay in the table for screen readers (sr-only below md),
// so each cell keeps its heading. The row is twenty times in the page: every element and class
// here costs the server's render, the HTML and the browser's parse twenty times over.

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
    <tr data-instance-id={task.instanceId} data-job-id={task.jobId} className="task-row">
      <td className="min-w-48 max-md:min-w-0 max-md:p-0">
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
      </td>
      <td
        data-label={t("columnInstanceId")}
        className="task-fact font-mono text-xs whitespace-nowrap text-neutral-800 max-md:row-start-2 max-md:break-all max-md:whitespace-normal"
      >
        {task.instanceId}
      </td>
      <td className="max-md:col-start-2 max-md:row-start-1 max-md:p-0 max-md:text-right">
        <StatusBadge status={task.status} known={task.statusKnown} />
        <FollowStatus phase={phase} />
      </td>
      <td data-label={t("topology")} className="task-fact">
        <div className="min-w-0">
          <TopologyCell task={task} />
        </div>
      </td>
      <td data-label={t("direction")} className="task-fact max-md:break-words">
        <div className="min-w-0">
          <EndpointCell source={task.source} destination={task.destination} changeTracking={task.type === "SUBSCRIBE"} />
        </div>
      </td>
      <td data-label={t("delay")} className="task-fact text-right whitespace-nowrap max-md:text-left">
        <span>{delay ?? <Missing what={t("delay")} />}</span>
      </td>
      <td data-label={t("created")} className="task-fact text-neutral-800">
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
      </td>
      <td className="w-44 min-w-44 max-md:col-span-2 max-md:w-auto max-md:min-w-0 max-md:p-0 max-md:pt-1.5">
        <ResetAction
          task={task}
          blockedReason={blockedReason}
          waiting={phase === "waiting"}
          reasonId={reasonId}
          className="max-md:min-h-10 max-md:w-full max-md:justify-center"
          onReset={onReset}
        />
      </td>
    </tr>
  );
}
