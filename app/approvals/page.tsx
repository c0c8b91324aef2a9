import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { ApprovalsClient } from "./approvals-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Approvals");
  return { title: t("title") };
}

export default async function ApprovalsPage() {
  // Every page checks the role itself (lib/auth/page-guard.ts); the API behind it checks again.
  const principal = await requirePageRole("viewer");
  return (
    <ClientMessages namespaces={["Approvals", "Roles", "Status", "Errors", "Console"]}>
      <ApprovalsClient me={{ username: principal.username, role: principal.role }} />
    </ClientMessages>
  );
}
