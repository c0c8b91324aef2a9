"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { findRegion } from "@/lib/domain/regions";
import type { ResetApproval, ResetDetail } from "@/lib/domain/reset-record";
import { useFormat } from "@/lib/client/format";
import { approvalRequestHref } from "@/lib/client/hrefs";
import { CopyableValue, Fact, FactList, NotRecorded, Section } from "./fact-list";
import { useDirectionLabel, useRoleLabel } from "./words";

/** The account of a console with one: DEFAULT_ACCOUNT of lib/domain/task-ref.ts, not imported (that module carries zod). */
const DEFAULT_ACCOUNT = "default";

/** The two people behind a reset made on an approved request, and the way to that request. */
function ApprovalSummary({ approval }: { approval: ResetApproval }) {
  const t = useTranslations("ResetDetail");
  const f = useFormat();
  const { requestedBy: requester, approvedBy: approver, approvedAt } = approval;
  return (
    <>
      {approvedAt
        ? t.rich("approvalSummaryAt", {
            requester,
            approver,
            time: f.instant(approvedAt) ?? approvedAt,
            when: (chunks) => <time dateTime={approvedAt}>{chunks}</time>,
          })
        : t("approvalSummary", { requester, approver })}{" "}
      <Link href={approvalRequestHref(approval.requestId)} className="text-blue-700 underline underline-offset-2">
        {t("approvalOpenRequest")}
      </Link>
    </>
  );
}

/** Who asked for the reset, when and why, and which task it wiped. */
export function RecordRequest({ reset }: { reset: ResetDetail }) {
  const t = useTranslations("ResetDetail");
  const f = useFormat();
  const direction = useDirectionLabel();
  const role = useRoleLabel();
  const region = findRegion(reset.region);
  const newId = reset.jobIdAfter && reset.jobIdAfter !== reset.resetJobId ? reset.jobIdAfter : null;
  const jobType = reset.jobType === "SUBSCRIBE" ? t("typeChangeTracking") : reset.jobType === "MIGRATION" ? t("typeMigration") : t("typeSync");
  return (
    <>
      <Section id="record-who" title={t("whoTitle")}>
        <FactList>
          <Fact term={t("username")}>{reset.actor}</Fact>
          <Fact term={t("role")}>{role(reset.actorRole)}</Fact>
          <Fact term={t("clientAddress")} mono>
            {reset.actorAddress ?? <NotRecorded />}
          </Fact>
          <Fact term={t("requested")}>{f.instant(reset.requestedAt) ?? reset.requestedAt}</Fact>
          <Fact term={t("userAgent")} mono full>
            {reset.actorUserAgent ?? <NotRecorded />}
          </Fact>
          <Fact term={t("reason")} full>
            <span className="whitespace-pre-wrap">{reset.reason}</span>
          </Fact>
          {reset.approval ? (
            <Fact term={t("approvalTitle")} full>
              <ApprovalSummary approval={reset.approval} />
            </Fact>
          ) : null}
        </FactList>
      </Section>

      <Section id="record-target" title={t("targetTitle")}>
        <FactList>
          <Fact term={t("task")}>{reset.taskName}</Fact>
          <Fact term={t("direction")}>
            {direction(reset.direction)}
            {reset.direction === "Reverse" ? <span className="text-neutral-700">{t("reverseNote")}</span> : null}
          </Fact>
          <Fact term={t("taskId")} mono>
            {reset.jobId}
          </Fact>
          <Fact term={t("taskWiped")} mono>
            {reset.resetJobId}
          </Fact>
          <Fact term={t("instanceId")} mono>
            {reset.instanceId}
          </Fact>
          <Fact term={t("taskIdAfter")} mono>
            {newId ?? <NotRecorded>{t("taskIdAfterNone")}</NotRecorded>}
          </Fact>
          <Fact term={t("region")}>{region ? t("regionValue", { label: f.region(region.id), id: region.id }) : reset.region}</Fact>
          {reset.account && reset.account !== DEFAULT_ACCOUNT ? (
            <Fact term={t("account")} mono>
              {reset.account}
            </Fact>
          ) : null}
          <Fact term={t("type")}>{jobType}</Fact>
          <Fact term={t("idempotencyKey")} mono full>
            <CopyableValue value={reset.idempotencyKey} label={t("idempotencyKeyCopy")} none={t("idempotencyKeyNone")} />
          </Fact>
          <Fact term={t("recordId")} mono full>
            {reset.id}
          </Fact>
        </FactList>
      </Section>
    </>
  );
}
