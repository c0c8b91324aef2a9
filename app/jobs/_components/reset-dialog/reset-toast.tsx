"use client";
import { useTranslations } from "next-intl";
import type { ToastInput } from "@/components/ui/toast";
import { formatTime } from "@/lib/domain/format";
import type { ResetResult } from "@/lib/domain/reset-record";
import { useFormat } from "@/lib/client/format";
import { useDirectionLabel } from "./words";

/**
 * The toast after a successful reset, in English: kept for callers not yet moved to
 * useResetToast (the toaster lives in the layout, above the page's messages, so the toast's
 * words must be made where the page's messages are: in the page's component, with the hook).
 */
export function resetToast(result: ResetResult): ToastInput {
  return {
    tone: "success",
    title: `Reset sent: ${result.taskName} (${result.direction})`,
    description: (
      <>
        <span className="block">
          RequestId <span className="font-mono">{result.requestId ?? "none"}</span> · HTTP {result.httpStatus ?? "none"}{" "}
          · {formatTime(result.finishedAt ?? result.requestedAt)}
        </span>
        <span className="block">Next: reconfigure the task before it runs again.</span>
      </>
    ),
  };
}

/**
 * The toast after a successful reset, in the reader's language: the facts to quote to DTS
 * support, and the next step. `const resetToast = useResetToast(); toast(resetToast(result))`.
 */
export function useResetToast() {
  const t = useTranslations("ResetDialog");
  const f = useFormat();
  const directionLabel = useDirectionLabel();
  return (result: ResetResult): ToastInput => ({
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
  });
}
