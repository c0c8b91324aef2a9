"use client";
// What the task row (wide screens) and the task card (narrow screens) both show, written once: the
// followed task and its facts, the name linked to its page with the task ID under it, and the Reset
// action with the reason it is blocked. Each layout keeps its own wrappers and classes.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { DtsTask } from "@/lib/domain/task";
import { typeParamOf } from "@/lib/domain/api-constants";
import { taskBlockedCode } from "@/lib/domain/reset-target";
import { useFormat } from "@/lib/client/format";
import { jobDetailHref } from "@/lib/client/hrefs";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { useResetBlockedText } from "./reset-dialog/words";
import { useFollowTask, type FollowRequest } from "./use-follow-task";

/**
 * Why a task's Reset button is disabled by its status, in the reader's language, or null: the rule
 * of lib/domain/reset-target.ts's taskBlockedCode (a two-way task stays resettable while either
 * half can be reset), worded as the reset dialog words it.
 */
export function useTaskBlockedReason() {
  const blockedText = useResetBlockedText();
  return (task: DtsTask): string | null => {
    const blocked = taskBlockedCode(task);
    return blocked ? blockedText(blocked.code, blocked.status) : null;
  };
}

/** The listed task, or the fresher one a reset being followed has read, with what both layouts show of it. */
export function useTaskFacts(listed: DtsTask, follow: FollowRequest | null, resetDeniedReason: string | null) {
  const { job: followed, phase } = useFollowTask(follow);
  // While following a reset, the instance lookup is fresher than the list.
  const task = followed ?? listed;
  const blockedReason = useTaskBlockedReason();
  const f = useFormat();
  return {
    task,
    followed,
    phase,
    blockedReason: resetDeniedReason ?? blockedReason(task),
    delay: f.delay(task.delaySeconds),
    created: f.dateTime(task.createdAt),
  };
}

/** The task's name linked to its page, and its ID with a copy button. */
export function TaskNameAndId({ task, idClassName }: { task: DtsTask; idClassName: string }) {
  const t = useTranslations("Jobs");
  return (
    <>
      <Link
        href={jobDetailHref(task.jobId, task.region, typeParamOf(task.type), task.account)}
        // One prefetch per row is a server render per row on every list view, competing with
        // the list's own DTS call: open the page when the operator asks for it.
        prefetch={false}
        className="font-medium break-words text-neutral-950 underline-offset-2 hover:underline focus-ring"
      >
        {task.name}
      </Link>
      <div className="flex items-center gap-0.5 font-mono text-xs text-neutral-700">
        <span className="sr-only">{t("taskIdSr")}</span>
        <span className={idClassName}>{task.jobId}</span>
        <CopyButton value={task.jobId} label={t("copyTaskIdOf", { name: task.name })} />
      </div>
    </>
  );
}

/** The Reset… button, described by the reason it is blocked when it is (reasonId must be unique in the page). */
export function ResetAction({
  task,
  blockedReason,
  waiting,
  reasonId,
  className,
  onReset,
}: {
  task: DtsTask;
  blockedReason: string | null;
  waiting: boolean;
  reasonId: string;
  className?: string;
  onReset: (task: DtsTask) => void;
}) {
  const t = useTranslations("Jobs");
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        className={className}
        onClick={() => onReset(task)}
        disabled={blockedReason !== null || waiting}
        aria-label={t("resetTask", { name: task.name })}
        aria-describedby={blockedReason ? reasonId : undefined}
      >
        {t("resetButton")}
      </Button>
      {blockedReason ? (
        <p id={reasonId} className="mt-1 text-xs leading-snug text-neutral-700">
          {blockedReason}
        </p>
      ) : null}
    </>
  );
}
