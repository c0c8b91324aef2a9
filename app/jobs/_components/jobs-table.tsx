"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { DtsTask } from "@/lib/domain/task";
import { ListTable, type ListColumn } from "@/components/console/list-table";
import { JobRow } from "./job-row";
import type { FollowRequest } from "./use-follow-task";

export function JobsTable({
  follows,
  resetDeniedReason,
  onReset,
  onFollowDone,
  selectable,
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
  /** Rows carry the bulk reset's checkbox (issue 22): for a role that may reset. */
  selectable: boolean;
}) {
  const t = useTranslations("Jobs");
  const columns: ListColumn[] = [
    t("columnTask"),
    t("columnInstanceId"),
    t("columnStatus"),
    t("topology"),
    {
      label: t("columnEndpoints"),
      content: (
        <>
          <span aria-hidden="true">{t("columnEndpoints")}</span>
          <span className="sr-only">{t("columnEndpointsSr")}</span>
        </>
      ),
    },
    { label: t("delay"), content: t("delay"), className: "text-right" },
    t("created"),
    t("columnAction"),
  ];
  return (
    <ListTable
      {...list}
      columns={columns}
      noun={t("tableNoun")}
      loadingText={t("loadingTasks")}
      emptyText={t("emptyList")}
      // Each row lays itself out as a card below the md breakpoint (job-row.tsx): one markup for both.
      stacked
      // Keyed by instance: a reset may give the task a new task ID, and the row should stay put.
      renderRow={(task) => (
        <JobRow
          key={task.instanceId}
          task={task}
          follow={follows[task.instanceId] ?? null}
          resetDeniedReason={resetDeniedReason}
          onReset={onReset}
          onFollowDone={onFollowDone}
          selectable={selectable}
        />
      )}
    />
  );
}
