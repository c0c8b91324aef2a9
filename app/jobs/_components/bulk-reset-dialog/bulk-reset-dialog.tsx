"use client";
import { useIsMutating } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { BULK_MAX_ITEMS, bulkConfirmationMatches, bulkResetRequestSchema, type BulkItemInput, type BulkPlan, type BulkPlanItem } from "@/lib/domain/bulk";
import { REASON_MAX, REASON_MIN } from "@/lib/domain/reset";
import type { Direction } from "@/lib/domain/task";
import type { ApiRequestError } from "@/lib/client/api-error";
import { useAccounts } from "@/lib/client/accounts";
import { BULK_START_MUTATION_KEY, PLAN_REASON_PLACEHOLDER, usePlanBulk, useStartBulk, type StartAnswer } from "@/lib/client/bulk-queries";
import { bulkResetHref } from "@/lib/client/bulk-hrefs";
import { newIdempotencyKey } from "@/lib/client/idempotency-key";
import { useFormat } from "@/lib/client/format";
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
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { ErrorPanel } from "@/components/console/error-panel";
import { ResetConsequences } from "../reset-dialog/consequences";
import { reasonIssueProblem, useReasonProblemText, type ReasonProblem } from "../reset-dialog/confirm-step";
import { ResetErrorAlert, isOutcomeUnknown } from "../reset-dialog/error-alert";
import type { SelectedTask } from "../bulk-selection";
import { PlanList } from "./plan-list";

/** The reason checked by the very rule the server applies (the bulk request's schema trims, then counts). */
function reasonProblem(reason: string): ReasonProblem | null {
  const result = bulkResetRequestSchema.shape.reason.safeParse(reason);
  return result.success ? null : reasonIssueProblem(result.error.issues[0]);
}

/**
 * As in the single dialog: a new idempotency key after a definite refusal lets the operator try
 * again; after an answer that never came the key is kept, so a retry of a bulk the server did
 * create is answered with that bulk (`replayed`) instead of starting a second one.
 */
function keepsKey(error: ApiRequestError): boolean {
  return isOutcomeUnknown(error) || error.status >= 500;
}

function itemInput(item: { account?: string; region: string; jobId: string; instanceId: string; direction: Direction }): BulkItemInput {
  return { ...(item.account ? { account: item.account } : {}), region: item.region, jobId: item.jobId, instanceId: item.instanceId, direction: item.direction };
}

/** The key of a task in the plan and in the selection alike (account, region, instance). */
function taskKey(item: { account?: string; region: string; instanceId: string }): string {
  return [item.account ?? "", item.region, item.instanceId].join("/");
}

