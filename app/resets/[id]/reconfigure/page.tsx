import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/domain/roles";
import { ReconfigureClient } from "./reconfigure-client";

type Params = Promise<{ id: string }>;

export const metadata: Metadata = { title: "Reconfigure from snapshot" };

export default async function ReconfigurePage({ params }: { params: Params }) {
  // Viewers may follow a reconfiguration; only operators get the form (the API checks again).
  const principal = await requirePageRole("viewer");
  const { id } = await params;
  return <ReconfigureClient id={id} canConfigure={hasRole(principal.role, "operator")} />;
}
