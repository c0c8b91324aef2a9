import { Spinner } from "@/components/ui/spinner";
import type { FollowPhase } from "./use-follow-task";

/** The line under a task's status while the console waits for DTS to finish a reset. */
export function FollowStatus({ phase }: { phase: FollowPhase | null }) {
  if (phase === "waiting") {
    return (
      <span className="mt-1 flex items-center gap-1.5 text-xs text-neutral-700">
        <Spinner className="size-3" />
        Waiting for DTS…
      </span>
    );
  }
  if (phase === "timed-out") {
    return (
      <span className="mt-1 block text-xs text-neutral-800">
        DTS has not shown Not Configured after 60 s. Refresh later, or check the task in the DTS console.
      </span>
    );
  }
  if (phase === "done") return <span className="mt-1 block text-xs text-neutral-700">Reset complete.</span>;
  return null;
}
