"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { callParameters, guidanceRows, type GuidanceNote, type GuidanceRow } from "@/lib/client/configure-guidance";
import type { MessageKey } from "@/lib/client/message-key";
import { reconfigureViewOptions } from "@/lib/client/reconfigure-queries";
import type { ReconfigureView } from "@/lib/domain/reconfigure";
import type { ResetDetail } from "@/lib/domain/reset-record";
import { QueryErrorPanel } from "@/components/console/error-panel";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/components/ui/cn";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCaption, TableColumns } from "@/components/ui/table";
import { Section } from "./fact-list";
import { MappingNotes } from "./mapping-notes";

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
  return <span className="font-mono text-xs leading-5 break-all">{row.value}</span>;
}

/** The notes without values; newJobId says which ID the task had. */
const NOTE_KEYS: Record<Exclude<GuidanceNote["kind"], "newJobId">, MessageKey<"ResetDetail">> = {
  password: "notePassword",
  sameJobId: "noteSameJobId",
  directionReset: "noteDirectionReset",
};

/** A guidance row's note in the reader's language. */
function useNoteText() {
  const t = useTranslations("ResetDetail");
  return (note: GuidanceNote | undefined): string => {
    if (!note) return "";
    if (note.kind === "newJobId") return t("noteNewJobId", { previous: note.previous });
    return t(NOTE_KEYS[note.kind]);
  };
}

/** The ConfigureDtsJob parameters the server mapped: the table, what the mapping changed, and the JSON to copy. */
function GuidanceParameters({ reset, view }: { reset: ResetDetail; view: ReconfigureView }) {
  const t = useTranslations("ResetDetail");
  const noteText = useNoteText();
  const rows = guidanceRows(view.parameters, reset);
  const json = JSON.stringify(callParameters(rows), null, 2);
  return (
    <>
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
      <MappingNotes notes={view.remarks.notes} />
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
          className="max-h-80 overflow-auto px-3 py-2 font-mono text-xs leading-relaxed text-neutral-900 focus-ring"
        >
          {json}
        </pre>
      </div>
    </>
  );
}

/**
 * Reconfiguration guidance: a reset leaves the task Not Configured, and bringing it back means
 * calling ConfigureDtsJob (or Configure Task in the DTS console) with the same settings. They are
 * all in the snapshot except the passwords, which DTS never returns; the server maps them (GET
 * /api/resets/{id}/reconfigure, the same read as the reconfiguration section above).
 */
export function ConfigureGuidanceSection({ reset }: { reset: ResetDetail }) {
  const t = useTranslations("ResetDetail");
  const view = useQuery(reconfigureViewOptions(reset.id));
  return (
    <Section id="record-guidance" title={t("guidanceTitle")} description={t("guidanceDescription")}>
      {reset.jobType === "SUBSCRIBE" ? (
        <Notice tone="info">{t.rich("guidanceChangeTracking", { mono: (chunks) => <span className="font-mono">{chunks}</span> })}</Notice>
      ) : null}
      <Notice tone="warning">{t.rich("guidancePasswords", { strong: (chunks) => <strong className="font-semibold">{chunks}</strong> })}</Notice>
      {view.data ? (
        <GuidanceParameters reset={reset} view={view.data} />
      ) : view.isError ? (
        <QueryErrorPanel title={t("guidanceLoadError")} query={view} />
      ) : (
        <p className="flex items-center gap-2 text-sm text-neutral-700">
          <Spinner /> {t("guidanceLoading")}
        </p>
      )}
    </Section>
  );
}
