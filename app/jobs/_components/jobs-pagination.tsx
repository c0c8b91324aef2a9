"use client";
import { LIST_PAGE_SIZES } from "@/lib/domain/api-constants";
import { Pagination } from "@/components/ui/pagination";
import { jobsHref, type JobsSearchState } from "../search-params";

/** DTS does the paging, not the browser: each page is one DescribeDtsJobs call. */
export function JobsPagination({
  state,
  total,
  onChange,
}: {
  state: JobsSearchState;
  total: number;
  onChange: (patch: Partial<JobsSearchState>) => void;
}) {
  return (
    <Pagination
      page={state.page}
      pageSize={state.pageSize}
      pageSizes={LIST_PAGE_SIZES}
      total={total}
      noun="Tasks"
      idPrefix="jobs"
      hrefForPage={(page) => jobsHref({ ...state, page })}
      onPageSizeChange={(pageSize) => onChange({ pageSize, page: 1 })}
    />
  );
}
