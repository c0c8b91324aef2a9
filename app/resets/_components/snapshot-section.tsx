import { canonicalStatus } from "@/lib/domain/status";
import { humanizeStatus } from "@/lib/domain/format";
import type { ResetDetail } from "@/lib/domain/reset-record";
import type { SnapshotView } from "@/lib/client/reset-snapshot";
import { EndpointDetails } from "@/components/console/endpoint-details";
import { DbSelection } from "./db-selection";
import { Section } from "./fact-list";
import { JsonBlock } from "@/components/ui/json-block";
import { TitledBlock } from "@/components/console/titled-block";
import { MigrationModes, ReservedOptions } from "./snapshot-options";

/**
 * The task as DTS described it just before the reset: exactly what the reset destroyed. Laid out
 * like the task page's DetailDirectionSection on purpose: the same facts, as they were then.
 */
export function SnapshotSection({ reset, snapshot }: { reset: ResetDetail; snapshot: SnapshotView }) {
  // DTS writes some statuses in lower case in DescribeDtsJobDetail ("synchronizing").
  const status = snapshot.status ? humanizeStatus(canonicalStatus(snapshot.status).status) : null;
  return (
    <Section
      id="record-snapshot"
      title="Before the reset"
      description={`The ${reset.direction} task as DTS described it just before the reset${status ? ` (its status then: ${status})` : ""}.`}
    >
      {!snapshot.present ? <p className="text-sm text-neutral-700">This record holds no snapshot.</p> : null}
      <div className="grid gap-3 md:grid-cols-2">
        <EndpointDetails title="Source" endpoint={snapshot.source} />
        <EndpointDetails title="Destination" endpoint={snapshot.destination} />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-4">
          <TitledBlock title="Selected databases and tables">
            <DbSelection dbObject={snapshot.dbObject} />
          </TitledBlock>
          <TitledBlock title="Migration modes">
            <MigrationModes modes={snapshot.migrationMode} />
          </TitledBlock>
        </div>
        <TitledBlock title="Reserved options">
          <ReservedOptions reserved={snapshot.reserved} />
        </TitledBlock>
      </div>
      <div className="space-y-2">
        <JsonBlock summary="Raw JSON: DescribeDtsJobDetail before the reset" value={reset.snapshot.detail} />
        <JsonBlock summary="Raw JSON: DescribeDtsJobs item before the reset" value={reset.snapshot.job} />
      </div>
    </Section>
  );
}
