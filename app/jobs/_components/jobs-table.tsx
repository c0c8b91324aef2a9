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
  caption,
  updating,
  items,
  loading,
  clearFiltersHref,
  follows,
  resetDeniedReason,
  onReset,
  onFollowDone,
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
  return (
    <ListTable
      caption={caption}
      updating={updating}
      columns={COLUMNS}
      items={items}
      loading={loading}
      noun="tasks"
      loadingText="Loading tasks…"
      emptyText="There are no tasks of this type in this region."
      clearFiltersHref={clearFiltersHref}
      renderRow={(task) => (
        <JobRow
          // Keyed by instance: a reset may give the task a new task ID, and the row should stay put.
          key={task.instanceId}
          task={task}
          follow={follows[task.instanceId] ?? null}
          resetDeniedReason={resetDeniedReason}
          onReset={onReset}
          onFollowDone={onFollowDone}
        />
      )}
      renderCard={(task) => (
        <JobCard
          key={task.instanceId}
          task={task}
          follow={follows[task.instanceId] ?? null}
          resetDeniedReason={resetDeniedReason}
          onReset={onReset}
        />
      )}
    />
  );
}
