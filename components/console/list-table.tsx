"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** A column heading: its text, or what to show instead of it and a class for its cells' heading. */
export type ListColumn = string | { label: string; content: ReactNode; className?: string };

function FullWidthRow({ span, children }: { span: number; children: ReactNode }) {
  return (
    <TableRow>
      <TableCell colSpan={span} className="py-10 text-center text-sm text-neutral-700">
        {children}
      </TableCell>
    </TableRow>
  );
}

/**
 * The table of a list page (/jobs, /resets): the column headings, then the rows, or one line
 * that says why there are none (still loading, nothing yet, or filters that match nothing).
 */
export function ListTable<T>({
  caption,
  updating,
  columns,
  items,
  loading,
  noun,
  loadingText,
  emptyText,
  clearFiltersHref,
  renderRow,
  renderCard,
  stacked = false,
}: {
  caption: ReactNode;
  /** Rows are on screen and newer ones are being read: the caption says so. */
  updating: boolean;
  columns: readonly ListColumn[];
  items: readonly T[] | undefined;
  loading: boolean;
  /** Plural, lower case, in the reader's language: "No tasks to show." */
  noun: string;
  loadingText: string;
  /** What an empty, unfiltered list says. */
  emptyText: string;
  /** Where "Clear the filters" goes when filters hide every row; null when nothing is filtered. */
  clearFiltersHref: string | null;
  renderRow: (item: T) => ReactNode;
  /**
   * The same item as a card (an <li>), for narrow screens: below the md breakpoint the rows show
   * as a list of cards and the table is display:none, so only one of the two is ever in the
   * accessibility tree. Loading, empty and "no match" stay in the table, which then shows at
   * every width.
   */
  renderCard?: (item: T) => ReactNode;
  /**
   * The rows lay themselves out as cards below the md breakpoint (their own max-md: classes): one
   * markup for every width, instead of a second copy in renderCard. Below md the table loses its
   * frame and minimum width and its column headings are sr-only, kept for screen readers.
   */
  stacked?: boolean;
}) {
  const t = useTranslations("Console");
  const span = columns.length;
  const cards = renderCard !== undefined && items !== undefined && items.length > 0;
  const table = (
    <Table
      aria-busy={loading}
      className={stacked ? "max-md:block md:min-w-[1100px]" : "min-w-[1100px]"}
      frameClassName={stacked ? "max-md:overflow-visible max-md:rounded-none max-md:border-0 max-md:bg-transparent" : undefined}
    >
      <TableCaption className={stacked ? "max-md:block max-md:border-0 max-md:px-0 max-md:pt-0" : undefined}>
        {caption}
        {updating ? <span className="ml-2 text-neutral-600">{t("updating")}</span> : null}
      </TableCaption>
      <TableHeader className={stacked ? "max-md:sr-only" : undefined}>
        <TableRow>
          {columns.map((column) =>
            typeof column === "string" ? (
              <TableHead key={column}>{column}</TableHead>
            ) : (
              <TableHead key={column.label} className={column.className}>
                {column.content}
              </TableHead>
            ),
          )}
        </TableRow>
      </TableHeader>
      <TableBody className={stacked ? "max-md:block max-md:space-y-3 max-md:divide-y-0" : undefined}>
        {items === undefined ? (
          <FullWidthRow span={span}>
            {loading ? (
              <span className="inline-flex items-center gap-2">
                <Spinner /> {loadingText}
              </span>
            ) : (
              t("noneToShow", { noun })
            )}
          </FullWidthRow>
        ) : items.length === 0 ? (
          <FullWidthRow span={span}>
            {clearFiltersHref ? (
              <>
                {t("noneMatch", { noun })}{" "}
                <Link href={clearFiltersHref} className="text-blue-700 underline underline-offset-2">
                  {t("clearFilters")}
                </Link>
              </>
            ) : (
              emptyText
            )}
          </FullWidthRow>
        ) : (
          items.map(renderRow)
        )}
      </TableBody>
    </Table>
  );
  if (!cards) return table;
  return (
    <>
      <div className="hidden md:block">{table}</div>
      {/* Not a labelled region: a label would make the hidden copy findable by its caption's words
          (Playwright's getByLabel sees display:none elements), on desktop too. */}
      <div data-layout="cards" aria-busy={loading} className="md:hidden">
        <p className="mb-2 text-sm text-neutral-700">
          {caption}
          {updating ? <span className="ml-2 text-neutral-600">{t("updating")}</span> : null}
        </p>
        <ul className="space-y-3">{items.map(renderCard)}</ul>
      </div>
    </>
  );
}
