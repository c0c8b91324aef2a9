"use client";
import { useTranslations } from "next-intl";
import { findRegion } from "@/lib/domain/regions";
import type { ResetDetail } from "@/lib/domain/reset-record";
import { useFormat } from "@/lib/client/format";
import { CopyButton } from "@/components/ui/copy-button";
import { Fact, FactList, NotRecorded, Section } from "./fact-list";
import { useDirectionLabel, useRoleLabel } from "./words";

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
          <Fact term={t("type")}>{jobType}</Fact>
          <Fact term={t("idempotencyKey")} mono full>
            {reset.idempotencyKey ? (
              <span className="inline-flex items-center gap-1">
                {reset.idempotencyKey}
                <CopyButton value={reset.idempotencyKey} label={t("idempotencyKeyCopy")} />
              </span>
            ) : (
              <NotRecorded>{t("idempotencyKeyNone")}</NotRecorded>
            )}
          </Fact>
          <Fact term={t("recordId")} mono full>
            {reset.id}
          </Fact>
        </FactList>
      </Section>
    </>
  );
}
