"use client";
import { Pagination } from "@/components/ui/pagination";

/** What a list page keeps in its URL about paging. */
interface Paged {
  page: number;
  pageSize: number;
}

/**
 * The pagination of a list whose view lives in the URL (/jobs, /resets): page links from the
 * list's own href builder, and a new page size starts again at page 1.
 */
export function ListPagination<S extends Paged>({
  state,
  total,
  pageSizes,
  noun,
  idPrefix,
  href,
  onChange,
}: {
  state: S;
  total: number;
  pageSizes: readonly number[];
  /** Plural noun for the summary, capitalised ("Tasks", "Resets"). */
  noun: string;
  idPrefix: string;
  href: (state: S) => string;
  onChange: (patch: Partial<Paged>) => void;
}) {
  return (
    <Pagination
      page={state.page}
      pageSize={state.pageSize}
      pageSizes={pageSizes}
      total={total}
      noun={noun}
      idPrefix={idPrefix}
      hrefForPage={(page) => href({ ...state, page })}
      onPageSizeChange={(pageSize) => onChange({ pageSize, page: 1 })}
    />
  );
}
