"use client";
import { useTranslations } from "next-intl";
import type { Direction, DtsTask } from "@/lib/domain/task";
import { RadioGroup, type RadioOption } from "@/components/ui/radio-group";
import { useStatusLabel } from "@/lib/client/format";
import { ResetConsequences } from "./consequences";
import type { ResetTarget } from "@/lib/domain/reset-target";
import { TaskFacts } from "./task-facts";
import { useDirectionLabel, useResetBlockedText } from "./words";

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
  const t = useTranslations("ResetDialog");
  const statusLabel = useStatusLabel();
  const directionLabel = useDirectionLabel();
  const blockedText = useResetBlockedText();

  function endpointLabel(target: ResetTarget): string {
    const side = (e: ResetTarget["source"]) =>
      e ? `${e.engine ?? t("endpointUnknown")} ${e.instanceId ?? e.host ?? ""}`.trim() : t("endpointUnknown");
    return t("endpoints", { source: side(target.source), destination: side(target.destination) });
  }

  function directionOption(target: ResetTarget): RadioOption<Direction> {
    return {
      value: target.direction,
      label: directionLabel(target.direction),
      disabled: target.blockedCode !== null,
      description: (
        <>
          {t.rich("wipes", {
            mono: (chunks) => <span className="font-mono">{chunks}</span>,
            strong: (chunks) => <strong className="font-medium">{chunks}</strong>,
            jobId: target.jobId,
            endpoints: endpointLabel(target),
            status: statusLabel(target.status),
          })}
          {target.blockedCode ? (
            <span className="block text-neutral-800">{blockedText(target.blockedCode, target.status)}</span>
          ) : null}
        </>
      ),
    };
  }

  return (
    <div className="space-y-5">
      <section aria-labelledby="reset-task-heading">
        <h3 id="reset-task-heading" className="mb-2 text-sm font-semibold text-neutral-900">
          {t("taskHeading")}
        </h3>
        <TaskFacts task={task} />
      </section>
      <div>
        <RadioGroup
          legend={t("directionLegend")}
          name="reset-direction"
          value={direction}
          options={targets.map(directionOption)}
          onChange={onDirectionChange}
        />
        {targets.length === 1 ? <p className="mt-1.5 text-xs text-neutral-700">{t("oneWayNote")}</p> : null}
      </div>
      <ResetConsequences jobType={task.type} twoWay={task.twoWay} />
    </div>
  );
}
