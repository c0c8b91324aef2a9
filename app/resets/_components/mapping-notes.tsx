"use client";
import { useTranslations } from "next-intl";
import type { Remark } from "@/lib/domain/reconfigure-remarks";
import { Notice } from "@/components/ui/notice";
import { useRemarkText } from "./remark-text";

/**
 * What the server's mapping of the snapshot changed or left out (its remarks), in the reader's
 * language: on the reconfiguration form and in the record's guidance. Needs the "Reconfigure",
 * "ReconfigureRemarks" and "Status" namespaces.
 */
export function MappingNotes({ notes }: { notes: readonly Remark[] }) {
  const t = useTranslations("Reconfigure");
  const remarkText = useRemarkText();
  if (!notes.length) return null;
  return (
    <Notice tone="warning" as="ul" padding="none" aria-label={t("notesLabel")} className="list-disc space-y-0.5 py-2 pr-3 pl-7">
      {notes.map((note, index) => (
        <li key={`${note.code}-${index}`}>{remarkText(note)}</li>
      ))}
    </Notice>
  );
}
