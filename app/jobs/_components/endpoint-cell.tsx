import type { TaskEndpoint } from "@/lib/domain/task";

function describe(endpoint: TaskEndpoint | null): { engine: string; instance: string } | null {
  if (!endpoint || Object.values(endpoint).every((v) => v === null || v === "")) return null;
  const instance = endpoint.instanceId ?? (endpoint.host ? `${endpoint.host}${endpoint.port ? `:${endpoint.port}` : ""}` : null);
  return { engine: endpoint.engine ?? endpoint.instanceType ?? "Unknown", instance: instance ?? "not reported" };
}

function Side({ endpoint, emptyLabel }: { endpoint: TaskEndpoint | null; emptyLabel: string }) {
  const described = describe(endpoint);
  // A task that is Not Configured has no endpoints yet; say so rather than "unknown".
  if (!described) return <span className="text-neutral-700">{emptyLabel}</span>;
  const { engine, instance } = described;
  return (
    <>
      <span className="font-medium text-neutral-900">{engine}</span>{" "}
      {/* No break inside an ID: the column grows to the longest ID rather than split one. */}
      <span className="font-mono text-xs whitespace-nowrap text-neutral-700">{instance}</span>
    </>
  );
}

/** "MySQL rm-… → PolarDB pc-…". The arrow is decorative; screen readers hear "to". */
export function EndpointCell({
  source,
  destination,
  changeTracking = false,
}: {
  source: TaskEndpoint | null;
  destination: TaskEndpoint | null;
  /** A change tracking task has no destination database: its consumers read the changes. */
  changeTracking?: boolean;
}) {
  const noDestination = changeTracking ? "change consumers (no destination database)" : "not configured";
  return (
    <div className="text-sm leading-snug">
      <div>
        <Side endpoint={source} emptyLabel="not configured" />
      </div>
      <div>
        <span aria-hidden="true" className="text-neutral-500">
          →{" "}
        </span>
        <span className="sr-only">to </span>
        <Side endpoint={destination} emptyLabel={noDestination} />
      </div>
    </div>
  );
}
