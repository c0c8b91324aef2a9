import "server-only";
import { confirmationMatches, type ResetRequest } from "@/lib/domain/reset";
import { directionTarget, type ResetTarget } from "@/lib/domain/reset-target";
import type { DtsTask } from "@/lib/domain/task";
import { ResetRefusal } from "@/lib/domain/errors";

/**
 * The server's own re-check, on a task read fresh from DTS a moment ago: what the browser showed
 * may be minutes old, and the browser is not trusted anyway.
 */
export function checkResetAllowed(task: DtsTask, request: ResetRequest): ResetTarget {
  if (task.instanceId !== request.instanceId) {
    throw new ResetRefusal("task_mismatch", `Task ${task.jobId} belongs to instance ${task.instanceId}, not ${request.instanceId}. Reload the task list.`);
  }
  if (task.direction === "Reverse") {
    // DTS listed the reverse task of a two-way instance as an item of its own. Sent as is, its ID
    // would go out with SynchronizationDirection=Forward, which names no job (or the wrong one):
    // the reverse task is reset through its forward task, with direction Reverse
    // (https://alibabacloud.com/help/en/dts/developer-reference/api-resetdtsjob).
    throw new ResetRefusal(
      "reverse_task_item",
      `Task ${task.jobId} is the reverse task of two-way instance ${task.instanceId}. Reset it from the instance's forward task, choosing the Reverse direction.`,
      { instanceId: task.instanceId },
    );
  }
  if (task.type !== "SYNC" && task.type !== "SUBSCRIBE") {
    throw new ResetRefusal("not_resettable", "Only data synchronization and change tracking tasks can be reset.");
  }
  const target = directionTarget(task, request.direction);
  if (!target) {
    throw new ResetRefusal("reverse_not_allowed", "Reverse applies only to a two-way synchronization task; this task is one-way.");
  }
  const blocked = target.blockedReason;
  if (blocked) throw new ResetRefusal("not_resettable", blocked, { status: target.status });
  if (!confirmationMatches(request.confirmation, target.jobId)) {
    throw new ResetRefusal("confirmation_mismatch", `The typed confirmation does not match the ID of the task being reset (${target.jobId}).`);
  }
  return target;
}
