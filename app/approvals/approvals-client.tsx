"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { COMMENT_MAX, type ResetRequestEventType, type ResetRequestResult, type ResetRequestStatus } from "@/lib/domain/approval-types";
import type { ResetStatus } from "@/lib/domain/reset-record";
import type { Role } from "@/lib/domain/roles";
import { requestListOptions, useDecision, type DecisionAnswer } from "@/lib/client/approvals";
import { useAccounts } from "@/lib/client/accounts";
import { bulkListOptions } from "@/lib/client/bulk-queries";
import type { BulkSummary } from "@/lib/domain/bulk-result";
import { toApiRequestError } from "@/lib/client/api-error";
import { approvalRequestAnchor } from "@/lib/client/hrefs";
import { useErrorText, useFormat, useStatusLabel } from "@/lib/client/format";
import { entryOf, type MessageKey } from "@/lib/client/message-key";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { QueryErrorPanel } from "@/components/console/error-panel";
import { PageSection } from "@/components/console/page-section";
import { Notice } from "@/components/ui/notice";

/** A request's state in the reader's language (a closed set: one literal key each). */
const REQUEST_STATUS_KEYS: Record<ResetRequestStatus, MessageKey<"Approvals">> = {
  pending: "statusPending",
  approved: "statusApproved",
  rejected: "statusRejected",
  expired: "statusExpired",
  cancelled: "statusCancelled",
  invalidated: "statusInvalidated",
};

const STATUS_CLASS: Record<ResetRequestStatus, string> = {
  pending: "border-amber-300 bg-amber-50 text-amber-950",
  approved: "border-emerald-300 bg-emerald-50 text-emerald-950",
  rejected: "border-rose-300 bg-rose-50 text-rose-950",
  expired: "border-neutral-300 bg-neutral-100 text-neutral-900",
  cancelled: "border-neutral-300 bg-neutral-100 text-neutral-900",
  invalidated: "border-rose-300 bg-rose-50 text-rose-950",
};

/** What happened to a request, in the reader's language. */
const EVENT_KEYS: Record<ResetRequestEventType, MessageKey<"Approvals">> = {
  requested: "eventRequested",
  approved: "eventApproved",
  rejected: "eventRejected",
  cancelled: "eventCancelled",
  expired: "eventExpired",
  invalidated: "eventInvalidated",
  reset_recorded: "eventResetRecorded",
  notice_sent: "eventNoticeSent",
  notice_failed: "eventNoticeFailed",
};

/** How an approved reset went (lib/domain/reset-record.ts RESET_STATUSES). */
const APPROVED_KEYS: Record<ResetStatus, MessageKey<"Approvals">> = {
  succeeded: "approvedSucceeded",
  failed: "approvedFailed",
  pending: "approvedPending",
  unknown: "approvedUnknown",
};

/** The page's words for the codes above; a status or event type this page does not know, as recorded. */
function useApprovalWords() {
  const t = useTranslations("Approvals");
  return {
    requestStatus: (status: ResetRequestStatus): string => {
      const key = entryOf(REQUEST_STATUS_KEYS, status);
      return key ? t(key) : String(status);
    },
    event: (type: string): string => {
      const key = entryOf(EVENT_KEYS, type);
      return key ? t(key) : type;
    },
    approved: (status: ResetStatus): string => t(entryOf(APPROVED_KEYS, status) ?? "approvedUnknown"),
  };
}

interface Me {
  username: string;
  role: Role;
}

function Fact({ label, children, wide = false }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "col-span-full min-w-0" : "min-w-0"}>
      <dt className="text-xs text-neutral-700">{label}</dt>
      <dd className="text-sm break-words text-neutral-950">{children}</dd>
    </div>
  );
}

type OnDecided = (answer: DecisionAnswer, action: "approve" | "reject" | "cancel") => void;

