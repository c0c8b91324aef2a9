"use client";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { TASK_TYPES, type TaskTypeParam } from "@/lib/domain/api-constants";
import { useFormat } from "@/lib/client/format";
import { overviewHref } from "@/lib/client/hrefs";
import { overviewOptions } from "@/lib/client/overview";
import { oneOf, readParam } from "@/lib/client/url-state";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { LinkTabs } from "@/components/ui/tabs";
import { QueryErrorPanel } from "@/components/console/error-panel";
import { OverviewAccount } from "./_components/overview-account";

export function OverviewClient({ canReset }: { canReset: boolean }) {
  const t = useTranslations("Overview");
  const f = useFormat();
  const searchParams = useSearchParams();
  const type: TaskTypeParam = oneOf(readParam(searchParams, "type"), TASK_TYPES) ?? "sync";
  const overview = useQuery(overviewOptions(type));
  const data = overview.data;
  const typeLabel = (value: TaskTypeParam) => (value === "subscribe" ? t("typeSubscribe") : t("typeSync"));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold tracking-tight text-neutral-950">{t("title")}</h1>
        <p className="text-sm text-neutral-700">{t("intro")}</p>
      </div>

      <LinkTabs
        label={t("typeTabs")}
        tabs={TASK_TYPES.map((value) => ({ href: overviewHref(value), label: typeLabel(value), current: value === type }))}
      />

      <div className="flex flex-wrap items-center justify-between gap-2">
        {/* Polite: a refresh says when the new answer is in, without moving focus. */}
        <p className="text-sm text-neutral-700" role="status" aria-live="polite">
          {data ? (
            <span data-as-of={data.asOf}>
              {t.rich("asOf", { time: f.dateTime(data.asOf) ?? data.asOf, when: (chunks) => <time dateTime={data.asOf}>{chunks}</time> })}
            </span>
          ) : null}
          {overview.isFetching && data ? <span className="ml-2 text-neutral-600">{t("updating")}</span> : null}
        </p>
        <Button variant="secondary" onClick={() => void overview.refetch()} disabled={overview.isFetching}>
          {overview.isFetching ? <Spinner /> : null}
          {overview.isFetching ? t("refreshing") : t("refresh")}
        </Button>
      </div>

      {overview.error ? <QueryErrorPanel title={t("loadError")} query={overview} /> : null}

      {overview.isPending ? (
        <p className="flex items-center gap-2 py-10 text-sm text-neutral-700" aria-busy="true">
          <Spinner /> {t("loading", { type: typeLabel(type) })}
        </p>
      ) : null}

      {data
        ? data.accounts.map((account) => <OverviewAccount key={account.id} account={account} type={data.type} typeLabel={typeLabel(data.type)} canReset={canReset} />)
        : null}
    </div>
  );
}
