"use client";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { COMMENT_MAX } from "@/lib/domain/approval-types";
import type { BulkResult } from "@/lib/domain/bulk-result";
import type { Role } from "@/lib/domain/roles";
import { isFinalBulk, useBulkAction } from "@/lib/client/bulk-queries";
import { useErrorText } from "@/lib/client/format";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { ErrorFacts } from "@/components/console/error-facts";
import type { ApiRequestError } from "@/lib/client/api-error";

export interface Me {
  username: string;
  role: Role;
}

/** Operators and admins act on bulks; viewers only look (the server refuses them with 403 anyway). */
function canAct(me: Me): boolean {
  return me.role === "operator" || me.role === "admin";
}

function ActionError({ error }: { error: ApiRequestError }) {
  const errorText = useErrorText();
  return (
    <div role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-950">
      <p>{errorText(error)}</p>
      <ErrorFacts error={error} />
    </div>
  );
}

/**
 * Cancel, in two steps: the first button says what it does and asks; the second does it. The
 * items not yet sent become cancelled and are never sent; the one in flight finishes.
 */
function CancelBulk({ bulk }: { bulk: BulkResult }) {
  const t = useTranslations("Bulk");
  const action = useBulkAction(bulk.id);
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) askRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  const left = bulk.counts.queued;
  const busy = action.isPending;
  return (
    <div className="space-y-2">
      {asking ? (
        <div role="group" aria-labelledby="bulk-cancel-question" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
          <p id="bulk-cancel-question" className="text-sm text-amber-950">
            {bulk.status === "awaiting_approval" ? t("cancelQuestionRequest") : t("cancelQuestion", { count: left })}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              ref={confirmRef}
              variant="destructive"
              aria-disabled={busy}
              onClick={() => !busy && action.mutate({ action: "cancel" }, { onSuccess: () => setAsking(false) })}
            >
              {busy ? <Spinner /> : null}
              {busy ? t("cancelling") : t("cancelConfirm")}
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => setAsking(false)}>
              {t("cancelKeep")}
            </Button>
          </div>
        </div>
      ) : (
        <Button ref={askRef} variant="secondary" onClick={() => setAsking(true)}>
          {t("cancelAsk")}
        </Button>
      )}
      {action.error ? <ActionError error={action.error} /> : null}
    </div>
  );
}

/** Approve (the bulk starts) or reject (a comment says why): for another operator or admin than the requester. */
function DecideBulk({ bulk }: { bulk: BulkResult }) {
  const t = useTranslations("Bulk");
  const id = useId();
  const action = useBulkAction(bulk.id);
  const [comment, setComment] = useState("");
  const busy = action.isPending;
  const send = (which: "approve" | "reject") => {
    if (busy || (which === "reject" && comment.trim() === "")) return;
    action.mutate({ action: which, comment: comment.trim() || undefined });
  };
  return (
    <div className="space-y-2">
      <div>
        <label htmlFor={`${id}-comment`} className="text-sm font-medium text-neutral-900">
          {t("commentLabel")}
        </label>
        <Textarea id={`${id}-comment`} className="mt-1" rows={2} maxLength={COMMENT_MAX} value={comment} onChange={(e) => setComment(e.target.value)} readOnly={busy} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="destructive" aria-disabled={busy} onClick={() => send("approve")}>
          {busy && action.variables?.action === "approve" ? <Spinner /> : null}
          {t("approve", { count: bulk.total })}
        </Button>
        <Button variant="secondary" aria-disabled={busy || comment.trim() === ""} onClick={() => send("reject")}>
          {t("reject")}
        </Button>
      </div>
      {action.error ? <ActionError error={action.error} /> : null}
    </div>
  );
}

/** What this person may do to the bulk now: nothing once it is final. */
export function BulkActions({ bulk, me }: { bulk: BulkResult; me: Me }) {
  const t = useTranslations("Bulk");
  const roles = useTranslations("Roles");
  if (isFinalBulk(bulk.status)) return null;
  if (!canAct(me)) {
    return <p className="text-sm text-neutral-700">{t("viewerCannotAct", { role: roles(me.role) })}</p>;
  }
  const awaiting = bulk.status === "awaiting_approval";
  const own = bulk.createdBy === me.username;
  return (
    <div className="space-y-3">
      {awaiting && own ? (
        <Notice tone="info" padding="roomy">
          {t("ownRequest")}
        </Notice>
      ) : null}
      {awaiting && !own ? <DecideBulk bulk={bulk} /> : null}
      <CancelBulk bulk={bulk} />
    </div>
  );
}
