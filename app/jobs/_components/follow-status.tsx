import { useTranslations } from "next-intl";
import { Spinner } from "@/components/ui/spinner";
import type { FollowPhase } from "./use-follow-task";

/** The line under a task's status while the console waits for DTS to finish a reset. */
export function FollowStatus({ phase }: { phase: FollowPhase | null }) {
  const t = useTranslations("Jobs");
  if (phase === "waiting") {
    return (
      <span className="mt-1 flex items-center gap-1.5 text-xs text-neutral-700">
        <Spinner className="size-3" />
        {t("followWaiting")}
      </span>
    );
  }
  if (phase === "timed-out") {
    return (
      <span className="mt-1 block text-xs text-neutral-800">
        {t("followTimedOut")}
      </span>
    );
  }
  if (phase === "done") return <span className="mt-1 block text-xs text-neutral-700">{t("followDone")}</span>;
  return null;
}
