import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/page-guard";
import { ResetsClient } from "./resets-client";

export const metadata: Metadata = { title: "Reset history" };

export default async function ResetsPage() {
  // Every page checks the role itself (lib/auth/page-guard.ts); the API behind it checks again.
  await requirePageRole("viewer");
  return <ResetsClient />;
}
