"use client";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { Direction } from "@/lib/domain/task";
import type { ResetBlockedCode } from "@/lib/domain/status";
import { useStatusLabel } from "@/lib/client/format";
import { entryOf, type MessageKey } from "@/lib/client/message-key";

const DIRECTION_KEYS: Record<Direction, MessageKey<"ResetDialog">> = { Forward: "directionForward", Reverse: "directionReverse" };

/** Forward / Reverse in the reader's language (正向 / 反向); the API keeps the English enum. */
export function useDirectionLabel() {
  const t = useTranslations("ResetDialog");
  return useCallback(
    (direction: Direction | string) => {
      const key = entryOf(DIRECTION_KEYS, direction);
      return key ? t(key) : direction;
    },
    [t],
  );
}

/** The refusals whose words need no value. */
const BLOCKED_KEYS: Record<Exclude<ResetBlockedCode, "already_not_configured" | "unknown_status">, MessageKey<"ResetDialog">> = {
  prechecking: "blockedPrechecking",
  locked: "blockedLocked",
  starting: "blockedStarting",
};

/**
 * Why DTS would refuse a reset, in the reader's language, from the code of resetBlockedCode /
 * ResetTarget.blockedCode / taskBlockedCode (the English of resetBlockedReason is the API's).
 * `status` is the task's status as DTS sent it. Needs the "ResetDialog" and "Status" namespaces.
 */
export function useResetBlockedText() {
  const t = useTranslations("ResetDialog");
  const statusLabel = useStatusLabel();
  return (code: ResetBlockedCode, status: string) => {
    if (code === "already_not_configured") return t("blockedNotConfigured", { status: statusLabel("NotConfigured") });
    if (code === "unknown_status") return t("blockedUnknownStatus", { status });
    return t(BLOCKED_KEYS[code]);
  };
}
