import type { DtsTaskDetail } from "@/lib/domain/task";
import { formatDateTime, formatDelay } from "@/lib/domain/format";
import { CopyButton } from "@/components/ui/copy-button";
import { DbObjectSummary } from "./db-object-summary";
import { EndpointDetails } from "@/components/console/endpoint-details";
import { JsonBlock } from "@/components/ui/json-block";
import { TitledBlock } from "@/components/console/titled-block";
import { StatusBadge } from "@/components/console/status-badge";

function MigrationModes({ modes }: { modes: Record<string, boolean> | null }) {
  if (!modes || Object.keys(modes).length === 0) return <p className="text-sm text-neutral-700">Not reported.</p>;
  return (
    <ul className="flex flex-wrap gap-1.5 text-sm">
      {Object.entries(modes).map(([mode, on]) => (
        <li key={mode} className="rounded-md border border-neutral-200 px-2 py-0.5">
          {/* Words, not a tick or colour, carry the on/off meaning. */}
          {mode.replace(/([a-z])([A-Z])/g, "$1 $2")}: <strong className="font-medium">{on ? "on" : "off"}</strong>
        </li>
      ))}
    </ul>
  );
}

/** Everything DescribeDtsJobDetail says about one direction: what a reset would wipe. */
export function DetailDirectionSection({ detail, title }: { detail: DtsTaskDetail; title: string }) {
  const headingId = `direction-${detail.direction.toLowerCase()}`;
  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-lg border border-neutral-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 id={headingId} className="text-base font-semibold text-neutral-950">
          {title}
        </h2>
        <StatusBadge status={detail.status} known={detail.statusKnown} />
        <span className="flex items-center font-mono text-xs text-neutral-700">
          {detail.jobId}
          <CopyButton value={detail.jobId} label={`${detail.direction} task ID`} />
        </span>
      </div>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)_max-content_minmax(0,1fr)]">
        <dt className="text-neutral-700">Created</dt>
        <dd>{formatDateTime(detail.createdAt) ?? "not reported"}</dd>
        <dt className="text-neutral-700">Finished</dt>
        <dd>{formatDateTime(detail.finishTime) ?? "not finished"}</dd>
        <dt className="text-neutral-700">Delay</dt>
        <dd>{formatDelay(detail.delay) ?? "not reported"}</dd>
        <dt className="text-neutral-700">Checkpoint</dt>
        <dd className="font-mono text-xs leading-5">{detail.checkpoint ?? "not reported"}</dd>
        <dt className="text-neutral-700">Billing</dt>
        <dd>{detail.payType ?? "not reported"}</dd>
        <dt className="text-neutral-700">Class</dt>
        <dd>{detail.jobClass ?? "not reported"}</dd>
        {detail.errorMessage ? (
          <>
            <dt className="text-neutral-700">Error</dt>
            <dd className="break-words text-rose-900 sm:col-span-3">{detail.errorMessage}</dd>
          </>
        ) : null}
      </dl>
      <div className="grid gap-3 md:grid-cols-2">
        <EndpointDetails title="Source" endpoint={detail.source} />
        <EndpointDetails title="Destination" endpoint={detail.destination} />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <TitledBlock title="Selected objects">
          <DbObjectSummary value={detail.dbObject} />
        </TitledBlock>
        <TitledBlock title="Migration mode">
          <MigrationModes modes={detail.migrationMode} />
        </TitledBlock>
      </div>
      <div className="space-y-2">
        <JsonBlock summary="Selected objects (DbObject JSON)" value={detail.dbObject ?? null} />
        <JsonBlock summary="Reserved settings (Reserved JSON)" value={detail.reserved ?? null} />
      </div>
    </section>
  );
}
