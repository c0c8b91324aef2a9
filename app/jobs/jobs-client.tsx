"use client";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import type { DtsTask } from "@/lib/domain/task";
import { LIST_PAGE_SIZES, typeParamOf } from "@/lib/domain/api-constants";
import { jobsHref } from "@/lib/client/hrefs";
import { jobKeys } from "@/lib/client/job-keys";
import { jobsListOptions } from "@/lib/client/job-queries";
import { useAccounts } from "@/lib/client/accounts";
import { useFormat, useStatusLabel } from "@/lib/client/format";
import type { ResetResult } from "@/lib/domain/reset-record";
import { LinkTabs } from "@/components/ui/tabs";
import { useToast } from "@/components/ui/toast";
import { QueryErrorPanel } from "@/components/console/error-panel";
import { ListPagination } from "@/components/console/list-pagination";
import { JobsTable } from "./_components/jobs-table";
import { JobsToolbar } from "./_components/jobs-toolbar";
import { ListFreshness, UnreadableItems } from "./_components/list-freshness";
import { LazyResetDialog } from "./_components/reset-dialog/lazy-reset-dialog";
import { ResetResultPanel } from "./_components/reset-dialog/result-panel";
import { useResetToast } from "./_components/reset-dialog/reset-toast";
import type { FollowRequest } from "./_components/use-follow-task";
import { useResetDialog } from "./_components/reset-dialog/use-reset-dialog";
import { BulkKitContext, useBulkKit } from "./_components/bulk-kit-context";
import { parseJobsSearchParams, type JobsSearchState } from "./search-params";

const BACKGROUND_REFRESH_MS = 15_000;

