import "server-only";
import { getTranslations } from "next-intl/server";
import type { Role } from "@/lib/domain/roles";

/**
 * Why this role sees every Reset button disabled, in the reader's language: the words of
 * lib/domain/roles.ts's roleDeniedMessage (which stays English, for the API's 403).
 */
export async function resetDeniedText(role: Role): Promise<string> {
  const [t, roles] = await Promise.all([getTranslations("Jobs"), getTranslations("Roles")]);
  return t("resetDeniedRole", { role: roles(role) });
}
