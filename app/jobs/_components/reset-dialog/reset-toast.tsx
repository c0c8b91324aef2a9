"use client";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { ToastInput } from "@/components/ui/toast";
import type { ResetResult } from "@/lib/domain/reset-record";
import { useFormat } from "@/lib/client/format";
import { useDirectionLabel } from "./words";

/**
 * The toast after a successful reset, in the reader's language: the facts to quote to DTS
 * support, and the next step. `const resetToast = useResetToast(); toast(resetToast(result))`.
 */
export function useResetToast() {
  const t = useTranslations("ResetDialog");
  const f = useFormat();
  const directionLabel = useDirectionLabel();
  // Stable between renders: the pages' success callbacks depend on it.
  return useCallback((result: ResetResult): ToastInput => ({
    tone: "success",
    title: t("toastTitle", { name: result.taskName, direction: directionLabel(result.direction) }),
    description: (
      <>
        <span className="block">
          {t.rich("toastFacts", {
            mono: (chunks) => <span className="font-mono">{chunks}</span>,
            requestId: result.requestId ?? t("none"),
            httpStatus: result.httpStatus === null || result.httpStatus === undefined ? t("none") : String(result.httpStatus),
            time: f.time(result.finishedAt ?? result.requestedAt) ?? "",
          })}
        </span>
        <span className="block">{t("toastNext")}</span>
      </>
    ),
  }), [t, f, directionLabel]);
}
