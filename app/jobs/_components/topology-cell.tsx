import { useTranslations } from "next-intl";
import type { DtsTask } from "@/lib/domain/task";
import { StatusBadge } from "@/components/console/status-badge";

/** One-way, or Two-way with the reverse task's status (a reset may target either half). */
export function TopologyCell({ task }: { task: DtsTask }) {
  const t = useTranslations("Jobs");
  if (!task.twoWay) return <span className="text-sm text-neutral-800">{t("oneWay")}</span>;
  return (
    <div className="space-y-1 text-sm">
      <div className="text-neutral-800">{t("twoWay")}</div>
      {task.reverse ? (
        <div className="flex flex-wrap items-center gap-1 text-xs text-neutral-700">
          <span>{t("reverseLabel")}</span>
          <StatusBadge status={task.reverse.status} known={task.reverse.statusKnown} />
        </div>
      ) : (
        <div className="text-xs text-neutral-700">{t("reverseNotReported")}</div>
      )}
    </div>
  );
}
