import Link from "next/link";
import type { ReactNode } from "react";
import type { ResetResult } from "@/lib/domain/reset-record";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ResetRow } from "./reset-row";

const COLUMNS = ["Requested (UTC)", "Task", "Region", "Direction", "Actor", "Reason", "Outcome", "RequestId"];

function FullWidthRow({ children }: { children: ReactNode }) {
  return (
    <TableRow>
      <TableCell colSpan={COLUMNS.length} className="py-10 text-center text-sm text-neutral-700">
        {children}
      </TableCell>
    </TableRow>
  );
}

export function ResetsTable({
  caption,
  items,
  loading,
  clearFiltersHref,
}: {
  caption: ReactNode;
  items: ResetResult[] | undefined;
  loading: boolean;
  /** Where "Clear the filters" goes when filters hide every record; null when nothing is filtered. */
  clearFiltersHref: string | null;
}) {
  return (
    <Table aria-busy={loading} className="min-w-[1100px]">
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          {COLUMNS.map((column) => (
            <TableHead key={column}>{column}</TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {items === undefined ? (
          <FullWidthRow>
            {loading ? (
              <span className="inline-flex items-center gap-2">
                <Spinner /> Loading the reset history…
              </span>
            ) : (
              "No resets to show."
            )}
          </FullWidthRow>
        ) : items.length === 0 ? (
          <FullWidthRow>
            {clearFiltersHref ? (
              <>
                No resets match these filters.{" "}
                <Link href={clearFiltersHref} className="text-blue-700 underline underline-offset-2">
                  Clear the filters
                </Link>
              </>
            ) : (
              "No resets recorded yet."
            )}
          </FullWidthRow>
        ) : (
          items.map((reset) => <ResetRow key={reset.id} reset={reset} />)
        )}
      </TableBody>
    </Table>
  );
}
