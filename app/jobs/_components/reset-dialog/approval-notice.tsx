"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { ApprovalDecision, ResetRequestResult } from "@/lib/domain/approval-types";
import { useFormat } from "@/lib/client/format";
import { approvalsHref } from "@/lib/client/hrefs";
import { AlertDialogCancel, AlertDialogDescription, AlertDialogFooter, AlertDialogHeader, AlertDialogTitle, AlertDialogBody } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { useDirectionLabel } from "./words";
import { Notice } from "@/components/ui/notice";

/** Why this reset needs a second person, from the rule that decided (the `reason` is the API's English). */
function useApprovalReason() {
  const t = useTranslations("ResetDialog");
  return (approval: ApprovalDecision): string => {
    const { basis, match, reason } = approval;
    if (basis === "setting") return t("approvalBasisSetting");
    if (basis === "all") return t("approvalBasisAll");
    // The rules that matched something say what; without it, the API's English says why.
    if (basis === "account" && match) return t("approvalBasisAccount", { account: match });
    if (basis === "region" && match) return t("approvalBasisRegion", { region: match });
    if (basis === "name" && match) return t("approvalBasisName", { pattern: match });
    return reason;
  };
}

/** The approval policy in force for this task, before the operator confirms anything. */
export function ApprovalNotice({ loading, failed, approval }: { loading: boolean; failed: boolean; approval: ApprovalDecision | null }) {
  const t = useTranslations("ResetDialog");
  const approvalReason = useApprovalReason();
  if (loading) return <p className="text-sm text-neutral-700">{t("approvalChecking")}</p>;
  if (failed || !approval) {
    return <p className="text-sm text-neutral-700">{t("approvalCheckFailed")}</p>;
  }
  if (!approval.required) return null;
  return (
    <Notice tone="warning" as="div" padding="roomy" role="note" aria-label={t("approvalRequired")}>
      <p className="font-medium">{t("approvalRequired")}</p>
      <p>{t("approvalBody", { reason: approvalReason(approval) })}</p>
    </Notice>
  );
}

/** After the request was recorded: what happens next, and where to follow it. */
export function RequestedPanel({ request }: { request: ResetRequestResult }) {
  const t = useTranslations("ResetDialog");
  const f = useFormat();
  const directionLabel = useDirectionLabel();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <AlertDialogHeader>
        <AlertDialogTitle>{t("requestedTitle")}</AlertDialogTitle>
        <AlertDialogDescription>{t("requestedDescription")}</AlertDialogDescription>
      </AlertDialogHeader>
      <AlertDialogBody className="space-y-2 text-sm text-neutral-800">
        <p role="status">
          {t.rich("requestedBody", {
            strong: (chunks) => <strong className="font-medium">{chunks}</strong>,
            direction: directionLabel(request.direction),
            name: request.taskName,
            expiresAt: f.instant(request.expiresAt) ?? "",
          })}
        </p>
        <p>
          <Link href={approvalsHref()} className="text-blue-700 underline underline-offset-2">
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
