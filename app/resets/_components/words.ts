"use client";
import { useTranslations } from "next-intl";
import { entryOf, type MessageKey } from "@/lib/client/message-key";
import type { Role } from "@/lib/domain/roles";
import type { Direction } from "@/lib/domain/task";

const DIRECTION_KEYS: Record<Direction, MessageKey<"Resets">> = { Forward: "directionForward", Reverse: "directionReverse" };

const ROLE_KEYS: Record<Role, MessageKey<"Roles">> = { admin: "admin", operator: "operator", viewer: "viewer" };

/** A reset's direction in the reader's language (正向 / 反向); anything else as recorded. */
export function useDirectionLabel() {
  const t = useTranslations("Resets");
  return (direction: string): string => {
    const key = entryOf(DIRECTION_KEYS, direction);
    return key ? t(key) : direction;
  };
}

/** A role as the Roles namespace names it; a role this console does not know, as recorded. */
export function useRoleLabel() {
  const t = useTranslations("Roles");
  return (role: string): string => {
    const key = entryOf(ROLE_KEYS, role);
    return key ? t(key) : role;
  };
}
