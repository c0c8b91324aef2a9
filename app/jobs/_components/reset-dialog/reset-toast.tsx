import type { ToastInput } from "@/components/ui/toast";
import { formatTime } from "@/lib/domain/format";
import type { ResetResult } from "@/lib/domain/reset-record";

/** The toast after a successful reset: the facts to quote to DTS support, and the next step. */
export function resetToast(result: ResetResult): ToastInput {
  return {
    tone: "success",
    title: `Reset sent: ${result.taskName} (${result.direction})`,
    description: (
      <>
        <span className="block">
          RequestId <span className="font-mono">{result.requestId ?? "none"}</span> · HTTP {result.httpStatus ?? "none"}{" "}
          · {formatTime(result.finishedAt ?? result.requestedAt)}
        </span>
        <span className="block">Next: reconfigure the task before it runs again.</span>
      </>
    ),
  };
}
