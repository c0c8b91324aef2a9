// The /bulk-resets view lives in the URL, like /resets: a filtered list can be shared, reloaded
// and navigated with the back button. This parser reads what lib/client/bulk-hrefs.ts `bulkResetsHref`
// writes, on the server page and the client alike.
import { BULK_PAGE_SIZES, BULK_STATUSES } from "@/lib/domain/bulk-result";
import type { BulkListParams } from "@/lib/client/bulk-queries";
import { DEFAULT_BULK_PAGE_SIZE } from "@/lib/client/bulk-hrefs";
import { oneOf, positiveInt, readParam, type RawParams } from "@/lib/client/url-state";

/** Unknown or malformed values fall back to the default view rather than failing. */
export function parseBulkResetsSearchParams(params: RawParams): BulkListParams {
  return {
    status: oneOf(readParam(params, "status"), BULK_STATUSES),
    page: positiveInt(readParam(params, "page")) ?? 1,
    pageSize: oneOf(positiveInt(readParam(params, "pageSize")), BULK_PAGE_SIZES) ?? DEFAULT_BULK_PAGE_SIZE,
  };
}
