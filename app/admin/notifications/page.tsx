import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { NotificationsClient } from "./notifications-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Notifications");
  return { title: t("title") };
}

export default async function AdminNotificationsPage() {
  await requirePageRole("admin");
  return (
    <ClientMessages namespaces={["Notifications", "Errors"]}>
      <NotificationsClient />
    </ClientMessages>
  );
}
