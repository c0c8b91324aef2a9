"use client";
import { useLocale, useTranslations } from "next-intl";
import { resetsExportUrl } from "@/lib/client/reset-queries";
import type { ResetFilterParams } from "@/lib/client/reset-keys";
import { buttonClasses } from "@/components/ui/button";

/**
 * Downloads of the filtered history, every page of it. Plain links to the API (not client-side
 * fetches): the browser handles the file, and the address can be copied into a script.
 */
export function ExportLinks({ filters, filtered }: { filters: ResetFilterParams; filtered: boolean }) {
  const t = useTranslations("Resets");
  // A Chinese reader's CSV gets Chinese column headers; everyone else's keeps the column names.
  const lang = useLocale() === "zh-CN" ? "zh-CN" : undefined;
  const what = filtered ? t("exportWhatFiltered") : t("exportWhatAll");
  return (
    <div className="flex items-center gap-2">
      {(["csv", "json"] as const).map((format) => (
        <a key={format} href={resetsExportUrl(filters, format, format === "csv" ? lang : undefined)} download className={buttonClasses("secondary", "sm")}>
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5">
            <path d="M8 2.5v7.5M4.8 7l3.2 3.2L11.2 7M3 13h10" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {t("exportLink", { format: format.toUpperCase() })}
          <span className="sr-only">{t("exportWhat", { what })}</span>
        </a>
      ))}
    </div>
  );
}
