"use client";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import type { z } from "zod";
import { REASON_MAX, REASON_MIN, confirmationMatches, resetRequestSchema } from "@/lib/domain/reset";
import type { Direction } from "@/lib/domain/task";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/components/ui/cn";
import { useDirectionLabel } from "./words";
import type { Equivalent } from "@/lib/domain/runbook";
import { RunbookDetails } from "@/components/console/runbook-blocks";

export interface ConfirmFields {
  confirmation: string;
  reason: string;
}

/** What is wrong with a reason, as the UI words it (the schema's English messages are the API's). */
export type ReasonProblem = "too_short" | "too_long" | "control" | "invalid";

/** A zod issue of the reason field, by its code rather than its English message. */
export function reasonIssueProblem(issue: z.core.$ZodIssue | undefined): ReasonProblem {
  if (issue?.code === "too_small") return "too_short";
  if (issue?.code === "too_big") return "too_long";
  if (issue?.code === "custom") return "control";
  return "invalid";
}

/** The reason checked by the very rule the server applies (resetRequestSchema trims, then counts). */
export function reasonProblem(reason: string): ReasonProblem | null {
  const result = resetRequestSchema.shape.reason.safeParse(reason);
  return result.success ? null : reasonIssueProblem(result.error.issues[0]);
}

/** A reason problem in the reader's language. */
export function useReasonProblemText() {
  const t = useTranslations("ResetDialog");
  return (problem: ReasonProblem) => {
    switch (problem) {
      case "too_short":
        return t("reasonTooShort", { min: REASON_MIN });
      case "too_long":
        return t("reasonTooLong", { limit: REASON_MAX + 1 });
      case "control":
        return t("reasonControl");
      case "invalid":
        return t("reasonInvalid");
    }
  };
}

/** Step 2: type the ID of the task being wiped, and say why. */
export function ResetConfirmStep({
  expectedId,
  direction,
  taskName,
  fields,
  onChange,
  locked,
  equivalent,
}: {
  expectedId: string;
  direction: Direction;
  taskName: string;
  fields: ConfirmFields;
  onChange: (fields: ConfirmFields) => void;
  /** While the call runs: read-only rather than disabled, so focus stays where it was. */
  locked: boolean;
  /** The same ResetDtsJob as an aliyun command and an SDK call, for a runbook. */
  equivalent: Equivalent;
}) {
  const t = useTranslations("ResetDialog");
  const directionLabel = useDirectionLabel();
  const problemText = useReasonProblemText();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const matches = confirmationMatches(fields.confirmation, expectedId);
  const problem = reasonProblem(fields.reason);
  const reasonLength = fields.reason.trim().length;

  // Arriving on this step, the next thing to do is to type the ID.
  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  return (
    <div className="space-y-4">
      <p className="text-sm text-neutral-800">
        {t.rich("confirmIntro", {
          strong: (chunks) => <strong className="font-medium">{chunks}</strong>,
          code: (chunks) => (
            <code className="rounded bg-neutral-100 px-1 py-0.5 font-mono text-neutral-950 select-all">{chunks}</code>
          ),
          direction: directionLabel(direction),
          name: taskName,
          jobId: expectedId,
        })}
      </p>
      <div>
        <label htmlFor={`${id}-confirmation`} className="text-sm font-medium text-neutral-900">
          {t("confirmLabel")}
        </label>
        <Input
          ref={inputRef}
          id={`${id}-confirmation`}
          className="mt-1 w-full font-mono"
          value={fields.confirmation}
          onChange={(e) => onChange({ ...fields, confirmation: e.target.value })}
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          readOnly={locked}
          aria-describedby={`${id}-confirmation-hint`}
          aria-invalid={fields.confirmation !== "" && !matches}
        />
        <p id={`${id}-confirmation-hint`} className="mt-1 text-xs text-neutral-700">
          {fields.confirmation === ""
            ? t("confirmHintEmpty", { jobId: expectedId })
            : matches
              ? t("confirmHintMatch")
              : t("confirmHintMismatch", { jobId: expectedId })}
        </p>
      </div>
      <div>
        <div className="flex items-baseline justify-between">
          <label htmlFor={`${id}-reason`} className="text-sm font-medium text-neutral-900">
            {t("reasonLabel")}
          </label>
          <span
            id={`${id}-reason-count`}
            className={cn("text-xs", reasonLength > REASON_MAX ? "font-semibold text-rose-800" : "text-neutral-700")}
          >
            {t("reasonCount", { count: reasonLength, max: REASON_MAX })}
          </span>
        </div>
        <Textarea
          id={`${id}-reason`}
          className="mt-1"
          rows={3}
          value={fields.reason}
          onChange={(e) => onChange({ ...fields, reason: e.target.value })}
          readOnly={locked}
          required
          aria-describedby={`${id}-reason-hint ${id}-reason-count`}
          aria-invalid={fields.reason !== "" && problem !== null}
        />
        <p id={`${id}-reason-hint`} className="mt-1 text-xs text-neutral-700">
          {fields.reason !== "" && problem
            ? problemText(problem)
            : t("reasonHint", { min: REASON_MIN, max: REASON_MAX })}
        </p>
      </div>
      <RunbookDetails action="ResetDtsJob" equivalent={equivalent} />
    </div>
  );
}
