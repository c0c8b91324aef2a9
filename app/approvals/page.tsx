import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ApprovalsClient } from "./approvals-client";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  // Every page checks the role itself (lib/auth/page-guard.ts); the API behind it checks again.
  const principal = await requirePageRole("viewer");
  return <ApprovalsClient me={{ username: principal.username, role: principal.role }} />;
}
