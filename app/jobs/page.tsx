import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { requirePageRole } from "@/lib/auth/page-guard";
import { resetPermission } from "@/lib/domain/roles";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { resetDeniedText } from "./reset-denied";
import { getDefaultRegion } from "@/lib/config/env";
import { getAccountRegistry } from "@/lib/accounts/registry";
import { seedAccounts } from "@/lib/client/accounts";
import { JobsClient } from "./jobs-client";
import { serializeJobsSearch } from "@/lib/client/hrefs";
import { newServerQueryClient } from "@/lib/client/query-client";
import { parseJobsSearchParams } from "./search-params";
import { prefetchTaskList } from "./server-prefetch";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Jobs");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function JobsPage({ searchParams }: { searchParams: SearchParams }) {
  // Every page checks the role itself (lib/auth/page-guard.ts): a viewer may look, not reset.
  const principal = await requirePageRole("viewer");
  const raw = await searchParams;
  const defaultRegion = getDefaultRegion();
  // Write the region and type into the address of a bare /jobs, so that what the operator
  // copies from the address bar is a link that opens the same view for anyone.
  // With several Alibaba Cloud accounts the account is written in too: a link names the account
  // it was copied in, whatever the recipient's default. A one-account console keeps its addresses.
  const state = parseJobsSearchParams(raw, defaultRegion);
  const queryClient = newServerQueryClient();
  const accounts = seedAccounts(queryClient, getAccountRegistry());
  const nameAccount = accounts.items.length > 1 && state.account === null;
  if (!raw.region || !raw.type || nameAccount) {
    redirect(`/jobs?${serializeJobsSearch({ ...state, account: state.account ?? (nameAccount ? accounts.defaultAccount : null) })}`);
  }
  // The first page of tasks comes with the page: read here, on the server, and handed to the
  // browser's query (server-prefetch.ts). A failure sends nothing, and the browser asks the API.
  await prefetchTaskList(queryClient, state);
  return (
    <ClientMessages namespaces={["Jobs", "Console", "Status", "Errors", "ResetDialog", "Bulk", "Runbook"]}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <JobsClient
          defaultRegion={defaultRegion}
          resetDeniedReason={resetPermission(principal.role).canReset ? null : await resetDeniedText(principal.role)}
        />
      </HydrationBoundary>
    </ClientMessages>
  );
}
