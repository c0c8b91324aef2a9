import { resetsExportUrl } from "@/lib/client/reset-queries";
import type { ResetFilterParams } from "@/lib/client/reset-keys";
import { buttonClasses } from "@/components/ui/button";

/**
 * Downloads of the filtered history, every page of it. Plain links to the API (not client-side
 * fetches): the browser handles the file, and the address can be copied into a script.
 */
export function ExportLinks({ filters, filtered }: { filters: ResetFilterParams; filtered: boolean }) {
  const what = filtered ? "the filtered reset history" : "the whole reset history";
  return (
    <div className="flex items-center gap-2">
      {(["csv", "json"] as const).map((format) => (
        <a key={format} href={resetsExportUrl(filters, format)} download className={buttonClasses("secondary", "sm")}>
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5">
            <path d="M8 2.5v7.5M4.8 7l3.2 3.2L11.2 7M3 13h10" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          Export {format.toUpperCase()}
          <span className="sr-only">: {what}</span>
        </a>
      ))}
    </div>
  );
}
