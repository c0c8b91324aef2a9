"use client";
import { useTranslations } from "next-intl";

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
