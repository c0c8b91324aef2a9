"use client";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { remarkEnglish, type Remark } from "@/lib/domain/reconfigure-remarks";
import { useFormat, useStatusLabel } from "@/lib/client/format";

/**
 * What the console says about reconfiguring (the mapping's notes, why it refuses), in the reader's
 * language, from the remark's code: times in the reader's format, statuses in DTS's words. Needs
 * the "ReconfigureRemarks" and "Status" namespaces.
 */
export function useRemarkText() {
  const t = useTranslations("ReconfigureRemarks");
  const f = useFormat();
  const statusLabel = useStatusLabel();
  return useCallback(
    (remark: Remark): string => {
      const values: Record<string, string> = { ...remark.values };
      if (values.time) values.time = f.instant(values.time) ?? values.time;
      if (values.status) values.status = statusLabel(values.status);
      return t.has(remark.code) ? t(remark.code as "notSync", values) : remarkEnglish(remark);
    },
    [t, f, statusLabel],
  );
}

/** A refusal's remarks as one text. */
export function useReasonText() {
  const remarkText = useRemarkText();
  return useCallback((reason: readonly Remark[]) => reason.map(remarkText).join(" "), [remarkText]);
}
