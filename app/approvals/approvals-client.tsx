"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { COMMENT_MAX, type ResetRequestResult, type ResetRequestStatus } from "@/lib/domain/approval-types";
import { formatInstant } from "@/lib/domain/format";
import type { Role } from "@/lib/domain/roles";
import { requestListOptions, useDecision, type DecisionAnswer } from "@/lib/client/approvals";
import { toApiRequestError } from "@/lib/client/api-error";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { QueryErrorPanel } from "@/components/console/error-panel";

const STATUS_TEXT: Record<ResetRequestStatus, string> = {
  pending: "Pending",
  approved: "Approved",
  rejected: "Rejected",
  expired: "Expired",
  cancelled: "Cancelled",
  invalidated: "Invalidated",
};

const STATUS_CLASS: Record<ResetRequestStatus, string> = {
  pending: "border-amber-300 bg-amber-50 text-amber-950",
  approved: "border-emerald-300 bg-emerald-50 text-emerald-950",
  rejected: "border-rose-300 bg-rose-50 text-rose-950",
  expired: "border-neutral-300 bg-neutral-100 text-neutral-900",
  cancelled: "border-neutral-300 bg-neutral-100 text-neutral-900",
  invalidated: "border-rose-300 bg-rose-50 text-rose-950",
};

