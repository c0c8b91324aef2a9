import type { ReconfigurationRecord, ReconfigureProgress } from "@/lib/domain/reconfigure";
import { formatInstant } from "@/lib/domain/format";
import { StatusBadge } from "@/components/console/status-badge";

const PROGRESS_TEXT: Record<ReconfigureProgress, string> = {
  configuring: "Configuring the task",
  prechecking: "Precheck running",
  initializing: "Initializing (schema and full data)",
  synchronizing: "Synchronizing: the task runs again",
  precheck_failed: "Precheck failed",
  failed: "Failed",
};

const CALL_TEXT: Record<ReconfigurationRecord["status"], string> = {
  pending: "sent, waiting for DTS's answer",
  succeeded: "accepted by DTS",
  failed: "refused by DTS",
  unknown: "outcome unknown: the console is checking the task",
};

/** One reconfiguration: the ConfigureDtsJob call, the start, the precheck and where the task stands. */
export function ReconfigurationStatus({ record, headingLevel = 3 }: { record: ReconfigurationRecord; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="space-y-2 rounded-md border border-neutral-200 p-3" data-testid="reconfiguration" data-progress={record.progress}>
      <Heading className="text-sm font-semibold text-neutral-950">
        Reconfiguration of <time dateTime={record.requestedAt}>{formatInstant(record.requestedAt)}</time> by {record.actor}
      </Heading>
      <p role="status" aria-live="polite" className="text-sm font-medium text-neutral-900">
        {PROGRESS_TEXT[record.progress]}
        {record.taskStatus ? (
          <>
            {" "}
            <StatusBadge status={record.taskStatus} />
          </>
        ) : null}
      </p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-neutral-700">ConfigureDtsJob</dt>
        <dd>
          {CALL_TEXT[record.status]}
          {record.requestId ? (
            <>
              {" "}
              (RequestId <span className="font-mono text-xs break-all">{record.requestId}</span>)
            </>
          ) : null}
        </dd>
        {record.error ? (
          <>
            <dt className="text-neutral-700">DTS said</dt>
            <dd>
              {record.error.code ? <span className="font-mono text-xs">{record.error.code}: </span> : null}
              {record.error.message}
            </dd>
          </>
        ) : null}
        {record.reconciliationNote ? (
          <>
            <dt className="text-neutral-700">Checked</dt>
            <dd>{record.reconciliationNote}</dd>
          </>
        ) : null}
        {record.start ? (
          <>
            <dt className="text-neutral-700">StartDtsJob</dt>
            <dd>
              {record.start.status}
              {record.start.requestId ? (
                <>
                  {" "}
                  (RequestId <span className="font-mono text-xs break-all">{record.start.requestId}</span>)
                </>
              ) : null}
              {record.start.error?.message ? `: ${record.start.error.message}` : null}
            </dd>
          </>
        ) : null}
        <dt className="text-neutral-700">Task</dt>
        <dd className="font-mono text-xs break-all">{record.jobId}</dd>
      </dl>
      {record.precheck ? (
        <div className="space-y-1">
          <p className="text-sm text-neutral-800">
            Precheck: {record.precheck.state} ({record.precheck.total} items
            {record.precheck.failed.length ? `, ${record.precheck.failed.length} failed` : ""})
          </p>
          {record.precheck.failed.length ? (
            <ul aria-label="Failed precheck items" className="space-y-1">
              {record.precheck.failed.map((item) => (
                <li key={item.item} className="rounded border border-rose-300 bg-rose-50 px-2 py-1 text-sm text-rose-950">
                  <span className="font-mono text-xs font-semibold">{item.item}</span>: {item.message ?? "no message from DTS"}
                  {item.repairMethod ? <span className="block text-xs text-rose-900">How to fix: {item.repairMethod}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