export function JobsClient({
  defaultRegion,
  resetDeniedReason,
}: {
  defaultRegion: string;
  /** From the signed-in role (resetPermission): a viewer sees every Reset disabled, with this reason. */
  resetDeniedReason: string | null;
}) {
  const t = useTranslations("Jobs");
  const f = useFormat();
  const statusLabel = useStatusLabel();
  const typeLabel = (type: "sync" | "subscribe") => (type === "subscribe" ? t("typeSubscribe") : t("typeSync"));
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const resetToast = useResetToast();
  const state = parseJobsSearchParams(searchParams, defaultRegion);
  const accounts = useAccounts();
  // Named wherever the tasks are described when the console has several accounts; a one-account
  // console reads as it always has.
  const accountName = accounts.several ? accounts.nameOf(accounts.resolve(state.account) ?? "") : null;

  const [lastResult, setLastResult] = useState<ResetResult | null>(null);
  const [follows, setFollows] = useState<Record<string, FollowRequest>>({});

  const onResetSucceeded = useCallback((result: ResetResult) => {
    setLastResult(result);
    toast(resetToast(result));
    setFollows((all) => ({
      ...all,
      [result.instanceId]: {
        account: result.account,
        instanceId: result.instanceId,
        region: result.region,
        type: typeParamOf(result.jobType),
        direction: result.direction,
        startedAt: Date.now(),
      },
    }));
  }, [toast, resetToast, setLastResult, setFollows]);
  const reset = useResetDialog(onResetSucceeded);

  // The bulk reset (issue 22): only a role that may reset chooses tasks. Its checkboxes, bar and
  // dialog come after hydration (bulk-kit-context.tsx), not with the list's first paint.
  const canReset = resetDeniedReason === null;
  const kit = useBulkKit(canReset);
  const [bulkOpen, setBulkOpen] = useState(false);

  const list = useQuery({
    ...jobsListOptions(state),
    // Keep the rows on screen while the next page or filter loads, so the table does not jump.
    placeholderData: keepPreviousData,
    // Paused while the dialog is open: the operator is reading one task, leave it still.
    refetchInterval: reset.task || bulkOpen ? false : BACKGROUND_REFRESH_MS,
  });

  // Filter changes go through the native history API, which Next.js syncs with useSearchParams:
  // the URL changes at once and no server round trip is made. Reading the address at call time
  // (not the render's state) means two quick changes (region, then status) both stick.
  const navigate = useCallback(
    (patch: Partial<JobsSearchState>) => {
      const current = parseJobsSearchParams(new URLSearchParams(window.location.search), defaultRegion);
      window.history.pushState(null, "", jobsHref({ ...current, ...patch }));
    },
    [defaultRegion],
  );

  const onFollowDone = useCallback(
    async (instanceId: string, job: DtsTask) => {
      setLastResult((result) => (result && result.instanceId === instanceId ? { ...result, jobIdAfter: job.jobId } : result));
      await queryClient.invalidateQueries({ queryKey: jobKeys.lists() });
      setFollows((all) => Object.fromEntries(Object.entries(all).filter(([key]) => key !== instanceId)));
    },
    [queryClient, setFollows, setLastResult],
  );


  const regionName = f.region(state.region);
  const filtered = state.status !== null || state.q !== "";
  const data = list.data;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold tracking-tight text-neutral-950">{t("title")}</h1>
        <p className="text-sm text-neutral-700">
          {accountName ? t("introAccount", { region: regionName, account: accountName }) : t("intro", { region: regionName })}
        </p>
      </div>

      <LinkTabs
        label={t("typeTabs")}
        tabs={(["sync", "subscribe"] as const).map((type) => ({
          href: jobsHref({ ...state, type, status: null, page: 1 }),
          label: typeLabel(type),
          current: state.type === type,
        }))}
      />

      <JobsToolbar
        state={state}
        accounts={accounts}
        onChange={navigate}
        onRefresh={() => void list.refetch()}
        refreshing={list.isFetching}
      />

      {lastResult ? <ResetResultPanel result={lastResult} onDismiss={() => setLastResult(null)} headingRef={reset.resultHeadingRef} /> : null}

      {list.error ? <QueryErrorPanel title={t("listError")} query={list} /> : null}

      <ListFreshness freshness={data?.freshness} />
      <UnreadableItems items={data?.unreadable} />

      {/* Its room is kept until the kit is in, so the table does not move down under the pointer. */}
      {canReset && data && data.items.length > 0 ? <div className="min-h-9">{kit ? <kit.SelectPage tasks={data.items} /> : null}</div> : null}

      {!list.error || data ? (
        <BulkKitContext.Provider value={kit}>
          <JobsTable
            caption={
              <>
                {accountName
                  ? t("captionAccount", { type: typeLabel(state.type), region: regionName, account: accountName })
                  : t("caption", { type: typeLabel(state.type), region: regionName })}
                {state.status ? t("captionStatus", { status: statusLabel(state.status) }) : ""}
                {state.q ? t("captionQuery", { q: state.q }) : ""}
              </>
            }
            updating={list.isFetching && data !== undefined}
            items={data?.items}
            loading={list.isPending}
            clearFiltersHref={filtered ? `${pathname}?${new URLSearchParams({ ...(state.account ? { account: state.account } : {}), region: state.region, type: state.type })}` : null}
            follows={follows}
            resetDeniedReason={resetDeniedReason}
            onReset={reset.open}
            onFollowDone={onFollowDone}
            selectable={canReset}
          />
        </BulkKitContext.Provider>
      ) : null}

      {data ? (
        // DTS does the paging, not the browser: each page is one DescribeDtsJobs call.
        <ListPagination state={state} total={data.total} pageSizes={LIST_PAGE_SIZES} noun={t("paginationNoun")} idPrefix="jobs" href={jobsHref} onChange={navigate} />
      ) : null}

      {kit ? <kit.SelectionBar pageItems={list.isPlaceholderData ? undefined : data?.items} onOpenChange={setBulkOpen} /> : null}

      <LazyResetDialog {...reset.dialogProps} />
    </div>
  );
}
