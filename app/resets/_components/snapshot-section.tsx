"use client";
import { useTranslations } from "next-intl";
import type { ResetDetail } from "@/lib/domain/reset-record";
import { readSnapshot } from "@/lib/client/reset-snapshot";
import { useStatusLabel } from "@/lib/client/format";
import { EndpointDetails } from "@/components/console/endpoint-details";
import { DbSelection } from "./db-selection";
import { Section } from "./fact-list";
import { JsonBlock } from "@/components/ui/json-block";
import { TitledBlock } from "@/components/console/titled-block";
import { MigrationModes } from "@/components/console/migration-modes";
import { ReservedOptions } from "./snapshot-options";
import { SnapshotAlerts } from "./snapshot-alerts";
import { useDirectionLabel } from "./words";

/**
 * The task as DTS described it just before the reset: exactly what the reset destroyed. Laid out
 * like the task page's DetailDirectionSection on purpose: the same facts, as they were then.
 */
export function SnapshotSection({ reset }: { reset: ResetDetail }) {
  const t = useTranslations("ResetDetail");
  const snapshot = readSnapshot(reset);
  const statusLabel = useStatusLabel();
  const direction = useDirectionLabel()(reset.direction);
  // DTS writes some statuses in lower case in DescribeDtsJobDetail ("synchronizing"): the label reads either.
  const status = snapshot.status ? statusLabel(snapshot.status) : null;
  return (
    <Section
      id="record-snapshot"
      title={t("snapshotTitle")}
      description={status ? t("snapshotDescriptionWithStatus", { direction, status }) : t("snapshotDescription", { direction })}
    >
      {!snapshot.present ? <p className="text-sm text-neutral-700">{t("snapshotNone")}</p> : null}
      <div className="grid gap-3 md:grid-cols-2">
        <EndpointDetails title={t("snapshotSource")} endpoint={snapshot.source} />
        <EndpointDetails title={t("snapshotDestination")} endpoint={snapshot.destination} />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-4">
          <TitledBlock title={t("snapshotObjects")}>
            <DbSelection dbObject={snapshot.dbObject} />
          </TitledBlock>
          <TitledBlock title={t("snapshotModes")}>
            <MigrationModes modes={snapshot.migrationMode} emptyText={t("notInSnapshot")} />
          </TitledBlock>
        </div>
        <div className="space-y-4">
          <TitledBlock title={t("snapshotReserved")}>
            <ReservedOptions reserved={snapshot.reserved} />
          </TitledBlock>
          <TitledBlock title={t("snapshotAlerts")}>
            <SnapshotAlerts alerts={reset.snapshot.alerts} />
          </TitledBlock>
        </div>
      </div>
      <div className="space-y-2">
        <JsonBlock summary={t("snapshotRawDetail")} value={reset.snapshot.detail} />
        <JsonBlock summary={t("snapshotRawJob")} value={reset.snapshot.job} />
        {reset.snapshot.alerts ? <JsonBlock summary={t("snapshotRawAlerts")} value={reset.snapshot.alerts} /> : null}
      </div>
    </Section>
  );
}