function Decide({ request, me, onDecided }: { request: ResetRequestResult; me: Me; onDecided: OnDecided }) {
  const t = useTranslations("Approvals");
  const roles = useTranslations("Roles");
  const errorText = useErrorText();
  const id = useId();
  const [comment, setComment] = useState("");
  const decision = useDecision();
  const own = request.requestedBy.username === me.username;
  // roles.ts carries zod; this page stays light (bench/budget.json). The server decides anyway.
  const canReview = me.role === "operator" || me.role === "admin";
  const error = decision.error ? toApiRequestError(decision.error) : null;
  const busy = decision.isPending;

  if (!canReview) return <p className="text-sm text-neutral-700">{t("cannotDecide", { role: roles(me.role) })}</p>;

  const send = (action: "approve" | "reject" | "cancel") => {
    if (busy) return;
    decision.mutate({ action, id: request.id, comment: comment.trim() || undefined }, {
        onSuccess: (answer) => onDecided(answer, action),
        // The request left "pending" (invalidated, expired, decided by someone else): its card moves
        // to the history, so the page says why.
        onError: (failure) => {
          if (failure.body.request) onDecided({ request: failure.body.request as ResetRequestResult, failure: errorText(failure) }, action);
        },
      });
  };

  return (
    <div className="space-y-2">
      {own ? (
        <p className="text-sm text-neutral-800">{t("ownRequest")}</p>
      ) : null}
      <div>
        <label htmlFor={`${id}-comment`} className="text-sm font-medium text-neutral-900">
          {own ? t("commentOptional") : t("commentRequiredToReject")}
        </label>
        <Textarea
          id={`${id}-comment`}
          className="mt-1"
          rows={2}
          maxLength={COMMENT_MAX}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          readOnly={busy}
        />
      </div>
      <div className="flex flex-wrap gap-2">
        {own ? (
          <Button variant="secondary" aria-disabled={busy} onClick={() => send("cancel")}>
            {t("cancelRequest")}
          </Button>
        ) : (
          <>
            <Button variant="destructive" aria-disabled={busy} onClick={() => send("approve")}>
              {busy ? <Spinner /> : null}
              {t("approveAndReset")}
            </Button>
            <Button variant="secondary" aria-disabled={busy || comment.trim() === ""} onClick={() => comment.trim() !== "" && send("reject")}>
              {t("reject")}
            </Button>
          </>
        )}
      </div>
      {error ? (
        <Notice tone="danger" padding="roomy" role="alert">
          {errorText(error)}
          {/* DTS's own words, when DTS refused the reset: data, shown as DTS wrote them. */}
          {error.body.dtsCode ? (
            <>
              {" "}
              {t("dtsMessage", { code: error.body.dtsCode, message: error.message })}
            </>
          ) : null}
        </Notice>
      ) : null}
    </div>
  );
}

