"use client";
import Link from "next/link";
import { useEffect, useRef } from "react";
import type { ApprovalDecision, ResetRequestResult } from "@/lib/domain/approval-types";
import { formatInstant } from "@/lib/domain/format";
import { approvalsHref } from "@/lib/client/hrefs";
import { AlertDialogCancel, AlertDialogDescription, AlertDialogFooter, AlertDialogHeader, AlertDialogTitle, AlertDialogBody } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";

/** The approval policy in force for this task, before the operator confirms anything. */
export function ApprovalNotice({ loading, failed, approval }: { loading: boolean; failed: boolean; approval: ApprovalDecision | null }) {
  if (loading) return <p className="text-sm text-neutral-700">Checking whether this reset needs a second person&apos;s approval…</p>;
  if (failed || !approval) {
    return <p className="text-sm text-neutral-700">Could not check the approval policy; the server applies it when you confirm.</p>;
  }
  if (!approval.required) return null;
  return (
    <div role="note" aria-label="Approval required" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="font-medium">Approval required</p>
      <p>
        {approval.reason} Confirming sends a request; nothing is sent to DTS until another operator or admin approves it on the
        Approvals page.
      </p>
    </div>
  );
}

/** After the request was recorded: what happens next, and where to follow it. */
export function RequestedPanel({ request }: { request: ResetRequestResult }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <AlertDialogHeader>
        <AlertDialogTitle>Approval requested</AlertDialogTitle>
        <AlertDialogDescription>Nothing was sent to DTS: the reset waits for a second person.</AlertDialogDescription>
      </AlertDialogHeader>
      <AlertDialogBody className="space-y-2 text-sm text-neutral-800">
        <p role="status">
          Your request to reset the {request.direction} task of <strong className="font-medium">{request.taskName}</strong> is pending.
          Another operator or admin must approve it before {formatInstant(request.expiresAt)}.
        </p>
        <p>
          <Link href={approvalsHref()} className="text-blue-700 underline underline-offset-2">
            Follow it on the Approvals page
          </Link>
        </p>
      </AlertDialogBody>
      <AlertDialogFooter>
        <AlertDialogCancel asChild>
          <Button ref={closeRef} variant="secondary">
            Close
          </Button>
        </AlertDialogCancel>
      </AlertDialogFooter>
    </div>
  );
}
