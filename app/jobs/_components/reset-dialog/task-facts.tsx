"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { DtsTask } from "@/lib/domain/task";
import { findRegion } from "@/lib/domain/regions";
import { useFormat } from "@/lib/client/format";
import { useAccounts } from "@/lib/client/accounts";
import { EndpointCell } from "../endpoint-cell";
import { StatusBadge } from "@/components/console/status-badge";

function Fact({ term, children }: { term: ReactNode; children: ReactNode }) {
  return (
    <>
      <dt className="text-neutral-700">{term}</dt>
      <dd className="min-w-0 text-neutral-950">{children}</dd>
    </>
  );
}

/** "Source → destination", heard as "Source to destination". */
export function SourceToDestination() {
  const t = useTranslations("ResetDialog");
  return (
    <>
      <span aria-hidden="true">{t("sourceToDestination")}</span>
      <span className="sr-only">{t("sourceToDestinationSpoken")}</span>
    </>
  );
}

/**
 * The identity of a task, as the operator should check it before a reset; with several Alibaba
 * Cloud accounts, the account first (the same task ID can live in two of them).
 */
export function TaskFacts({ task }: { task: DtsTask }) {
  const t = useTranslations("ResetDialog");
  const f = useFormat();
  const accounts = useAccounts();
  const account = accounts.resolve(task.account ?? null);
  const known = findRegion(task.region) !== undefined;
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
      {accounts.several && account ? (
        <Fact term={t("factAccount")}>
          <span className="font-medium" data-account={account}>
            {t("accountValue", { name: accounts.nameOf(account), id: account })}
          </span>
        </Fact>
      ) : null}
      <Fact term={t("factName")}>
        <span className="font-medium">{task.name}</span>
      </Fact>
      <Fact term={t("factTaskId")}>
        <span className="font-mono break-all">{task.jobId}</span>
      </Fact>
      <Fact term={t("factInstanceId")}>
        <span className="font-mono break-all">{task.instanceId}</span>
      </Fact>
      <Fact term={t("factRegion")}>{known ? t("regionValue", { label: f.region(task.region), id: task.region }) : task.region}</Fact>
      <Fact term={t("factType")}>{task.type === "SUBSCRIBE" ? t("typeChangeTracking") : t("typeSynchronization")}</Fact>
      <Fact term={t("factStatus")}>
        <StatusBadge status={task.status} known={task.statusKnown} />
      </Fact>
      <Fact term={t("factTopology")}>{task.twoWay ? t("topologyTwoWay") : t("topologyOneWay")}</Fact>
      <Fact term={<SourceToDestination />}>
        <EndpointCell source={task.source} destination={task.destination} changeTracking={task.type === "SUBSCRIBE"} />
      </Fact>
    </dl>
  );
}
