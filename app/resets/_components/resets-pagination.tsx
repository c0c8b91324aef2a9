"use client";
import { RESET_PAGE_SIZES } from "@/lib/domain/api-constants";
import { Pagination } from "@/components/ui/pagination";
import { resetsHref, type ResetsSearchState } from "../search-params";

export function ResetsPagination({
  state,
  total,
  onChange,
}: {
  state: ResetsSearchState;
  total: number;
  onChange: (patch: Partial<ResetsSearchState>) => void;
}) {
  return (
    <Pagination
      page={state.page}
      pageSize={state.pageSize}
      pageSizes={RESET_PAGE_SIZES}
      total={total}
      noun="Resets"
      idPrefix="resets"
      hrefForPage={(page) => resetsHref({ ...state, page })}
      onPageSizeChange={(pageSize) => onChange({ pageSize, page: 1 })}
    />
  );
}