function RequestCard({ request, me, onDecided }: { request: ResetRequestResult; me: Me; onDecided: OnDecided }) {
  const t = useTranslations("Approvals");
  const roles = useTranslations("Roles");
  const f = useFormat();
  const statusLabel = useStatusLabel();
  const words = useApprovalWords();
  // With several Alibaba Cloud accounts a request says which one its task lives in.
  const accounts = useAccounts();
  // A role as recorded with the request; one this page does not know, as recorded.
  const roleName = (role: string) => (role === "viewer" || role === "operator" || role === "admin" ? roles(role) : role);
  const headingId = useId();
  return (
    <article id={approvalRequestAnchor(request.id)} aria-labelledby={headingId} className="scroll-mt-4 space-y-3 rounded-lg border border-neutral-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-base font-semibold text-neutral-950">
          {request.taskName}
          <span className="font-normal text-neutral-700">{request.direction === "Reverse" ? t("directionReverse") : t("directionForward")}</span>
        </h3>
        <span className={`rounded border px-1.5 py-0.5 text-xs font-medium ${STATUS_CLASS[request.status]}`}>{words.requestStatus(request.status)}</span>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 md:grid-cols-4">
        <Fact label={t("factTaskId")}>
          <code className="font-mono">{request.resetJobId}</code>
        </Fact>
        {accounts.several ? (
          <Fact label={t("factAccount")}>
            <span data-account={request.account}>
              {accounts.nameOf(request.account)}
              {accounts.nameOf(request.account) !== request.account ? <span className="ml-1 font-mono text-xs text-neutral-700">{request.account}</span> : null}
            </span>
          </Fact>
        ) : null}
        <Fact label={t("factRegion")}>{f.region(request.region)}</Fact>
        <Fact label={t("factStatusWhenRequested")}>{statusLabel(request.taskStatus)}</Fact>
        <Fact label={t("factRequestedBy")}>{t("person", { username: request.requestedBy.username, role: roleName(request.requestedBy.role) })}</Fact>
        <Fact label={t("factRequested")}>{f.instant(request.requestedAt)}</Fact>
        <Fact label={request.status === "pending" ? t("factExpires") : t("factExpiredOrExpires")}>{f.instant(request.expiresAt)}</Fact>
        <Fact label={t("factSnapshotHash")}>
          <code className="font-mono">{request.snapshotHash.slice(0, 12)}</code>
        </Fact>
        {request.decidedBy ? (
          <Fact label={t("factDecidedBy")}>
            {t("personAt", { username: request.decidedBy.username, role: roleName(request.decidedBy.role), time: f.instant(request.decidedAt) ?? "" })}
          </Fact>
        ) : null}
        <Fact label={t("factReason")} wide>
          {request.reason}
        </Fact>
        {request.decisionComment ? (
          <Fact label={t("factComment")} wide>
            {request.decisionComment}
          </Fact>
        ) : null}
      </dl>
      {request.notice.status === "failed" ? (
        <p className="text-sm text-rose-900">{t("noticeFailed", { error: request.notice.error ?? "" })}</p>
      ) : null}
      {request.resetId ? (
        <p className="text-sm">
          <Link href={`/resets/${request.resetId}`} className="text-blue-700 underline underline-offset-2">
            {t("resetRecord")}
          </Link>
        </p>
      ) : null}
      <details className="text-sm">
        <summary className="cursor-pointer text-neutral-800">{t("eventsSummary", { count: request.events.length })}</summary>
        <ol className="mt-1 list-inside list-decimal space-y-0.5 text-neutral-800">
          {request.events.map((event) => (
            <li key={event.id}>
              {t("eventLine", { time: f.instant(event.at) ?? "", event: words.event(event.type) })}
              {event.actor ? t("eventBy", { username: event.actor.username }) : ""}
              {event.comment ? t("eventComment", { comment: event.comment }) : ""}
              {typeof event.detail.reason === "string" ? t("eventReason", { reason: event.detail.reason }) : ""}
            </li>
          ))}
        </ol>
      </details>
      {request.status === "pending" ? <Decide request={request} me={me} onDecided={onDecided} /> : null}
    </article>
  );
}

/**
 * Bulk resets waiting for a second person. They are decided on their own page (the plan, every
 * item and its blocked reason are there); this list only makes sure a reviewer finds them here too.
 */
