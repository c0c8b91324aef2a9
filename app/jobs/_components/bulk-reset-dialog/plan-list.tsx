"use client";
import { useTranslations } from "next-intl";
import type { BulkBlocked, BulkPlanItem } from "@/lib/domain/bulk-result";
import { resetBlockedCode } from "@/lib/domain/status";
import { DIRECTIONS, type Direction } from "@/lib/domain/task";
import { useErrorText, useFormat } from "@/lib/client/format";
import { cn } from "@/components/ui/cn";
import { Badge } from "@/components/ui/badge";
import { StatusBadge } from "@/components/console/status-badge";
import { useDirectionLabel, useResetBlockedText } from "../reset-dialog/words";

/**
 * Why the dry run will not send a task, in the reader's language: a refusal by status in the
 * single dialog's words (the plan carries the status it read), any other by its error code (the
 * server's `message` is English, for the API).
 */
function useBlockedText() {
  const blockedText = useResetBlockedText();
  const errorText = useErrorText();
  return (blocked: BulkBlocked, status: string | null): string => {
    if (blocked.code === "not_resettable" && status) {
      const code = resetBlockedCode(status);
      if (code) return blockedText(code, status);
    }
    return errorText({ code: blocked.code });
  };
}

/**
 * The plan, task by task: what the dry run read of each (name, ID, region, account, status), the
 * direction (a choice only for a two-way task), and, greyed out with the reason, the ones that
 * will not be sent.
 */
export function PlanList({
  items,
  showAccount,
  accountName,
  locked,
  directionOf,
  onDirectionChange,
}: {
  items: BulkPlanItem[];
  showAccount: boolean;
  accountName: (id: string) => string;
  /** While the bulk itself is being sent: the choices stay put. */
  locked: boolean;
  /** The direction the operator chose, shown at once (the plan for it follows). */
  directionOf: (item: BulkPlanItem) => Direction;
  onDirectionChange: (item: BulkPlanItem, direction: Direction) => void;
}) {
  const t = useTranslations("Bulk");
  const f = useFormat();
  const directionLabel = useDirectionLabel();
  const blockedText = useBlockedText();
  return (
    <ol className="space-y-2" aria-label={t("planListLabel")}>
      {items.map((item, index) => {
        const name = item.taskName ?? item.jobId;
        const id = `bulk-plan-${index}`;
        return (
          <li
            key={`${item.account}/${item.region}/${item.instanceId}`}
            data-plan-job-id={item.jobId}
            data-eligible={item.eligible ? "true" : "false"}
            aria-describedby={item.blocked ? `${id}-blocked` : undefined}
            className={cn("rounded-md border p-2.5 text-sm", item.eligible ? "border-neutral-200 bg-white" : "border-neutral-200 bg-neutral-100 text-neutral-700")}
          >
            <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
              <div className="min-w-0">
                <p className={cn("font-medium break-words", item.eligible ? "text-neutral-950" : "text-neutral-700")}>{name}</p>
                <p className="font-mono text-xs break-all text-neutral-700">{item.jobId}</p>
                <p className="text-xs text-neutral-700">
                  {showAccount ? t("planWhereAccount", { region: f.region(item.region), account: accountName(item.account) }) : f.region(item.region)}
                </p>
              </div>
              <div className="flex shrink-0 flex-wrap items-center gap-1.5">
                {item.status ? <StatusBadge status={item.status} /> : null}
                {item.eligible ? null : <Badge tone="neutral">{t("planNotIncluded")}</Badge>}
              </div>
            </div>
            {item.twoWay ? (
              <fieldset className="mt-2">
                <legend className="text-xs font-medium text-neutral-800">{t("planDirectionLegend", { name })}</legend>
                <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                  {DIRECTIONS.map((direction) => (
                    <label key={direction} className="inline-flex min-h-8 items-center gap-1.5 text-sm text-neutral-900">
                      <input
                        type="radio"
                        name={`${id}-direction`}
                        value={direction}
                        checked={directionOf(item) === direction}
                        disabled={locked && directionOf(item) !== direction}
                        onChange={() => !locked && onDirectionChange(item, direction)}
                        className="size-4 accent-neutral-900 focus-ring"
                      />
                      {directionLabel(direction)}
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : (
              <p className="mt-1 text-xs text-neutral-700">{t("planOneWay", { direction: directionLabel(item.direction) })}</p>
            )}
            {item.blocked ? (
              <p id={`${id}-blocked`} className="mt-1.5 text-sm text-neutral-800">
                {blockedText(item.blocked, item.status)}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
