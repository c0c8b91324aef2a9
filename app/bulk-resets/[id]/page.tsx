import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { BulkDetailClient } from "./bulk-detail-client";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Bulk");
  return { title: t("detailTitle") };
}

export default async function BulkResetPage({ params }: { params: Params }) {
  // Every page checks the role itself (lib/auth/page-guard.ts); the API behind it checks again.
  // Who is looking decides the buttons (Cancel for operators and admins; Approve and Reject for
  // another one than the requester); the server decides again on every write.
  const principal = await requirePageRole("viewer");
  const { id } = await params;
  return (
    <ClientMessages namespaces={["Bulk", "Console", "Status", "Roles", "Errors"]}>
      <BulkDetailClient id={id} me={{ username: principal.username, role: principal.role }} />
    </ClientMessages>
  );
}
