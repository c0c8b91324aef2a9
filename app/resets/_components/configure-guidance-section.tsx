"use client";
import { useTranslations } from "next-intl";
import { configureGuidance, configureParameters, type GuidanceNote, type GuidanceRow } from "@/lib/client/configure-guidance";
import type { SnapshotView } from "@/lib/client/reset-snapshot";
import type { ResetDetail } from "@/lib/domain/reset-record";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCaption, TableColumns } from "@/components/ui/table";
import { Section } from "./fact-list";

function Value({ row }: { row: GuidanceRow }) {
  const t = useTranslations("ResetDetail");
  if (row.mustSupply) {
    return (
      <strong className="inline-flex items-center gap-1 font-semibold text-amber-950">
        <svg aria-hidden="true" viewBox="0 0 12 12" className="size-3 shrink-0">
          <path d="M6 1.5l4.5 9h-9z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
          <path d="M6 5v2.3" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
        </svg>
        {t("guidanceMustSupply")}
      </strong>
    );
  }
  if (row.value === null) return <span className="text-neutral-600">{t("guidanceNotReported")}</span>;
  return <span className="font-mono text-xs leading-5 break-all">{String(row.value)}</span>;
}

/** A guidance row's note in the reader's language. */
function useNoteText() {
  const t = useTranslations("ResetDetail");
  return (note: GuidanceNote | undefined): string => {
    if (!note) return "";
    switch (note.kind) {
      case "password":
        return t("notePassword");
      case "modeMissing":
        return t("noteModeMissing");
      case "newJobId":
        return t("noteNewJobId", { previous: note.previous });
      case "sameJobId":
        return t("noteSameJobId");
      case "directionReset":
        return t("noteDirectionReset");
      case "oneWay":
        return t("noteOneWay");
      case "dbListAsReturned":
        return t("noteDbListAsReturned");
      case "dbListMissing":
        return t("noteDbListMissing");
      case "reserveAsReturned":
        return t("noteReserveAsReturned");
    }
  };
}

/**
 * Reconfiguration guidance: a reset leaves the task Not Configured, and bringing it back means
 * calling ConfigureDtsJob (or Configure Task in the DTS console) with the same settings. They are
 * all in the snapshot except the passwords, which DTS never returns.
 */
export function ConfigureGuidanceSection({ reset, snapshot }: { reset: ResetDetail; snapshot: SnapshotView }) {
  const t = useTranslations("ResetDetail");
  const noteText = useNoteText();
  const rows = configureGuidance(reset, snapshot);
  const json = JSON.stringify(configureParameters(rows), null, 2);
  return (
    <Section id="record-guidance" title={t("guidanceTitle")} description={t("guidanceDescription")}>
      {reset.jobType === "SUBSCRIBE" ? (
        <p className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950">
          {t.rich("guidanceChangeTracking", { mono: (chunks) => <span className="font-mono">{chunks}</span> })}
        </p>
      ) : null}
      <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
        {t.rich("guidancePasswords", { strong: (chunks) => <strong className="font-semibold">{chunks}</strong> })}
      </p>
      <Table className="min-w-[720px]">
        <TableCaption>{t("guidanceCaption")}</TableCaption>
        <TableColumns names={[t("guidanceColumnParameter"), t("guidanceColumnValue"), t("guidanceColumnNote")]} />
        <TableBody>
          {rows.map((row) => (
            // Plain cells rather than TableRow/TableCell: this table is denser than the others, and
            // baseline alignment keeps the three type sizes (parameter, value, note) on one line.
            <tr key={row.parameter} className={cn("align-baseline", row.mustSupply && "bg-amber-50/60")}>
              <th scope="row" className="px-2.5 py-1.5 text-left font-mono text-xs font-medium whitespace-nowrap text-neutral-900">
                {row.parameter}
              </th>
              <td className="max-w-md px-2.5 py-1.5">
                <Value row={row} />
              </td>
              <td className="px-2.5 py-1.5 text-xs text-neutral-700">{noteText(row.note)}</td>
            </tr>
          ))}
        </TableBody>
      </Table>
      <div className="rounded-md border border-neutral-200 bg-neutral-50">
        <div className="flex items-center justify-between gap-2 border-b border-neutral-200 px-3 py-1.5">
          <h3 id="guidance-json-heading" className="text-sm font-medium text-neutral-800">
            {t("guidanceJsonHeading")}
          </h3>
          <CopyButton value={json} label={t("guidanceJsonCopy")} />
        </div>
        <pre
          role="group"
          aria-labelledby="guidance-json-heading"
          tabIndex={0}
          className="max-h-80 overflow-auto px-3 py-2 font-mono text-xs leading-relaxed text-neutral-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          {json}
        </pre>
      </div>
    </Section>
  );
}
