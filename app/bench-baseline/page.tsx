import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/page-guard";

// The browser benchmark's baseline (bench/lib/browser.ts): the smallest page of this build. One
// <h1>, no data, no client component of its own, and the same role check every console page makes,
// so "navigation to h1 visible" here is what the shell costs (root layout, framework chunks, the
// session lookup) and the task list's own cost is the difference.
export const metadata: Metadata = { title: "Benchmark baseline" };

export default async function BenchBaselinePage() {
  await requirePageRole("viewer");
  return <h1 className="text-lg font-semibold">Benchmark baseline</h1>;
}
