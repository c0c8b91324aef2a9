import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/page-guard";
import { AdminUsersClient } from "./admin-users-client";

export const metadata: Metadata = { title: "Users and API tokens" };

export default async function AdminUsersPage() {
  const principal = await requirePageRole("admin");
  return <AdminUsersClient currentUsername={principal.username} />;
}
