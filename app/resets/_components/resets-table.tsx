"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { ResetResult } from "@/lib/domain/reset-record";
import { ListTable } from "@/components/console/list-table";
import { useAccounts } from "@/lib/client/accounts";
import { ResetCard } from "./reset-card";
import { ResetRow } from "./reset-row";

// Alike JobsTable on purpose: both only give ListTable their columns, words and row.
export function ResetsTable(list: {
  caption: ReactNode;
  updating: boolean;
  items: ResetResult[] | undefined;
  loading: boolean;
  /** Where "Clear the filters" goes when filters hide every record; null when nothing is filtered. */
  clearFiltersHref: string | null;
}) {
  const t = useTranslations("Resets");
  // With several Alibaba Cloud accounts each record says which one it was made in.
  const { several } = useAccounts();
  const columns = [
    t("columnRequested"),
    t("columnTask"),
    ...(several ? [t("columnAccount")] : []),
    t("columnRegion"),
    t("columnDirection"),
    t("columnActor"),
    t("columnReason"),
    t("columnOutcome"),
    t("columnRequestId"),
  ];
  return (
    <ListTable
      {...list}
      columns={columns}
      noun={t("tableNoun")}
      loadingText={t("loading")}
      emptyText={t("empty")}
      renderRow={(reset) => <ResetRow key={reset.id} reset={reset} showAccount={several} />}
      renderCard={(reset) => <ResetCard key={reset.id} reset={reset} showAccount={several} />}
    />
  );
}