function BulkRequests({ bulks }: { bulks: BulkSummary[] }) {
  const t = useTranslations("Approvals");
  const f = useFormat();
  return (
    <PageSection id="bulk-pending-heading" title={t("bulkPendingHeading", { count: bulks.length })}>
      {bulks.length === 0 ? <p className="text-sm text-neutral-700">{t("noBulkPending")}</p> : null}
      {bulks.length > 0 ? (
        <ul className="space-y-2">
          {bulks.map((bulk) => (
            <li key={bulk.id} className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
              <Link href={`/bulk-resets/${encodeURIComponent(bulk.id)}`} className="font-medium text-blue-700 underline underline-offset-2">
                {t("bulkPendingLink", { count: bulk.total })}
              </Link>
              <p className="mt-1">{t("bulkPendingLine", { username: bulk.createdBy, time: f.instant(bulk.createdAt) ?? "" })}</p>
              <p className="mt-1 break-words">{t("factReason")}: {bulk.reason}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </PageSection>
  );
}

/** The pending requests, or the decided ones: a titled list of cards, or what it says when there are none. */
function RequestList({
  id,
  title,
  empty,
  requests,
  me,
  onDecided,
}: {
  id: string;
  title: string;
  empty: string;
  requests: ResetRequestResult[];
  me: Me;
  onDecided: OnDecided;
}) {
  return (
    <PageSection id={id} title={title}>
      {requests.length === 0 ? <p className="text-sm text-neutral-700">{empty}</p> : null}
      {requests.map((request) => (
        <RequestCard key={request.id} request={request} me={me} onDecided={onDecided} />
      ))}
    </PageSection>
  );
}

export function ApprovalsClient({ me }: { me: Me }) {
  const t = useTranslations("Approvals");
  const words = useApprovalWords();
  const list = useQuery({ ...requestListOptions(), refetchInterval: 10_000 });
  const items = list.data?.items ?? [];
  const bulkList = useQuery({ ...bulkListOptions({ status: "awaiting_approval", page: 1, pageSize: 50 }), refetchInterval: 10_000 });
  const pending = items.filter((r) => r.status === "pending");
  const history = items.filter((r) => r.status !== "pending");
  // A decided request leaves the pending list (and its buttons with it): the outcome is said here,
  // and focus moves to it rather than falling to the page.
  const [outcome, setOutcome] = useState<DecisionAnswer & { action: string } | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const onDecided: OnDecided = (answer, action) => setOutcome({ ...answer, action });
  // Once the outcome is on screen (the region is hidden while empty), focus goes to it.
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  // A link to one request (/approvals#request-…, from its reset record) lands on its card once the list is in.
  const loaded = list.data !== undefined;
  useEffect(() => {
    // Request IDs are UUIDs: their anchor needs no decoding.
    const anchor = window.location.hash.slice(1);
    if (loaded && anchor) document.getElementById(anchor)?.scrollIntoView();
  }, [loaded]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-neutral-950">{t("title")}</h1>
        <p className="text-sm text-neutral-700">{t("intro")}</p>
      </div>
      <div ref={outcomeRef} tabIndex={-1} role="status" className="text-sm focus:outline-none empty:hidden">
        {outcome ? (
          <Notice tone="success" padding="roomy">
            {outcome.failure
              ? t("outcomeFailure", { task: outcome.request.taskName, failure: outcome.failure })
              : outcome.reset
                ? words.approved(outcome.reset.status)
                : outcome.action === "reject"
                  ? t("outcomeRejected", { task: outcome.request.taskName })
                  : t("outcomeCancelled", { task: outcome.request.taskName })}{" "}
            {outcome.reset ? (
              <Link href={`/resets/${outcome.reset.id}`} className="text-blue-700 underline underline-offset-2">
                {t("openResetRecord")}
              </Link>
            ) : null}
          </Notice>
        ) : null}
      </div>
      {list.isPending ? (
        <p className="flex items-center gap-2 text-sm text-neutral-700">
          <Spinner /> {t("loading")}
        </p>
      ) : list.isError && !list.data ? (
        <QueryErrorPanel title={t("loadFailed")} query={list} />
      ) : (
        <>
          <RequestList id="pending-heading" title={t("pendingHeading", { count: pending.length })} empty={t("noPending")} requests={pending} me={me} onDecided={onDecided} />
          {bulkList.data ? <BulkRequests bulks={bulkList.data.items} /> : null}
          <RequestList id="history-heading" title={t("historyHeading")} empty={t("noHistory")} requests={history} me={me} onDecided={onDecided} />
        </>
      )}
    </div>
  );
}
