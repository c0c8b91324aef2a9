import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/page-guard";
import { resetPermission } from "@/lib/auth/roles";
import { TASK_TYPES, type TaskTypeParam } from "@/lib/domain/api-constants";
import { findRegion } from "@/lib/domain/regions";
import { getDefaultRegion } from "@/lib/config/default-region";
import { JobDetailClient } from "./job-detail-client";

type Params = Promise<{ jobId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { jobId } = await params;
  return { title: `Task ${jobId}` };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function JobDetailPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const principal = await requirePageRole("viewer");
  const [{ jobId }, raw] = await Promise.all([params, searchParams]);
  const region = first(raw.region);
  const type = first(raw.type);
  return (
    <JobDetailClient
      jobId={jobId}
      region={region && findRegion(region) ? region : getDefaultRegion()}
      type={(TASK_TYPES as readonly string[]).includes(type ?? "") ? (type as TaskTypeParam) : "sync"}
      resetDeniedReason={resetPermission(principal.role).reason}
    />
  );
}
