import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/page-guard";
import { resetPermission } from "@/lib/domain/roles";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { OverviewClient } from "./overview-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Overview");
  return { title: t("title") };
}

/**
 * Every region of every account at a glance, the landing page after sign-in. Not read on the
 * server: the overview asks DTS once per account and region, and the page should not wait for
 * that before it shows anything; the browser reads it and says so while it does.
 */
export default async function OverviewPage() {
  const principal = await requirePageRole("viewer");
  return (
    <ClientMessages namespaces={["Overview", "Console", "Status", "Errors"]}>
      {/* Operators and admins get "Reset the failed tasks…" beside a region's failed tasks. */}
      <OverviewClient canReset={resetPermission(principal.role).canReset} />
    </ClientMessages>
  );
}
