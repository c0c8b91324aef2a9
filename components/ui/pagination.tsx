"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "./button";
import { Select } from "./select";

/**
 * Server-side pagination as links (shareable, back-button friendly) with a rows-per-page select.
 * The caller owns the URL: it says how to link to a page and what to do on a new page size.
 */
export function Pagination({
  page,
  pageSize,
  pageSizes,
  total,
  noun,
  idPrefix,
  hrefForPage,
  onPageSizeChange,
}: {
  page: number;
  pageSize: number;
  pageSizes: readonly number[];
  total: number;
  /** Plural noun for the summary, capitalised ("Tasks", "Resets"), in the reader's language. */
  noun: string;
  idPrefix: string;
  hrefForPage: (page: number) => string;
  onPageSizeChange: (pageSize: number) => void;
}) {
  const t = useTranslations("Console");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const linkClass = buttonClasses("secondary", "sm");
  const disabledClass = buttonClasses("secondary", "sm", "pointer-events-none opacity-50");
  const selectId = `${idPrefix}-page-size`;

  const pageLink = (target: number, label: string, enabled: boolean) =>
    enabled ? (
      <Link href={hrefForPage(target)} scroll={false} className={linkClass}>
        {label}
      </Link>
    ) : (
      <span role="link" aria-disabled="true" className={disabledClass}>
        {label}
      </span>
    );

  return (
    <nav aria-label={t("pagination")} className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-neutral-700">
        {total === 0 ? t("paginationEmpty", { noun: noun.toLowerCase() }) : t("paginationRange", { noun, first, last, total })} ·{" "}
        {t("paginationPage", { page: Math.min(page, pages), pages })}
      </p>
      <div className="flex items-center gap-3">
        <div className="flex items-center gap-2">
          <label htmlFor={selectId} className="text-neutral-800">
            {t("rowsPerPage")}
          </label>
          <Select id={selectId} controlSize="sm" className="w-20" value={pageSize} onChange={(e) => onPageSizeChange(Number(e.target.value))}>
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex gap-1.5">
          {pageLink(page - 1, t("previousPage"), page > 1)}
          {pageLink(page + 1, t("nextPage"), page < pages)}
        </div>
      </div>
    </nav>
  );
}
