import { resetBlockedReason } from "@/lib/domain/status";
import type { Direction, DtsTask, TaskEndpoint } from "@/lib/domain/task";

/** One half of a task that a reset can wipe: Forward is the task itself, Reverse its reverse task. */
export interface ResetTarget {
  direction: Direction;
  /** The ID the operator must type to confirm: the ID of the task that will be wiped. */
  jobId: string;
  status: string;
  statusKnown: boolean;
  blockedReason: string | null;
  source: TaskEndpoint | null;
  destination: TaskEndpoint | null;
}

/** Forward always; Reverse only for a two-way task whose reverse half DTS reported. */
export function resetTargets(task: DtsTask): ResetTarget[] {
  const targets: ResetTarget[] = [
    {
      direction: "Forward",
      jobId: task.jobId,
      status: task.status,
      statusKnown: task.statusKnown,
      blockedReason: resetBlockedReason(task.status),
      source: task.source,
      destination: task.destination,
    },
  ];
  if (task.twoWay && task.reverse) {
    targets.push({
      direction: "Reverse",
      jobId: task.reverse.jobId,
      status: task.reverse.status,
      statusKnown: task.reverse.statusKnown,
      blockedReason: resetBlockedReason(task.reverse.status),
      source: task.reverse.source ?? task.destination,
      destination: task.reverse.destination ?? task.source,
    });
  }
  return targets;
}

/**
 * Why the row's Reset button is disabled, or null. A two-way task stays resettable while either
 * half can be reset; the dialog then disables the half that cannot.
 */
export function taskBlockedReason(task: DtsTask): string | null {
  const targets = resetTargets(task);
  if (targets.some((t) => t.blockedReason === null)) return null;
  return targets[0]?.blockedReason ?? null;
}
