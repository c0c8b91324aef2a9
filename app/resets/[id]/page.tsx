import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { ResetDetailClient } from "./reset-detail-client";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ResetDetail");
  return { title: t("title") };
}

export default async function ResetDetailPage({ params }: { params: Params }) {
  // Every page checks the role itself (lib/auth/page-guard.ts); the API behind it checks again.
  await requirePageRole("viewer");
  const { id } = await params;
  return (
    <ClientMessages namespaces={["ResetDetail", "Resets", "Reconfigure", "ReconfigureRemarks", "Console", "Status", "Roles", "Errors", "Runbook"]}>
      <ResetDetailClient id={id} />
    </ClientMessages>
  );
}
