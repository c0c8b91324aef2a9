import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/page-guard";
import { resetPermission } from "@/lib/domain/roles";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { resetDeniedText } from "../reset-denied";
import { getDefaultRegion } from "@/lib/config/env";
import { getAccountRegistry } from "@/lib/accounts/registry";
import { seedAccounts } from "@/lib/client/accounts";
import { newServerQueryClient } from "@/lib/client/query-client";
import { parseTaskScope } from "../search-params";
import { prefetchTaskDetail } from "../server-prefetch";
import { JobDetailClient } from "./job-detail-client";

type Params = Promise<{ jobId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [{ jobId }, t] = await Promise.all([params, getTranslations("JobDetail")]);
  return { title: t("title", { jobId }) };
}

export default async function JobDetailPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const principal = await requirePageRole("viewer");
  const [{ jobId }, raw] = await Promise.all([params, searchParams]);
  const { account, region, type } = parseTaskScope(raw, getDefaultRegion());
  // The task and its detail come with the page (server-prefetch.ts); a failure (an unknown task,
  // DTS refusing) sends nothing, and the browser asks the API and shows the error as before.
  const queryClient = newServerQueryClient();
  seedAccounts(queryClient, getAccountRegistry());
  await prefetchTaskDetail(queryClient, { account, jobId, region, type });
  return (
    <ClientMessages namespaces={["Jobs", "JobDetail", "Console", "Status", "Errors", "ResetDialog", "Runbook"]}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <JobDetailClient
          account={account}
          jobId={jobId}
          region={region}
          type={type}
          resetDeniedReason={resetPermission(principal.role).canReset ? null : await resetDeniedText(principal.role)}
        />
      </HydrationBoundary>
    </ClientMessages>
  );
}
