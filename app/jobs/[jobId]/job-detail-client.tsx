"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import type { TaskTypeParam } from "@/lib/domain/api-constants";
import { jobDetailHref, jobsHref } from "@/lib/client/hrefs";
import { jobDetailOptions } from "@/lib/client/job-queries";
import { useFormat } from "@/lib/client/format";
import { useAccounts } from "@/lib/client/accounts";
import type { ResetResult } from "@/lib/domain/reset-record";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { DetailDirectionSection } from "../_components/detail-direction-section";
import { QueryErrorPanel } from "@/components/console/error-panel";
import { FollowStatus } from "../_components/follow-status";
import { LazyResetDialog } from "../_components/reset-dialog/lazy-reset-dialog";
import { ResetResultPanel } from "../_components/reset-dialog/result-panel";
import { useResetToast } from "../_components/reset-dialog/reset-toast";
import { StatusBadge } from "@/components/console/status-badge";
import { TaskResetHistory } from "../_components/task-reset-history";
import { TopologyCell } from "../_components/topology-cell";
import { useTaskBlockedReason } from "../_components/task-facts";
import { useFollowTask, type FollowRequest } from "../_components/use-follow-task";
import { useResetDialog } from "../_components/reset-dialog/use-reset-dialog";

export function JobDetailClient({
  account,
  jobId,
  region,
  type,
  resetDeniedReason,
}: {
  /** From the address (?account=); null: the console's default account. */
  account: string | null;
  jobId: string;
  region: string;
  type: TaskTypeParam;
  /** From the signed-in role (resetPermission), as on the list. */
  resetDeniedReason: string | null;
}) {
  const t = useTranslations("JobDetail");
  const jobsT = useTranslations("Jobs");
  const f = useFormat();
  const taskBlockedReason = useTaskBlockedReason();
  const router = useRouter();
  const { toast } = useToast();
  const resetToast = useResetToast();
  const [lastResult, setLastResult] = useState<ResetResult | null>(null);
  const [follow, setFollow] = useState<FollowRequest | null>(null);

  const onSucceeded = useCallback(
    (result: ResetResult) => {
      setLastResult(result);
      toast(resetToast(result));
      setFollow({ account: result.account, instanceId: result.instanceId, region, type, direction: result.direction, startedAt: Date.now() });
    },
    [region, type, toast, resetToast],
  );
  const reset = useResetDialog(onSucceeded);
  const detail = useQuery({ ...jobDetailOptions({ account, jobId, region, type }), refetchInterval: reset.task ? false : 15_000 });
  const { job: followed, phase } = useFollowTask(follow);

  // DTS may recreate the task under a new ID: once the follow finds it, move the page there.
  useEffect(() => {
    if (phase === "done" && followed && followed.jobId !== jobId) {
      router.replace(jobDetailHref(followed.jobId, region, type, account));
    } else if (phase === "done") {
      void detail.refetch();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to the follow finishing only
  }, [phase]);

  const accounts = useAccounts();
  const backHref = jobsHref({ account, region, type });
  const back = (
    <Link href={backHref} className="text-sm text-blue-700 underline underline-offset-2">
      {type === "subscribe" ? t("backSubscribe", { region: f.region(region) }) : t("backSync", { region: f.region(region) })}
    </Link>
  );

  if (detail.isPending) {
    return (
      <div className="space-y-4">
        {back}
        <h1 className="text-xl font-semibold text-neutral-950">{t("title", { jobId })}</h1>
        <p className="flex items-center gap-2 text-sm text-neutral-700">
          <Spinner /> {t("loading")}
        </p>
      </div>
    );
  }

  if (detail.isError && !detail.data) {
    return (
      <div className="space-y-4">
        {back}
        <h1 className="text-xl font-semibold text-neutral-950">{t("title", { jobId })}</h1>
        <QueryErrorPanel title={t("loadError")} query={detail} />
        <p className="text-sm text-neutral-700">{t("loadErrorHint")}</p>
      </div>
    );
  }

  const { job, detail: directions } = detail.data;
  const task = followed ?? job;
  const blockedReason = resetDeniedReason ?? taskBlockedReason(task);

  return (
    <div className="space-y-5">
      {back}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1.5">
          <h1 className="text-xl font-semibold break-words text-neutral-950">{task.name}</h1>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-neutral-800">
            <span className="flex items-center">
              <span className="mr-1 text-neutral-700">{t("taskId")}</span>
              <span className="font-mono">{task.jobId}</span>
              <CopyButton value={task.jobId} label={t("copyTaskId")} />
            </span>
            <span className="flex items-center">
              <span className="mr-1 text-neutral-700">{t("instanceId")}</span>
              <span className="font-mono">{task.instanceId}</span>
              <CopyButton value={task.instanceId} label={t("copyInstanceId")} />
            </span>
            {accounts.several ? (
              <span data-account={accounts.resolve(account)}>{t("account", { name: accounts.nameOf(task.account ?? accounts.resolve(account) ?? "") })}</span>
            ) : null}
            <span>{f.region(task.region)}</span>
            <span>{task.type === "SUBSCRIBE" ? jobsT("typeSubscribe") : jobsT("typeSync")}</span>
          </div>
          <div className="flex flex-wrap items-start gap-4">
            <div>
              <StatusBadge status={task.status} known={task.statusKnown} />
              <FollowStatus phase={phase} />
            </div>
            <TopologyCell task={task} />
          </div>
        </div>
        <div className="w-60 text-right">
          <Button
            variant="destructive"
            onClick={() => reset.open(task)}
            disabled={blockedReason !== null || phase === "waiting"}
            aria-label={jobsT("resetTask", { name: task.name })}
            aria-describedby={blockedReason ? "detail-reset-blocked" : undefined}
          >
            {jobsT("resetButton")}
          </Button>
          {blockedReason ? (
            <p id="detail-reset-blocked" className="mt-1 text-left text-xs text-neutral-700">
              {blockedReason}
            </p>
          ) : null}
        </div>
      </div>

      {lastResult ? (
        <ResetResultPanel result={lastResult} onDismiss={() => setLastResult(null)} headingRef={reset.resultHeadingRef} />
      ) : null}
      {detail.isError ? <QueryErrorPanel title={t("refreshError")} query={detail} /> : null}

      <DetailDirectionSection detail={directions.forward} title={job.twoWay ? t("forwardTask") : t("taskConfiguration")} />
      {directions.reverse ? <DetailDirectionSection detail={directions.reverse} title={t("reverseTask")} /> : null}

      <section aria-labelledby="reset-history-heading" className="rounded-lg border border-neutral-200 bg-white p-4">
        <h2 id="reset-history-heading" className="mb-2 text-base font-semibold text-neutral-950">
          {t("resetHistory")}
        </h2>
        <TaskResetHistory instanceId={task.instanceId} account={task.account} />
      </section>

      <LazyResetDialog {...reset.dialogProps} />
    </div>
  );
}
