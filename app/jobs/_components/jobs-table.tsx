"use client";
import type { ReactNode } from "react";
import type { DtsTask } from "@/lib/domain/task";
import { ListTable, type ListColumn } from "@/components/console/list-table";
import { JobCard } from "./job-card";
import { JobRow } from "./job-row";
import type { FollowRequest } from "./use-follow-task";

const COLUMNS: ListColumn[] = [
  "Task",
  "Instance ID",
  "Status",
  "Topology",
  {
    label: "Source → destination",
    content: (
      <>
        <span aria-hidden="true">Source → destination</span>
        <span className="sr-only">Source to destination</span>
      </>
    ),
  },
  { label: "Delay", content: "Delay", className: "text-right" },
  "Created",
  "Action",
];

export function JobsTable({
  follows,
  resetDeniedReason,
  onReset,
  onFollowDone,
  ...list
}: {
  caption: ReactNode;
  updating: boolean;
  items: DtsTask[] | undefined;
  loading: boolean;
  /** Where "Clear the filters" goes when filters hide every task; null when nothing is filtered. */
  clearFiltersHref: string | null;
  follows: Record<string, FollowRequest>;
  resetDeniedReason: string | null;
  onReset: (task: DtsTask) => void;
  onFollowDone: (instanceId: string, job: DtsTask) => void;
}) {
  // What the row and the card of a task both take.
  const shown = (task: DtsTask) => ({ task, follow: follows[task.instanceId] ?? null, resetDeniedReason, onReset });
  return (
    <ListTable
      {...list}
      columns={COLUMNS}
      noun="tasks"
      loadingText="Loading tasks…"
      emptyText="There are no tasks of this type in this region."
      // Keyed by instance: a reset may give the task a new task ID, and the row should stay put.
      renderRow={(task) => <JobRow key={task.instanceId} {...shown(task)} onFollowDone={onFollowDone} />}
      renderCard={(task) => <JobCard key={task.instanceId} {...shown(task)} />}
    />
  );
}
