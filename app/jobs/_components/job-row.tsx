"use client";
import Link from "next/link";
import { useEffect } from "react";
import type { DtsTask } from "@/lib/domain/task";
import { formatDateTime, formatDelay } from "@/lib/domain/format";
import { typeParamOf } from "@/lib/domain/api-constants";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { TableCell, TableRow } from "@/components/ui/table";
import { jobDetailHref } from "@/lib/client/hrefs";
import { EndpointCell } from "./endpoint-cell";
import { FollowStatus } from "./follow-status";
import { taskBlockedReason } from "@/lib/domain/reset-target";
import { StatusBadge } from "@/components/console/status-badge";
import { TopologyCell } from "./topology-cell";
import { useFollowTask, type FollowRequest } from "./use-follow-task";

function Missing({ what }: { what: string }) {
  return (
    <>
      <span aria-hidden="true" className="text-neutral-500">
        —
      </span>
      <span className="sr-only">{what} not reported</span>
    </>
  );
}

export function JobRow({
  task: listed,
  follow,
  resetDeniedReason,
  onReset,
  onFollowDone,
}: {
  task: DtsTask;
  /** Why this operator may not reset at all (their role), or null. */
  resetDeniedReason: string | null;
  follow: FollowRequest | null;
  onReset: (task: DtsTask) => void;
  onFollowDone: (instanceId: string, job: DtsTask) => void;
}) {
  const { job: followed, phase } = useFollowTask(follow);
  // While following a reset, the instance lookup is fresher than the list.
  const task = followed ?? listed;
  const blockedReason = resetDeniedReason ?? taskBlockedReason(task);
  const waiting = phase === "waiting";
  const reasonId = `reset-blocked-${task.instanceId}`;
  const delay = formatDelay(task.delaySeconds);
  const created = formatDateTime(task.createdAt);

  useEffect(() => {
    if (phase === "done" && followed) onFollowDone(listed.instanceId, followed);
  }, [phase, followed, listed.instanceId, onFollowDone]);

  return (
    <TableRow data-instance-id={task.instanceId} data-job-id={task.jobId}>
      <TableCell className="min-w-48">
        <Link
          href={jobDetailHref(task.jobId, task.region, typeParamOf(task.type))}
          // One prefetch per row is a server render per row on every list view, competing with
          // the list's own DTS call: open the page when the operator asks for it.
          prefetch={false}
          className="font-medium break-words text-neutral-950 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          {task.name}
        </Link>
        <div className="flex items-center gap-0.5 font-mono text-xs text-neutral-700">
          <span className="sr-only">Task ID </span>
          <span className="whitespace-nowrap">{task.jobId}</span>
          <CopyButton value={task.jobId} label={`task ID of ${task.name}`} />
        </div>
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
      <TableCell className="text-right whitespace-nowrap">{delay ?? <Missing what="Delay" />}</TableCell>
      <TableCell className="text-neutral-800">
        {created && task.createdAt ? (
          <time dateTime={task.createdAt} className="whitespace-nowrap">
            {created.slice(0, 10)}
            <br />
            <span className="text-xs text-neutral-700">{created.slice(11)}</span>
          </time>
        ) : (
          <Missing what="Creation time" />
        )}
      </TableCell>
      <TableCell className="w-44 min-w-44">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onReset(task)}
          disabled={blockedReason !== null || waiting}
          aria-label={`Reset ${task.name}`}
          aria-describedby={blockedReason ? reasonId : undefined}
        >
          Reset…
        </Button>
        {blockedReason ? (
          <p id={reasonId} className="mt-1 text-xs leading-snug text-neutral-700">
            {blockedReason}
          </p>
        ) : null}
      </TableCell>
    </TableRow>
  );
}
