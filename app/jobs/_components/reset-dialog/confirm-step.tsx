"use client";
import { useEffect, useId, useRef } from "react";
import { REASON_MAX, REASON_MIN, confirmationMatches, resetRequestSchema } from "@/lib/domain/reset";
import type { Direction } from "@/lib/domain/task";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/components/ui/cn";

export interface ConfirmFields {
  confirmation: string;
  reason: string;
}

/** The reason checked by the very rule the server applies (resetRequestSchema trims, then counts). */
export function reasonProblem(reason: string): string | null {
  const result = resetRequestSchema.shape.reason.safeParse(reason);
  return result.success ? null : (result.error.issues[0]?.message ?? "The reason is not valid.");
}

/** Step 2: type the ID of the task being wiped, and say why. */
export function ResetConfirmStep({
  expectedId,
  direction,
  taskName,
  fields,
  onChange,
  locked,
}: {
  expectedId: string;
  direction: Direction;
  taskName: string;
  fields: ConfirmFields;
  onChange: (fields: ConfirmFields) => void;
  /** While the call runs: read-only rather than disabled, so focus stays where it was. */
  locked: boolean;
}) {
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
        You are about to reset the <strong className="font-medium">{direction}</strong> task of{" "}
        <strong className="font-medium">{taskName}</strong>. To confirm, type its task ID:{" "}
        <code className="rounded bg-neutral-100 px-1 py-0.5 font-mono text-neutral-950 select-all">{expectedId}</code>
      </p>
      <div>
        <label htmlFor={`${id}-confirmation`} className="text-sm font-medium text-neutral-900">
          Type the task ID to confirm
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
            ? `Type ${expectedId} exactly; task IDs are case-sensitive.`
            : matches
              ? "The task ID matches."
              : `This does not match ${expectedId} yet.`}
        </p>
      </div>
      <div>
        <div className="flex items-baseline justify-between">
          <label htmlFor={`${id}-reason`} className="text-sm font-medium text-neutral-900">
            Reason
          </label>
          <span
            id={`${id}-reason-count`}
            className={cn("text-xs", reasonLength > REASON_MAX ? "font-semibold text-rose-800" : "text-neutral-700")}
          >
            {reasonLength} / {REASON_MAX} characters
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
            ? problem
            : `Why this task is being reset, ${REASON_MIN} to ${REASON_MAX} characters. It is kept in the reset history.`}
        </p>
      </div>
    </div>
  );
}
