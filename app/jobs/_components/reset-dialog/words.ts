"use client";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { Direction } from "@/lib/domain/task";
import type { ResetBlockedCode } from "@/lib/domain/status";
import { useStatusLabel } from "@/lib/client/format";

/** Forward / Reverse in the reader's language (正向 / 反向); the API keeps the English enum. */
export function useDirectionLabel() {
  const t = useTranslations("ResetDialog");
  return useCallback(
    (direction: Direction | string) =>
      direction === "Forward" ? t("directionForward") : direction === "Reverse" ? t("directionReverse") : direction,
    [t],
  );
}

/**
 * Why DTS would refuse a reset, in the reader's language, from the code of resetBlockedCode /
 * ResetTarget.blockedCode / taskBlockedCode (the English of resetBlockedReason is the API's).
 * `status` is the task's status as DTS sent it. Needs the "ResetDialog" and "Status" namespaces.
 */
export function useResetBlockedText() {
  const t = useTranslations("ResetDialog");
  const statusLabel = useStatusLabel();
  return (code: ResetBlockedCode, status: string) => {
    switch (code) {
      case "already_not_configured":
        return t("blockedNotConfigured", { status: statusLabel("NotConfigured") });
      case "prechecking":
        return t("blockedPrechecking");
      case "locked":
        return t("blockedLocked");
      case "starting":
        return t("blockedStarting");
      case "unknown_status":
        return t("blockedUnknownStatus", { status });
    }
  };
}
