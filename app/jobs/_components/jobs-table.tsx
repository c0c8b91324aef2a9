"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import type { DtsTask } from "@/lib/domain/task";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { JobRow } from "./job-row";
import type { FollowRequest } from "./use-follow-task";

const COLUMNS = ["Task", "Instance ID", "Status", "Topology", "Source → destination", "Delay", "Created", "Action"];

function FullWidthRow({ children }: { children: ReactNode }) {
  return (
    <TableRow>
      <TableCell colSpan={COLUMNS.length} className="py-10 text-center text-sm text-neutral-700">
        {children}
      </TableCell>
    </TableRow>
  );
}

export function JobsTable({
  caption,
  items,
  loading,
  filtered,
  clearFiltersHref,
  follows,
  resetDeniedReason,
  onReset,
  onFollowDone,
}: {
  caption: ReactNode;
  items: DtsTask[] | undefined;
  loading: boolean;
  filtered: boolean;
  clearFiltersHref: string;
  follows: Record<string, FollowRequest>;
  resetDeniedReason: string | null;
  onReset: (task: DtsTask) => void;
  onFollowDone: (instanceId: string, job: DtsTask) => void;
}) {
  return (
    <Table aria-busy={loading} className="min-w-[1100px]">
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          {COLUMNS.map((column) => (
            <TableHead key={column} className={column === "Delay" ? "text-right" : undefined}>
              {column === "Source → destination" ? (
                <>
                  <span aria-hidden="true">{column}</span>
                  <span className="sr-only">Source to destination</span>
                </>
              ) : (
                column
              )}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {items === undefined ? (
          loading ? (
            <FullWidthRow>
              <span className="inline-flex items-center gap-2">
                <Spinner /> Loading tasks…
              </span>
            </FullWidthRow>
          ) : (
            <FullWidthRow>No tasks to show.</FullWidthRow>
          )
        ) : items.length === 0 ? (
          <FullWidthRow>
            {filtered ? (
              <>
                No tasks match these filters.{" "}
                <Link href={clearFiltersHref} className="text-blue-700 underline underline-offset-2">
                  Clear the filters
                </Link>
              </>
            ) : (
              "There are no tasks of this type in this region."
            )}
          </FullWidthRow>
        ) : (
          items.map((task) => (
            <JobRow
              // Keyed by instance: a reset may give the task a new task ID, and the row should stay put.
              key={task.instanceId}
              task={task}
              follow={follows[task.instanceId] ?? null}
              resetDeniedReason={resetDeniedReason}
              onReset={onReset}
              onFollowDone={onFollowDone}
            />
          ))
        )}
      </TableBody>
    </Table>
  );
}
