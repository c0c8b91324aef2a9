import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { oidcSettings } from "@/lib/auth/oidc";
import { AdminUsersClient } from "./admin-users-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Admin");
  return { title: t("title") };
}

export default async function AdminUsersPage() {
  const principal = await requirePageRole("admin");
  // The provider's name labels the accounts it created (source `oidc`); null when none is configured.
  const providerName = oidcSettings()?.displayName ?? null;
  return (
    <ClientMessages namespaces={["Admin", "Roles", "Errors"]}>
      <AdminUsersClient currentUsername={principal.username} providerName={providerName} />
    </ClientMessages>
  );
}
