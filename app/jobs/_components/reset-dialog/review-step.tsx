import type { Direction, DtsTask } from "@/lib/domain/task";
import { RadioGroup, type RadioOption } from "@/components/ui/radio-group";
import { humanizeStatus } from "@/lib/domain/format";
import { ResetConsequences } from "./consequences";
import type { ResetTarget } from "@/lib/domain/reset-target";
import { TaskFacts } from "./task-facts";

function endpointLabel(target: ResetTarget): string {
  const side = (e: ResetTarget["source"]) => (e ? `${e.engine ?? "Unknown"} ${e.instanceId ?? e.host ?? ""}`.trim() : "Unknown");
  return `${side(target.source)} to ${side(target.destination)}`;
}

function directionOption(target: ResetTarget): RadioOption<Direction> {
  return {
    value: target.direction,
    label: target.direction,
    disabled: target.blockedReason !== null,
    description: (
      <>
        Wipes task <span className="font-mono">{target.jobId}</span> ({endpointLabel(target)}), currently{" "}
        <strong className="font-medium">{humanizeStatus(target.status)}</strong>.
        {target.blockedReason ? <span className="block text-neutral-800">{target.blockedReason}</span> : null}
      </>
    ),
  };
}

/** Step 1: check the task, choose the direction, read what the reset does. */
export function ResetReviewStep({
  task,
  targets,
  direction,
  onDirectionChange,
}: {
  task: DtsTask;
  targets: ResetTarget[];
  direction: Direction;
  onDirectionChange: (direction: Direction) => void;
}) {
  return (
    <div className="space-y-5">
      <section aria-labelledby="reset-task-heading">
        <h3 id="reset-task-heading" className="mb-2 text-sm font-semibold text-neutral-900">
          Task
        </h3>
        <TaskFacts task={task} />
      </section>
      <div>
        <RadioGroup
          legend="Direction"
          name="reset-direction"
          value={direction}
          options={targets.map(directionOption)}
          onChange={onDirectionChange}
        />
        {targets.length === 1 ? (
          <p className="mt-1.5 text-xs text-neutral-700">
            This is a one-way task, so only the Forward direction exists.
          </p>
        ) : null}
      </div>
      <ResetConsequences jobType={task.type} twoWay={task.twoWay} />
    </div>
  );
}
