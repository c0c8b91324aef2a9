"use client";
import Link from "next/link";
import { RESET_PAGE_SIZES } from "@/lib/domain/api";
import { buttonClasses } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { resetsHref, type ResetsSearchState } from "../search-params";

/** Pages are links (shareable, back-button friendly), as on the task list. */
export function ResetsPagination({
  state,
  total,
  onChange,
}: {
  state: ResetsSearchState;
  total: number;
  onChange: (patch: Partial<ResetsSearchState>) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / state.pageSize));
  const first = total === 0 ? 0 : (state.page - 1) * state.pageSize + 1;
  const last = Math.min(total, state.page * state.pageSize);
  const linkClass = buttonClasses("secondary", "sm");
  const disabledClass = buttonClasses("secondary", "sm", "pointer-events-none opacity-50");

  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-neutral-700">
        {total === 0 ? "No resets" : `Resets ${first}–${last} of ${total}`} · Page {Math.min(state.page, pages)} of {pages}
      </p>
      <div className="flex items-center gap-3">
        <div className="flex items-center gap-2">
          <label htmlFor="resets-page-size" className="text-neutral-800">
            Rows per page
          </label>
          <Select
            id="resets-page-size"
            controlSize="sm"
            className="w-20"
            value={state.pageSize}
            onChange={(e) => onChange({ pageSize: Number(e.target.value), page: 1 })}
          >
            {RESET_PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex gap-1.5">
          {state.page > 1 ? (
            <Link href={resetsHref({ ...state, page: state.page - 1 })} scroll={false} className={linkClass}>
              Previous page
            </Link>
          ) : (
            <span role="link" aria-disabled="true" className={disabledClass}>
              Previous page
            </span>
          )}
          {state.page < pages ? (
            <Link href={resetsHref({ ...state, page: state.page + 1 })} scroll={false} className={linkClass}>
              Next page
            </Link>
          ) : (
            <span role="link" aria-disabled="true" className={disabledClass}>
              Next page
            </span>
          )}
        </div>
      </div>
    </nav>
  );
}
