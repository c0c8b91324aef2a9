import type { ReactNode } from "react";
import type { ResetResult } from "@/lib/domain/reset-record";
import { ListTable } from "@/components/console/list-table";
import { ResetCard } from "./reset-card";
import { ResetRow } from "./reset-row";

const COLUMNS = ["Requested (UTC)", "Task", "Region", "Direction", "Actor", "Reason", "Outcome", "RequestId"];

// Alike JobsTable on purpose: both only give ListTable their columns, words and row.
export function ResetsTable(list: {
  caption: ReactNode;
  updating: boolean;
  items: ResetResult[] | undefined;
  loading: boolean;
  /** Where "Clear the filters" goes when filters hide every record; null when nothing is filtered. */
  clearFiltersHref: string | null;
}) {
  return (
    <ListTable
      {...list}
      columns={COLUMNS}
      noun="resets"
      loadingText="Loading the reset history…"
      emptyText="No resets recorded yet."
      renderRow={(reset) => <ResetRow key={reset.id} reset={reset} />}
      renderCard={(reset) => <ResetCard key={reset.id} reset={reset} />}
    />
  );
}
