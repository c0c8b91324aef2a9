"use client";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import type { DtsTask } from "@/lib/domain/task";
import { TableCell, TableRow } from "@/components/ui/table";
import { EndpointCell } from "./endpoint-cell";
import { FollowStatus } from "./follow-status";
import { StatusBadge } from "@/components/console/status-badge";
import { ResetAction, TaskNameAndId, useTaskFacts } from "./task-facts";
import { TopologyCell } from "./topology-cell";
import type { FollowRequest } from "./use-follow-task";
import { SelectSlot } from "./bulk-kit-context";

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
    <TableRow data-instance-id={task.instanceId} data-job-id={task.jobId}>
      <TableCell className="min-w-48">
        {/* The bulk reset's checkbox sits in the task's own cell: the columns stay where they were. */}
        {selectable ? (
          <div className="flex items-start gap-2.5">
            <span className="pt-0.5">
              <SelectSlot task={task} reasonId={blockedReason ? reasonId : null} />
            </span>
            <div className="min-w-0">
              <TaskNameAndId task={task} idClassName="whitespace-nowrap" />
            </div>
          </div>
        ) : (
          <TaskNameAndId task={task} idClassName="whitespace-nowrap" />
        )}
      </TableCell>
      <TableCell className="font-mono text-xs whitespace-nowrap text-neutral-800">{task.instanceId}</TableCell>
      <TableCell>
        <StatusBadge status={task.status} known={task.statusKnown} />
        <FollowStatus phase={phase} />
      </TableCell>
      <TableCell>
        <TopologyCell task={task} />
      </TableCell>
      <TableCell>
        <EndpointCell source={task.source} destination={task.destination} changeTracking={task.type === "SUBSCRIBE"} />
      </TableCell>
      <TableCell className="text-right whitespace-nowrap">{delay ?? <Missing what={t("delay")} />}</TableCell>
      <TableCell className="text-neutral-800">
        {created && task.createdAt ? (
          <time dateTime={task.createdAt} className="whitespace-nowrap">
            {created.slice(0, 10)}
            <br />
            <span className="text-xs text-neutral-700">{created.slice(11)}</span>
          </time>
        ) : (
          <Missing what={t("creationTime")} />
        )}
      </TableCell>
      <TableCell className="w-44 min-w-44">
        <ResetAction task={task} blockedReason={blockedReason} waiting={phase === "waiting"} reasonId={reasonId} onReset={onReset} />
      </TableCell>
    </TableRow>
  );
}
