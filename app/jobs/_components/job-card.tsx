"use client";
import { useTranslations } from "next-intl";
import type { DtsTask } from "@/lib/domain/task";
import { StatusBadge } from "@/components/console/status-badge";
import { EndpointCell } from "./endpoint-cell";
import { FollowStatus } from "./follow-status";
import { TopologyCell } from "./topology-cell";
import { ResetAction, TaskNameAndId, useTaskFacts } from "./task-facts";
import type { FollowRequest } from "./use-follow-task";
import { SelectSlot } from "./bulk-kit-context";

const LABEL = "text-xs font-medium text-neutral-600";

/**
 * A task as a card, for narrow screens (JobsTable shows it below the md breakpoint instead of the
 * table row): name, IDs, status, direction and the Reset action without sideways scrolling. It
 * follows a reset as the row does (the same query, shared); the row reports the end of it.
 */
export function JobCard({
  task: listed,
  follow,
  resetDeniedReason,
  onReset,
  selectable,
}: {
  task: DtsTask;
  follow: FollowRequest | null;
  resetDeniedReason: string | null;
  onReset: (task: DtsTask) => void;
  /** Whether the card has the bulk reset's checkbox (a role that may reset). */
  selectable: boolean;
}) {
  const t = useTranslations("Jobs");
  const { task, phase, blockedReason, delay, created } = useTaskFacts(listed, follow, resetDeniedReason);
  // Not the row's id: both layouts are in the document, and ids must be unique.
  const reasonId = `reset-blocked-card-${task.instanceId}`;

  return (
    <li data-card-instance-id={task.instanceId} data-card-job-id={task.jobId} className="rounded-lg border border-neutral-200 bg-white p-3">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <TaskNameAndId task={task} idClassName="break-all" />
          <div className="font-mono text-xs break-all text-neutral-700">
            <span className="font-sans">{t("cardInstance")}</span>
            {task.instanceId}
          </div>
        </div>
        <div className="shrink-0 text-right">
          <StatusBadge status={task.status} known={task.statusKnown} />
          <FollowStatus phase={phase} />
        </div>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm">
        <dt className={LABEL}>{t("topology")}</dt>
        <dd className="min-w-0">
          <TopologyCell task={task} />
        </dd>
        <dt className={LABEL}>{t("direction")}</dt>
        <dd className="min-w-0 break-words">
          <EndpointCell source={task.source} destination={task.destination} changeTracking={task.type === "SUBSCRIBE"} />
        </dd>
        <dt className={LABEL}>{t("delay")}</dt>
        <dd>{delay ?? t("notReported")}</dd>
        <dt className={LABEL}>{t("created")}</dt>
        <dd>{created && task.createdAt ? <time dateTime={task.createdAt}>{created}</time> : t("notReported")}</dd>
      </dl>
      <div className="mt-3 flex items-start gap-3">
        {selectable ? <SelectSlot task={task} reasonId={blockedReason ? reasonId : null} withText /> : null}
        <div className="min-w-0 flex-1">
          <ResetAction
            task={task}
            blockedReason={blockedReason}
            waiting={phase === "waiting"}
            reasonId={reasonId}
            className="min-h-10 w-full justify-center"
            onReset={onReset}
          />
        </div>
      </div>
    </li>
  );
}
