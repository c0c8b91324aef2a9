import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/page-guard";
import { resetPermission } from "@/lib/domain/roles";
import { getDefaultRegion } from "@/lib/config/default-region";
import { parseTaskScope } from "../search-params";
import { JobDetailClient } from "./job-detail-client";

type Params = Promise<{ jobId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { jobId } = await params;
  return { title: `Task ${jobId}` };
}

export default async function JobDetailPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const principal = await requirePageRole("viewer");
  const [{ jobId }, raw] = await Promise.all([params, searchParams]);
  const { region, type } = parseTaskScope(raw, getDefaultRegion());
  return (
    <JobDetailClient
      jobId={jobId}
      region={region}
      type={type}
      resetDeniedReason={resetPermission(principal.role).reason}
    />
  );
}
