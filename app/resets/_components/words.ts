"use client";
import { useTranslations } from "next-intl";
import type { ResetStatus } from "@/lib/domain/reset-record";

/** A reset outcome in the reader's language (the filter's options and the caption). */
export function useOutcomeLabel() {
  const t = useTranslations("Resets");
  return (status: ResetStatus): string => {
    switch (status) {
      case "succeeded":
        return t("outcomeSucceeded");
      case "failed":
        return t("outcomeFailed");
      case "unknown":
        return t("outcomeUnknown");
      case "pending":
        return t("outcomePending");
    }
  };
}

/** A reset's direction in the reader's language (正向 / 反向); anything else as recorded. */
export function useDirectionLabel() {
  const t = useTranslations("Resets");
  return (direction: string): string => (direction === "Forward" ? t("directionForward") : direction === "Reverse" ? t("directionReverse") : direction);
}

/** A role as the Roles namespace names it; a role this console does not know, as recorded. */
export function useRoleLabel() {
  const t = useTranslations("Roles");
  return (role: string): string => (role === "admin" ? t("admin") : role === "operator" ? t("operator") : role === "viewer" ? t("viewer") : role);
}