const EVENT_TEXT: Record<string, string> = {
  requested: "requested",
  approved: "approved",
  rejected: "rejected",
  cancelled: "cancelled",
  expired: "expired",
  invalidated: "invalidated",
  reset_recorded: "reset recorded",
  notice_sent: "notice sent",
  notice_failed: "notice failed",
};

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
  const id = useId();
  const [comment, setComment] = useState("");
  const decision = useDecision();
  const own = request.requestedBy.username === me.username;
  // roles.ts carries zod; this page stays light (bench/budget.json). The server decides anyway.
  const canReview = me.role === "operator" || me.role === "admin";
  const error = decision.error ? toApiRequestError(decision.error) : null;
  const busy = decision.isPending;

  if (!canReview) return <p className="text-sm text-neutral-700">Your role, {me.role}, cannot decide reset requests.</p>;

  const send = (action: "approve" | "reject" | "cancel") => {
    if (busy) return;
    decision.mutate({ action, id: request.id, comment: comment.trim() || undefined }, {
        onSuccess: (answer) => onDecided(answer, action),
        // The request left "pending" (invalidated, expired, decided by someone else): its card moves
        // to the history, so the page says why.
        onError: (failure) => {
          if (failure.body.request) onDecided({ request: failure.body.request as ResetRequestResult, failure: failure.message }, action);
        },
      });
  };

  return (
    <div className="space-y-2">
      {own ? (
        <p className="text-sm text-neutral-800">You made this request: another operator or admin must approve it.</p>
      ) : null}
      <div>
        <label htmlFor={`${id}-comment`} className="text-sm font-medium text-neutral-900">
          Comment {own ? "(optional)" : "(required to reject)"}
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
            Cancel request
          </Button>
        ) : (
          <>
            <Button variant="destructive" aria-disabled={busy} onClick={() => send("approve")}>
              {busy ? <Spinner /> : null}
              Approve and reset
            </Button>
            <Button variant="secondary" aria-disabled={busy || comment.trim() === ""} onClick={() => comment.trim() !== "" && send("reject")}>
              Reject
            </Button>
          </>
        )}
      </div>
      {error ? (
        <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-950">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}

function RequestCard({ request, me, onDecided }: { request: ResetRequestResult; me: Me; onDecided: OnDecided }) {
  const headingId = useId();
  return (
    <article aria-labelledby={headingId} className="space-y-3 rounded-lg border border-neutral-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-base font-semibold text-neutral-950">
          {request.taskName} <span className="font-normal text-neutral-700">({request.direction})</span>
        </h3>
        <span className={`rounded border px-1.5 py-0.5 text-xs font-medium ${STATUS_CLASS[request.status]}`}>{STATUS_TEXT[request.status]}</span>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 md:grid-cols-4">
        <Fact label="Task ID">
          <code className="font-mono">{request.resetJobId}</code>
        </Fact>
        <Fact label="Region">{request.region}</Fact>
        <Fact label="Status when requested">{request.taskStatus}</Fact>
        <Fact label="Requested by">
          {request.requestedBy.username} ({request.requestedBy.role})
        </Fact>
        <Fact label="Requested">{formatInstant(request.requestedAt)}</Fact>
        <Fact label={request.status === "pending" ? "Expires" : "Expired or expires"}>{formatInstant(request.expiresAt)}</Fact>
        <Fact label="Snapshot hash">
          <code className="font-mono">{request.snapshotHash.slice(0, 12)}</code>
        </Fact>
        {request.decidedBy ? (
          <Fact label="Decided by">
            {request.decidedBy.username} ({request.decidedBy.role}), {formatInstant(request.decidedAt)}
          </Fact>
        ) : null}
        <Fact label="Reason" wide>
          {request.reason}
        </Fact>
        {request.decisionComment ? (
          <Fact label="Comment" wide>
            {request.decisionComment}
          </Fact>
        ) : null}
      </dl>
      {request.notice.status === "failed" ? (
        <p className="text-sm text-rose-900">The notice to reviewers failed: {request.notice.error}</p>
      ) : null}
      {request.resetId ? (
        <p className="text-sm">
          <Link href={`/resets/${request.resetId}`} className="text-blue-700 underline underline-offset-2">
            Reset record
          </Link>
        </p>
      ) : null}
      <details className="text-sm">
        <summary className="cursor-pointer text-neutral-800">History ({request.events.length})</summary>
        <ol className="mt-1 list-inside list-decimal space-y-0.5 text-neutral-800">
          {request.events.map((event) => (
            <li key={event.id}>
              {formatInstant(event.at)}: {EVENT_TEXT[event.type] ?? event.type}
              {event.actor ? ` by ${event.actor.username}` : ""}
              {event.comment ? ` — “${event.comment}”` : ""}
              {typeof event.detail.reason === "string" ? ` (${event.detail.reason})` : ""}
            </li>
          ))}
        </ol>
      </details>
      {request.status === "pending" ? <Decide request={request} me={me} onDecided={onDecided} /> : null}
    </article>
  );
}

export function ApprovalsClient({ me }: { me: Me }) {
  const list = useQuery({ ...requestListOptions(), refetchInterval: 10_000 });
  const items = list.data?.items ?? [];
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
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-neutral-950">Approvals</h1>
        <p className="text-sm text-neutral-700">
          Resets that need a second person. Nobody approves their own request; &quot;Approve and reset&quot; re-reads the task and
          resets it at once, unless it changed since the request.
        </p>
      </div>
      <div ref={outcomeRef} tabIndex={-1} role="status" className="text-sm focus:outline-none empty:hidden">
        {outcome ? (
          <p className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-950">
            {outcome.failure
              ? `${outcome.request.taskName}: ${outcome.failure} `
              : outcome.reset
                ? `Approved: the reset ${outcome.reset.status}. `
                : `Request ${outcome.action === "reject" ? "rejected" : "cancelled"}: ${outcome.request.taskName}. `}
            {outcome.reset ? (
              <Link href={`/resets/${outcome.reset.id}`} className="text-blue-700 underline underline-offset-2">
                Open the reset record
              </Link>
            ) : null}
          </p>
        ) : null}
      </div>
      {list.isPending ? (
        <p className="flex items-center gap-2 text-sm text-neutral-700">
          <Spinner /> Loading requests…
        </p>
      ) : list.isError && !list.data ? (
        <QueryErrorPanel title="The requests could not be loaded" query={list} />
      ) : (
        <>
          <section aria-labelledby="pending-heading" className="space-y-3">
            <h2 id="pending-heading" className="text-lg font-semibold text-neutral-950">
              Pending ({pending.length})
            </h2>
            {pending.length === 0 ? <p className="text-sm text-neutral-700">No request is waiting.</p> : null}
            {pending.map((request) => (
              <RequestCard key={request.id} request={request} me={me} onDecided={onDecided} />
            ))}
          </section>
          <section aria-labelledby="history-heading" className="space-y-3">
            <h2 id="history-heading" className="text-lg font-semibold text-neutral-950">
              History
            </h2>
            {history.length === 0 ? <p className="text-sm text-neutral-700">No decided request yet.</p> : null}
            {history.map((request) => (
              <RequestCard key={request.id} request={request} me={me} onDecided={onDecided} />
            ))}
          </section>
        </>
      )}
    </div>
  );
}
