"use client";
// "Start again" on a reconfiguration whose StartDtsJob DTS refused or whose precheck failed: a
// confirmation that says what will be sent, then one POST with an idempotency key made when the
// dialog opened (a double click or a retried request is the same start, never a second one).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import type { ReconfigurationRecord, ReconfigureStatus } from "@/lib/domain/reconfigure";
import type { StartAttemptRecord, StartProgress } from "@/lib/domain/start-again";
import { postStartAgain, reconfigureKeys } from "@/lib/client/reconfigure-queries";
import { newIdempotencyKey } from "@/lib/client/idempotency-key";
import { toApiRequestError, type ApiRequestError } from "@/lib/client/api-error";
import { useErrorText, useFormat } from "@/lib/client/format";
import type { MessageKey } from "@/lib/client/message-key";
import { StatusBadge } from "@/components/console/status-badge";
import { RunbookDetails } from "@/components/console/runbook-blocks";
import { AlertDialog, AlertDialogBody, AlertDialogCancel, AlertDialogContent, AlertDialogDescription, AlertDialogFooter, AlertDialogHeader, AlertDialogTitle, AlertDialogTrigger } from "@/components/ui/alert-dialog";
import { Button, buttonClasses } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PrecheckResult } from "./precheck-result";

const PROGRESS_KEYS: Record<StartProgress, MessageKey<"Reconfigure">> = {
  starting: "progressStarting",
  prechecking: "progressPrechecking",
  initializing: "progressInitializing",
  synchronizing: "progressSynchronizing",
  precheck_failed: "progressPrecheckFailed",
  failed: "progressStartFailed",
};

const CALL_KEYS: Record<ReconfigureStatus, MessageKey<"Reconfigure">> = { pending: "callPending", succeeded: "callSucceeded", failed: "callFailed", unknown: "callUnknown" };

/** One StartDtsJob that "Start again" sent, and what came of it. */
export function StartAttemptStatus({ attempt }: { attempt: StartAttemptRecord }) {
  const t = useTranslations("Reconfigure");
  const f = useFormat();
  return (
    <div className="space-y-2 rounded-md border border-neutral-200 bg-neutral-50 p-3" data-testid="start-attempt" data-progress={attempt.progress}>
      <h4 className="text-sm font-semibold text-neutral-950">
        {t.rich("startAttemptHeading", {
          actor: attempt.actor,
          time: f.instant(attempt.requestedAt) ?? attempt.requestedAt,
          when: (chunks) => <time dateTime={attempt.requestedAt}>{chunks}</time>,
        })}
      </h4>
      <p role="status" aria-live="polite" className="text-sm font-medium text-neutral-900">
        {t(PROGRESS_KEYS[attempt.progress])}
        {attempt.taskStatus ? (
          <>
            {" "}
            <StatusBadge status={attempt.taskStatus} />
          </>
        ) : null}
      </p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-neutral-700">StartDtsJob</dt>
        <dd>
          {t(CALL_KEYS[attempt.status])}
          {attempt.requestId ? (
            <>
              {" "}
              {t.rich("requestIdNote", { requestId: attempt.requestId, mono: (chunks) => <span className="font-mono text-xs break-all">{chunks}</span> })}
            </>
          ) : null}
        </dd>
        {attempt.error ? (
          <>
            <dt className="text-neutral-700">{t("dtsSaid")}</dt>
            <dd>
              {attempt.error.code ? <span className="font-mono text-xs">{attempt.error.code}: </span> : null}
              {attempt.error.message}
            </dd>
          </>
        ) : null}
        {attempt.reconciledAt && (attempt.status === "succeeded" || attempt.status === "failed") ? (
          <>
            <dt className="text-neutral-700">{t("checked")}</dt>
            <dd>{t(attempt.status === "succeeded" ? "startReconciledTookEffect" : "startReconciledNoEffect", { time: f.instant(attempt.reconciledAt) ?? attempt.reconciledAt })}</dd>
          </>
        ) : null}
      </dl>
      {attempt.precheck ? <PrecheckResult precheck={attempt.precheck} /> : null}
      <RunbookDetails action="StartDtsJob" equivalent={attempt.equivalent} />
    </div>
  );
}

/** The button, its confirmation and the answer. */
export function StartAgainButton({ record, resetId }: { record: ReconfigurationRecord; resetId?: string }) {
  const t = useTranslations("Reconfigure");
  const common = useTranslations("Common");
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const key = useRef<string | null>(null);
  const mutation = useMutation<unknown, ApiRequestError>({
    mutationFn: async () => {
      try {
        return await postStartAgain(record.id, key.current ?? (key.current = newIdempotencyKey()));
      } catch (error) {
        throw toApiRequestError(error);
      }
    },
    onSettled: async () => {
      setOpen(false);
      if (resetId) await queryClient.invalidateQueries({ queryKey: reconfigureKeys.view(resetId) });
    },
    onSuccess: () => {
      // The next start (if this one fails too) is a new decision with a new key.
      key.current = null;
    },
  });
  const failedItems = (record.startAttempts?.[0]?.precheck ?? record.precheck)?.failed.length ?? 0;

  return (
    <div className="space-y-2">
      <AlertDialog
        open={open}
        onOpenChange={(next) => {
          if (mutation.isPending) return;
          if (next) {
            key.current = newIdempotencyKey();
            mutation.reset();
          }
          setOpen(next);
        }}
      >
        <p className="text-sm text-neutral-800">{t("startAgainExplain")}</p>
        <AlertDialogTrigger asChild>
          <Button variant="primary">{t("startAgain")}</Button>
        </AlertDialogTrigger>
        <AlertDialogContent className="max-w-md">
          <AlertDialogHeader>
            <AlertDialogTitle>{t("startAgainTitle", { taskName: record.taskName })}</AlertDialogTitle>
          </AlertDialogHeader>
          <AlertDialogBody className="space-y-2">
            <AlertDialogDescription asChild>
              <div className="space-y-2">
                <p>{t.rich("startAgainConfirm", { jobId: record.jobId, mono: (chunks) => <span className="font-mono text-xs break-all">{chunks}</span> })}</p>
                {failedItems ? <p>{t("startAgainFixed", { count: failedItems })}</p> : null}
              </div>
            </AlertDialogDescription>
          </AlertDialogBody>
          <AlertDialogFooter>
            <AlertDialogCancel className={buttonClasses("secondary")} disabled={mutation.isPending}>
              {common("cancel")}
            </AlertDialogCancel>
            <Button variant="primary" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
              {mutation.isPending ? t("startAgainSending") : t("startAgainSend")}
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      {mutation.isError ? (
        <Notice tone="danger">
          {errorText(mutation.error)}
          {mutation.error.body.message && mutation.error.code.startsWith("dts") ? ` ${mutation.error.body.message}` : null}
        </Notice>
      ) : null}
    </div>
  );
}
