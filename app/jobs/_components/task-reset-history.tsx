/**
 * Placeholder: the resets recorded for this instance. Filled in by the reset-history work
 * (issue 4); the instance ID is the key because a reset may change the task ID.
 */
export function TaskResetHistory({ instanceId }: { instanceId: string }) {
  return (
    <p className="text-sm text-neutral-700" data-instance-id={instanceId}>
      No resets recorded yet.
    </p>
  );
}