function BulkDialogBody({ tasks, onStarted }: { tasks: SelectedTask[]; onStarted: () => void }) {
  const t = useTranslations("Bulk");
  const reasonProblemText = useReasonProblemText();
  const router = useRouter();
  const accounts = useAccounts();
  const id = useId();
  const tooMany = tasks.length > BULK_MAX_ITEMS;

  // The direction of each task, as the operator leaves it; a change asks for a new plan.
  const [directions, setDirections] = useState<Record<string, Direction>>(() =>
    Object.fromEntries(tasks.map((task) => [taskKey(task), task.direction])),
  );
  const requestItems = useMemo(
    () => tasks.map((task) => itemInput({ ...task, direction: directions[taskKey(task)] ?? task.direction })),
    [tasks, directions],
  );

  const [reason, setReason] = useState("");
  const [confirmation, setConfirmation] = useState("");
  // Once per dialog opening: a double click, or a retry after a lost answer, sends the same key.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [requested, setRequested] = useState<StartAnswer | null>(null);
  const inFlight = useRef(false);

  // The plan on screen stays while a newer one is read (a direction changed), so nothing jumps.
  const planner = usePlanBulk();
  const [plan, setPlan] = useState<BulkPlan | null>(null);
  const planSeq = useRef(0);
  const { mutate: askPlan } = planner;
  const replan = useCallback(
    (items: BulkItemInput[]) => {
      const seq = ++planSeq.current;
      askPlan(
        { items, reason: PLAN_REASON_PLACEHOLDER },
        { onSuccess: (answer) => seq === planSeq.current && setPlan(answer.plan) },
      );
    },
    [askPlan],
  );
  useEffect(() => {
    if (!tooMany && requestItems.length > 0) replan(requestItems);
  }, [requestItems, replan, tooMany]);

  const start = useStartBulk();
  const eligible = plan?.items.filter((item) => item.eligible) ?? [];
  const count = eligible.length;
  const planning = planner.isPending;
  const pending = start.isPending;
  const problem = reasonProblem(reason);
  const matches = count > 0 && bulkConfirmationMatches(confirmation, count);
  const ready = plan !== null && !planning && count > 0 && matches && problem === null;
  const approval = plan?.approvalRequired ?? false;

  if (requested) return <RequestedPanel answer={requested} />;

  function changeDirection(item: BulkPlanItem, direction: Direction) {
    setDirections((all) => ({ ...all, [taskKey(item)]: direction }));
    // The count to type may change with the plan: what was typed no longer confirms anything.
    setConfirmation("");
  }

  function submit() {
    if (!ready || inFlight.current || !plan) return;
    inFlight.current = true;
    start.mutate(
      { items: eligible.map(itemInput), reason: reason.trim(), confirmation: confirmation.trim(), idempotencyKey },
      {
        onSuccess: (answer) => {
          onStarted();
          if (answer.request || answer.bulk.status === "awaiting_approval") setRequested(answer);
          else router.push(bulkResetHref(answer.bulk.id));
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

  const jobType = plan?.items.some((item) => item.eligible && tasks.find((task) => taskKey(task) === taskKey(item))?.type === "SUBSCRIBE")
    ? "SUBSCRIBE"
    : "SYNC";
  const twoWay = plan?.items.some((item) => item.eligible && item.twoWay) ?? false;
  const reasonLength = reason.trim().length;

  return (
    <form
      className="flex min-h-0 flex-1 flex-col"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <AlertDialogHeader>
        <AlertDialogTitle>{t("dialogTitle", { count: tasks.length })}</AlertDialogTitle>
        <AlertDialogDescription>{t("dialogDescription")}</AlertDialogDescription>
      </AlertDialogHeader>
      <AlertDialogBody className="space-y-4">
        {tooMany ? (
          <Notice tone="danger" padding="roomy" role="alert">
            {t("tooMany", { max: BULK_MAX_ITEMS, count: tasks.length })}
          </Notice>
        ) : null}

        {planner.error ? (
          <ErrorPanel title={t("planError")} error={planner.error} onRetry={() => replan(requestItems)} retrying={planning} />
        ) : null}

        {!plan && planning ? (
          <p className="flex items-center gap-2 text-sm text-neutral-700" role="status">
            <Spinner /> {t("planLoading", { count: tasks.length })}
          </p>
        ) : null}

        {plan ? (
          <section aria-labelledby={`${id}-plan`} className="space-y-2" aria-busy={planning}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 id={`${id}-plan`} className="text-sm font-semibold text-neutral-900">
                {t("planHeading")}
              </h3>
              <p className="text-sm text-neutral-800" role="status" data-eligible={count} data-blocked={plan.items.length - count}>
                {planning ? (
                  <span className="inline-flex items-center gap-1.5">
                    <Spinner className="size-3.5" /> {t("planUpdating")}
                  </span>
                ) : plan.items.length - count > 0 ? (
                  t("planSummaryBlocked", { eligible: count, blocked: plan.items.length - count })
                ) : (
                  t("planSummary", { eligible: count })
                )}
              </p>
            </div>
            <PlanList
              items={plan.items}
              showAccount={accounts.several}
              accountName={accounts.nameOf}
              locked={pending}
              directionOf={(item) => directions[taskKey(item)] ?? item.direction}
              onDirectionChange={changeDirection}
            />
          </section>
        ) : null}

        {plan && approval ? (
          <Notice tone="warning" as="div" padding="roomy" role="note" aria-label={t("approvalRequired")}>
            <p className="font-medium">{t("approvalRequired")}</p>
            <p>{t("approvalBody")}</p>
          </Notice>
        ) : null}

        {plan && count > 0 ? (
          <>
            <div className="space-y-1.5">
              <p className="text-sm text-neutral-800">{t("consequencesIntro")}</p>
              <ResetConsequences jobType={jobType} twoWay={twoWay} />
            </div>
            <div>
              <div className="flex items-baseline justify-between">
                <label htmlFor={`${id}-reason`} className="text-sm font-medium text-neutral-900">
                  {t("reasonLabel")}
                </label>
                <span id={`${id}-reason-count`} className={cn("text-xs", reasonLength > REASON_MAX ? "font-semibold text-rose-800" : "text-neutral-700")}>
                  {t("reasonCount", { count: reasonLength, max: REASON_MAX })}
                </span>
              </div>
              <Textarea
                id={`${id}-reason`}
                className="mt-1"
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                readOnly={pending}
                required
                aria-describedby={`${id}-reason-hint ${id}-reason-count`}
                aria-invalid={reason !== "" && problem !== null}
              />
              <p id={`${id}-reason-hint`} className="mt-1 text-xs text-neutral-700">
                {reason !== "" && problem ? reasonProblemText(problem) : t("reasonHint", { min: REASON_MIN, max: REASON_MAX })}
              </p>
            </div>
            <div>
              <label htmlFor={`${id}-confirmation`} className="text-sm font-medium text-neutral-900">
                {t("confirmLabel")}
              </label>
              <Input
                id={`${id}-confirmation`}
                className="mt-1 w-32 font-mono"
                value={confirmation}
                onChange={(e) => setConfirmation(e.target.value)}
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                readOnly={pending}
                aria-describedby={`${id}-confirmation-hint`}
                aria-invalid={confirmation !== "" && !matches}
              />
              <p id={`${id}-confirmation-hint`} className="mt-1 text-xs text-neutral-700">
                {confirmation === "" ? t("confirmHintEmpty", { count }) : matches ? t("confirmHintMatch") : t("confirmHintMismatch", { count })}
              </p>
            </div>
          </>
        ) : null}

        {plan && count === 0 && !planning ? (
          <Notice tone="neutral" padding="roomy" role="status">
            {t("nothingEligible")}
          </Notice>
        ) : null}

        {start.error ? <ResetErrorAlert error={start.error} /> : null}
      </AlertDialogBody>
      <AlertDialogFooter>
        <AlertDialogCancel asChild>
          <Button variant="secondary" disabled={pending}>
            {t("cancel")}
          </Button>
        </AlertDialogCancel>
        {/* aria-disabled, not disabled: the button keeps focus while the call runs; submit() ignores it until ready and idle. */}
        <Button type="submit" variant="destructive" aria-disabled={!ready || pending}>
          {pending ? <Spinner /> : null}
          {pending ? t("submitting") : approval ? t("submitRequest", { count }) : t("submitReset", { count })}
        </Button>
      </AlertDialogFooter>
    </form>
  );
}

/** Under the approval policy: the request was made, nothing was sent, and the bulk's page follows it. */
function RequestedPanel({ answer }: { answer: StartAnswer }) {
  const t = useTranslations("Bulk");
  const f = useFormat();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const expiresAt = answer.request?.expiresAt ?? answer.bulk.approval?.expiresAt ?? null;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <AlertDialogHeader>
        <AlertDialogTitle>{t("requestedTitle")}</AlertDialogTitle>
        <AlertDialogDescription>{t("requestedDescription")}</AlertDialogDescription>
      </AlertDialogHeader>
      <AlertDialogBody className="space-y-2 text-sm text-neutral-800">
        <p role="status">
          {expiresAt
            ? t("requestedBody", { count: answer.bulk.total, expiresAt: f.instant(expiresAt) ?? expiresAt })
            : t("requestedBodyNoExpiry", { count: answer.bulk.total })}
        </p>
        <p>
          <Link href={bulkResetHref(answer.bulk.id)} className="text-blue-700 underline underline-offset-2">
            {t("requestedLink")}
          </Link>
        </p>
      </AlertDialogBody>
      <AlertDialogFooter>
        <AlertDialogCancel asChild>
          <Button ref={closeRef} variant="secondary">
            {t("close")}
          </Button>
        </AlertDialogCancel>
      </AlertDialogFooter>
    </div>
  );
}

/**
 * The bulk reset dialog (issue 22): the dry run's plan, task by task, the consequences once, one
 * reason and the number of tasks typed to confirm, then the bulk, whose page it opens. While the
 * bulk is being started it cannot be dismissed: closing would not stop the call, only hide it.
 */
export function BulkResetDialog({
  tasks,
  onClose,
  onStarted,
  returnFocus,
}: {
  tasks: SelectedTask[];
  onClose: () => void;
  /** The bulk (or its request) exists: the list lets go of the chosen tasks. */
  onStarted: () => void;
  /** Where focus goes on close: the "Reset N tasks" button, or the page when it has gone. */
  returnFocus: () => void;
}) {
  const busy = useIsMutating({ mutationKey: BULK_START_MUTATION_KEY }) > 0;
  // Fixed when the dialog opens: a change to the choice behind it (another tab) does not move the plan.
  const [opened] = useState(tasks);
  return (
    <AlertDialog open onOpenChange={(open) => !open && !busy && onClose()}>
      <AlertDialogContent
        className="max-w-3xl"
        onEscapeKeyDown={(e) => busy && e.preventDefault()}
        onCloseAutoFocus={(e) => {
          e.preventDefault();
          returnFocus();
        }}
      >
        <BulkDialogBody tasks={opened} onStarted={onStarted} />
      </AlertDialogContent>
    </AlertDialog>
  );
}
