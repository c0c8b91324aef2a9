"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ResetRequestResult } from "@/lib/domain/approval-types";
import { useFormat } from "@/lib/client/format";
import { approvalsHref } from "@/lib/client/hrefs";
import { Fact, FactList, Section } from "./fact-list";
import { useRoleLabel } from "./words";

/** The second person behind a reset made through an approval request: who asked, who approved. */
export function RecordApproval({ approval }: { approval: ResetRequestResult | null | undefined }) {
  const t = useTranslations("ResetDetail");
  const f = useFormat();
  const role = useRoleLabel();
  if (!approval) return null;
  return (
    <Section id="record-approval" title={t("approvalTitle")}>
      <FactList>
        <Fact term={t("approvalRequestedBy")}>
          {t("approvalPersonAt", {
            username: approval.requestedBy.username,
            role: role(approval.requestedBy.role),
            time: f.instant(approval.requestedAt) ?? approval.requestedAt,
          })}
        </Fact>
        <Fact term={t("approvalApprovedBy")}>
          {approval.decidedBy ? t("approvalPerson", { username: approval.decidedBy.username, role: role(approval.decidedBy.role) }) : "–"}
          {approval.decidedAt ? t("approvalAt", { time: f.instant(approval.decidedAt) ?? approval.decidedAt }) : ""}
        </Fact>
        {approval.decisionComment ? (
          <Fact term={t("approvalComment")} full>
            <span className="whitespace-pre-wrap">{approval.decisionComment}</span>
          </Fact>
        ) : null}
        <Fact term={t("approvalRequest")} full>
          <Link href={approvalsHref()} className="text-blue-700 underline underline-offset-2">
            {t("approvalLink")}
          </Link>
        </Fact>
      </FactList>
    </Section>
  );
}
