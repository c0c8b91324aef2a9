import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { BulkResetsClient } from "./bulk-resets-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Bulk");
  return { title: t("listTitle") };
}

/** Every bulk reset, newest first (issue 22). Read by the browser: the list re-reads itself while a bulk runs. */
export default async function BulkResetsPage() {
  // Every page checks the role itself (lib/auth/page-guard.ts); the API behind it checks again.
  await requirePageRole("viewer");
  return (
    <ClientMessages namespaces={["Bulk", "Console", "Roles", "Errors"]}>
      <BulkResetsClient />
    </ClientMessages>
  );
}
