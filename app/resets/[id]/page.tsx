import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ResetDetailClient } from "./reset-detail-client";

type Params = Promise<{ id: string }>;

export const metadata: Metadata = { title: "Reset record" };

export default async function ResetDetailPage({ params }: { params: Params }) {
  // Every page checks the role itself (lib/auth/page-guard.ts); the API behind it checks again.
  await requirePageRole("viewer");
  const { id } = await params;
  return <ResetDetailClient id={id} />;
}
