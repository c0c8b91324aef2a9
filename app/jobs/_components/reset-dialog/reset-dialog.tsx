"use client";
import { resetEquivalent } from "@/lib/domain/runbook";
import { DEFAULT_ACCOUNT } from "@/lib/domain/task-ref";
import { useIsMutating, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import type { ResetRequestResult } from "@/lib/domain/approvals";
import { approvalPolicyOptions } from "@/lib/client/approvals";
import { confirmationMatches, resetRequestSchema } from "@/lib/domain/reset";
import type { Direction, DtsTask } from "@/lib/domain/task";
import type { ApiRequestError } from "@/lib/client/api-error";
import { newIdempotencyKey } from "@/lib/client/idempotency-key";
import { entryOf, type MessageKey } from "@/lib/client/message-key";
import type { ResetResult } from "@/lib/domain/reset-record";
import { RESET_MUTATION_KEY, useResetJob } from "@/lib/client/use-reset-job";
import {
  AlertDialog,
  AlertDialogBody,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ResetConfirmStep, reasonIssueProblem, reasonProblem, useReasonProblemText, type ConfirmFields } from "./confirm-step";
import { ResetErrorAlert, isOutcomeUnknown } from "./error-alert";
import { ResetReviewStep } from "./review-step";
import { resetTargets } from "@/lib/domain/reset-target";
import { ApprovalNotice, RequestedPanel } from "./approval-notice";
import { Notice } from "@/components/ui/notice";

/**
 * A new idempotency key after a definite refusal lets the operator retry; after an unknown
 * outcome the key is kept, so a retry that DTS already executed is recognised by the server
 * instead of sent twice.
 */
function keepsKey(error: ApiRequestError): boolean {
  return isOutcomeUnknown(error) || error.code === "reset_in_progress";
}

/** A field the request's schema refused, in the reader's words (the reason has words of its own). */
const PROBLEM_KEYS: Record<"region" | "direction" | "confirmation", MessageKey<"ResetDialog">> = {
  region: "problemRegion",
  direction: "problemDirection",
  confirmation: "problemConfirmation",
};

function ResetDialogBody({ task, onSucceeded }: { task: DtsTask; onSucceeded: (result: ResetResult) => void }) {
  const t = useTranslations("ResetDialog");
  const reasonProblemText = useReasonProblemText();
  const targets = resetTargets(task);
  const [step, setStep] = useState<"review" | "confirm">("review");
  const [direction, setDirection] = useState<Direction>(
    (targets.find((x) => x.blockedCode === null) ?? targets[0])?.direction ?? "Forward",
  );
  const [fields, setFields] = useState<ConfirmFields>({ confirmation: "", reason: "" });
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  // Once per dialog opening: a double click, or a retry after a lost answer, sends the same key.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const continueRef = useRef<HTMLButtonElement>(null);
  const mutation = useResetJob();
  const inFlight = useRef(false);
  // The policy in force, shown before the operator confirms; the server decides again on submit.
  const policy = useQuery(approvalPolicyOptions(task.jobId, task.region, task.account));
  const needsApproval = policy.data?.approval.required ?? false;
  const [requested, setRequested] = useState<ResetRequestResult | null>(null);

  const target = targets.find((x) => x.direction === direction) ?? targets[0];
  if (!target) return null;
  const ready =
    target.blockedCode === null &&
    confirmationMatches(fields.confirmation, target.jobId) &&
    reasonProblem(fields.reason) === null;
  const pending = mutation.isPending;
  if (requested) return <RequestedPanel request={requested} />;

  function submit() {
    if (!ready || inFlight.current) return;
    const parsed = resetRequestSchema.safeParse({
      ...(task.account ? { account: task.account } : {}),
      region: task.region,
      instanceId: task.instanceId,
      direction,
      confirmation: fields.confirmation.trim(),
      reason: fields.reason,
      idempotencyKey,
    });
    if (!parsed.success) {
      // In the reader's words, by field and issue code (the schema's English messages are the API's).
      const problems = parsed.error.issues.map((issue) =>
        issue.path[0] === "reason" ? reasonProblemText(reasonIssueProblem(issue)) : t(entryOf(PROBLEM_KEYS, issue.path[0]) ?? "problemInvalid"),
      );
      setLocalProblem(Array.from(new Set(problems)).join(" "));
      return;
    }
    setLocalProblem(null);
    inFlight.current = true;
    mutation.mutate(
      { jobId: task.jobId, request: parsed.data },
      {
        onSuccess: (answer) => {
          if (answer.kind === "reset") onSucceeded(answer.reset);
          else setRequested(answer.request);
        },
        onError: (error) => {
          if (!keepsKey(error)) setIdempotencyKey(newIdempotencyKey());
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  }

  function back() {
    setStep("review");
    mutation.reset();
    // The Back button disappears with step 2; put focus somewhere sensible rather than on <body>.
    requestAnimationFrame(() => continueRef.current?.focus());
  }

  return (
    <form
      className="flex min-h-0 flex-1 flex-col"
      onSubmit={(e) => {
        e.preventDefault();
        if (step === "review") setStep("confirm");
        else submit();
      }}
    >
      <AlertDialogHeader>
        <AlertDialogTitle>{t("title")}</AlertDialogTitle>
        <AlertDialogDescription>
          {step === "review" ? t("stepReview", { name: task.name }) : t("stepConfirm", { name: task.name })}
        </AlertDialogDescription>
      </AlertDialogHeader>
      <AlertDialogBody className="space-y-4">
        <ApprovalNotice loading={policy.isPending} failed={policy.isError} approval={policy.data?.approval ?? null} />
        {step === "review" ? (
          <ResetReviewStep task={task} targets={targets} direction={direction} onDirectionChange={setDirection} />
        ) : (
          <ResetConfirmStep
            expectedId={target.jobId}
            direction={direction}
            taskName={task.name}
            fields={fields}
            onChange={setFields}
            locked={pending}
            equivalent={resetEquivalent({ account: task.account ?? DEFAULT_ACCOUNT, region: task.region, jobId: task.jobId, instanceId: task.instanceId, direction })}
          />
        )}
        {step === "confirm" && mutation.error ? <ResetErrorAlert error={mutation.error} /> : null}
        {step === "confirm" && localProblem ? (
          <Notice tone="danger" padding="roomy" role="alert">
            {t("notSent", { problem: localProblem })}
          </Notice>
        ) : null}
      </AlertDialogBody>
      <AlertDialogFooter>
        <AlertDialogCancel asChild>
          <Button variant="secondary" disabled={pending}>
            {t("cancel")}
          </Button>
        </AlertDialogCancel>
        {step === "review" ? (
          <Button ref={continueRef} type="submit" disabled={target.blockedCode !== null}>
            {t("continue")}
          </Button>
        ) : (
          <>
            <Button variant="secondary" onClick={back} disabled={pending}>
              {t("back")}
            </Button>
            {/* aria-disabled, not disabled: the button keeps focus while the call runs (a disabled
                button would drop focus to <body>); submit() ignores it until ready and idle. */}
            <Button type="submit" variant="destructive" aria-disabled={!ready || pending}>
              {pending ? <Spinner /> : null}
              {pending
                ? needsApproval
                  ? t("pendingRequest")
                  : t("pendingReset")
                : needsApproval
                  ? t("submitRequest")
                  : t("submitReset")}
            </Button>
          </>
        )}
      </AlertDialogFooter>
    </form>
  );
}

/**
 * The two-step reset dialog. While the reset is in flight it cannot be dismissed: closing it
 * would not stop the call, only hide its outcome.
 */
export function ResetDialog({
  task,
  onClose,
  onSucceeded,
  returnFocus,
}: {
  task: DtsTask | null;
  onClose: () => void;
  onSucceeded: (result: ResetResult) => void;
  /** Where focus goes on close (see useResetDialog). */
  returnFocus: () => void;
}) {
  const busy = useIsMutating({ mutationKey: RESET_MUTATION_KEY }) > 0;
  return (
    <AlertDialog open={task !== null} onOpenChange={(open) => !open && !busy && onClose()}>
      {task ? (
        <AlertDialogContent
          onEscapeKeyDown={(e) => busy && e.preventDefault()}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            returnFocus();
          }}
        >
          <ResetDialogBody task={task} onSucceeded={onSucceeded} />
        </AlertDialogContent>
      ) : null}
    </AlertDialog>
  );
}
