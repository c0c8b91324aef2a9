import Link from "next/link";
import type { ResetRequestResult } from "@/lib/domain/approval-types";
import { formatInstant } from "@/lib/domain/format";
import { approvalsHref } from "@/lib/client/hrefs";
import { Fact, FactList, Section } from "./fact-list";

/** The second person behind a reset made through an approval request: who asked, who approved. */
export function RecordApproval({ approval }: { approval: ResetRequestResult | null | undefined }) {
  if (!approval) return null;
  return (
    <Section id="record-approval" title="Approval">
      <FactList>
        <Fact term="Requested by">
          {approval.requestedBy.username} ({approval.requestedBy.role}), {formatInstant(approval.requestedAt) ?? approval.requestedAt}
        </Fact>
        <Fact term="Approved by">
          {approval.decidedBy ? `${approval.decidedBy.username} (${approval.decidedBy.role})` : "–"}
          {approval.decidedAt ? `, ${formatInstant(approval.decidedAt) ?? approval.decidedAt}` : ""}
        </Fact>
        {approval.decisionComment ? (
          <Fact term="Approver's comment" full>
            <span className="whitespace-pre-wrap">{approval.decisionComment}</span>
          </Fact>
        ) : null}
        <Fact term="Request" full>
          <Link href={approvalsHref()} className="text-blue-700 underline underline-offset-2">
            Every request and its history on the approvals page
          </Link>
        </Fact>
      </FactList>
    </Section>
  );
}
