import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { requirePageRole } from "@/lib/auth/page-guard";
import { getStore } from "@/lib/db/connection";
import { listResets } from "@/lib/audit/reset-queries";
import { listResetsQuerySchema } from "@/lib/domain/api";
import { resetResultsOf } from "@/lib/reset/dto";
import type { ResetPage } from "@/lib/domain/reset-record";
import { newServerQueryClient, apiQueryParams } from "@/lib/client/query-client";
import { resetKeys } from "@/lib/client/reset-keys";
import { resetsListUrl } from "@/lib/client/reset-queries";
import { getAccountRegistry } from "@/lib/accounts/registry";
import { seedAccounts } from "@/lib/client/accounts";
import { ResetsClient } from "./resets-client";
import { parseResetsSearchParams } from "./search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Resets");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetsPage({ searchParams }: { searchParams: SearchParams }) {
  // Every page checks the role itself (lib/auth/page-guard.ts); the API behind it checks again.
  await requirePageRole("viewer");
  const state = parseResetsSearchParams(await searchParams);
  // The first page of the history comes with the page, read as GET /api/resets reads it (same
  // schema, same queries) and handed to the browser's query under its own key. A failure sends
  // nothing: the browser then asks the API and shows the error as before.
  const queryClient = newServerQueryClient();
  // The account column and filter show only when the console has several accounts.
  seedAccounts(queryClient, getAccountRegistry());
  await queryClient.prefetchQuery({
    queryKey: resetKeys.list(state),
    queryFn: async (): Promise<ResetPage> => {
      const { page, pageSize, ...filters } = listResetsQuerySchema.parse(apiQueryParams(resetsListUrl(state)));
      const store = await getStore();
      const { items, total } = await listResets(store, filters, page, pageSize);
      return { items: await resetResultsOf(store, items), page, pageSize, total };
    },
  });
  return (
    <ClientMessages namespaces={["Resets", "Console", "Roles", "Errors"]}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ResetsClient />
      </HydrationBoundary>
    </ClientMessages>
  );
}
