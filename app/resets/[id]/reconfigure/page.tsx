import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/domain/roles";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { ReconfigureClient } from "./reconfigure-client";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Reconfigure");
  return { title: t("title") };
}

export default async function ReconfigurePage({ params }: { params: Params }) {
  // Viewers may follow a reconfiguration; only operators get the form (the API checks again).
  const principal = await requirePageRole("viewer");
  const { id } = await params;
  return (
    <ClientMessages namespaces={["Reconfigure", "ReconfigureRemarks", "Resets", "Console", "Status", "Errors", "Runbook"]}>
      <ReconfigureClient id={id} canConfigure={hasRole(principal.role, "operator")} />
    </ClientMessages>
  );
}
