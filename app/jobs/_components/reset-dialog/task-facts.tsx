import type { ReactNode } from "react";
import type { DtsTask } from "@/lib/domain/task";
import { findRegion } from "@/lib/domain/regions";
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
  return (
    <>
      <span aria-hidden="true">Source → destination</span>
      <span className="sr-only">Source to destination</span>
    </>
  );
}

/** The identity of a task, as the operator should check it before a reset. */
export function TaskFacts({ task }: { task: DtsTask }) {
  const region = findRegion(task.region);
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
      <Fact term="Name">
        <span className="font-medium">{task.name}</span>
      </Fact>
      <Fact term="Task ID">
        <span className="font-mono break-all">{task.jobId}</span>
      </Fact>
      <Fact term="Instance ID">
        <span className="font-mono break-all">{task.instanceId}</span>
      </Fact>
      <Fact term="Region">{region ? `${region.label} (${region.id})` : task.region}</Fact>
      <Fact term="Type">{task.type === "SUBSCRIBE" ? "Change tracking" : "Data synchronization"}</Fact>
      <Fact term="Status">
        <StatusBadge status={task.status} known={task.statusKnown} />
      </Fact>
      <Fact term="Topology">{task.twoWay ? "Two-way" : "One-way"}</Fact>
      <Fact term={<SourceToDestination />}>
        <EndpointCell source={task.source} destination={task.destination} changeTracking={task.type === "SUBSCRIBE"} />
      </Fact>
    </dl>
  );
}
