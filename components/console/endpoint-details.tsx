import type { TaskEndpoint } from "@/lib/domain/task";

const FIELDS: Array<[keyof TaskEndpoint, string]> = [
  ["engine", "Engine"],
  ["instanceType", "Instance type"],
  ["instanceId", "Instance ID"],
  ["region", "Region"],
  ["host", "Host"],
  ["port", "Port"],
  ["database", "Database"],
  ["userName", "User"],
];

/** One side of a task, field by field; missing fields are said to be missing. */
export function EndpointDetails({ title, endpoint }: { title: string; endpoint: TaskEndpoint | null }) {
  return (
    <div className="rounded-md border border-neutral-200 p-3">
      <h3 className="text-sm font-semibold text-neutral-900">{title}</h3>
      {endpoint ? (
        <dl className="mt-1.5 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
          {FIELDS.map(([key, label]) => (
            <div key={key} className="contents">
              <dt className="text-neutral-700">{label}</dt>
              <dd className="font-mono text-xs leading-5 break-all text-neutral-950">
                {endpoint[key] ?? <span className="font-sans text-neutral-600">not reported</span>}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="mt-1 text-sm text-neutral-700">Not reported by DTS.</p>
      )}
    </div>
  );
}
