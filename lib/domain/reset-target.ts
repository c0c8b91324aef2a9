// Which task a reset wipes, and whether DTS would let it: one rule for the dialog, the server's
// re-check (lib/reset/target.ts) and the reconciler (lib/reset/reconcile.ts). Safe for the
// browser, and free of zod so the task list can use it without the dialog's weight.
import { resetBlockedCode, resetBlockedReason, type ResetBlockedCode } from "./status";
import { DIRECTIONS, type Direction, type DtsTask, type TaskEndpoint } from "./task";

/** One half of a task that a reset can wipe: Forward is the task itself, Reverse its reverse task. */
export interface ResetTarget {
  direction: Direction;
  /** The task the direction wipes, and the ID the operator must type to confirm. */
  jobId: string;
  status: string;
  statusKnown: boolean;
  /** Why DTS would refuse to reset it in its current status (English, for the API), or null when it would not. */
  blockedReason: string | null;
  /** The same, as a code the browser shows in the reader's language (null exactly when blockedReason is). */
  blockedCode: ResetBlockedCode | null;
  source: TaskEndpoint | null;
  destination: TaskEndpoint | null;
}

/**
 * The task that direction `direction` of `task` wipes: Forward always; Reverse only for a two-way
 * task whose reverse half DTS reported, else null (there is nothing to wipe in that direction).
 */
export function directionTarget(task: DtsTask, direction: Direction): ResetTarget | null {
  if (direction === "Forward") {
    return {
      direction,
      jobId: task.jobId,
      status: task.status,
      statusKnown: task.statusKnown,
      blockedReason: resetBlockedReason(task.status),
      blockedCode: resetBlockedCode(task.status),
      source: task.source,
      destination: task.destination,
    };
  }
  if (!task.twoWay || !task.reverse) return null;
  return {
    direction,
    jobId: task.reverse.jobId,
    status: task.reverse.status,
    statusKnown: task.reverse.statusKnown,
    blockedReason: resetBlockedReason(task.reverse.status),
    blockedCode: resetBlockedCode(task.reverse.status),
    // Where DTS does not report the reverse half's endpoints, they are the forward task's, swapped.
    source: task.reverse.source ?? task.destination,
    destination: task.reverse.destination ?? task.source,
  };
}

/** Every half of the task a reset could wipe, Forward first. */
export function resetTargets(task: DtsTask): ResetTarget[] {
  return DIRECTIONS.flatMap((direction) => directionTarget(task, direction) ?? []);
}

/**
 * Why a task's Reset button is disabled, or null. A two-way task stays resettable while either
 * half can be reset; the dialog then disables the half that cannot.
 */
export function taskBlockedReason(task: DtsTask): string | null {
  const targets = resetTargets(task);
  if (targets.some((t) => t.blockedReason === null)) return null;
  return targets[0]?.blockedReason ?? null;
}

/**
 * taskBlockedReason as a code, with the status it is about (the `status` of an unknown one is
 * shown as DTS sent it), for the browser to say in the reader's language; null when not blocked.
 */
export function taskBlockedCode(task: DtsTask): { code: ResetBlockedCode; status: string } | null {
  const targets = resetTargets(task);
  if (targets.some((t) => t.blockedCode === null)) return null;
  const first = targets[0];
  return first?.blockedCode ? { code: first.blockedCode, status: first.status } : null;
}
