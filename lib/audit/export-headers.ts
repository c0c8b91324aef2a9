import "server-only";
// The CSV export's header row in the reader's language, from the "Export" namespace of the
// catalogs. Read with an explicit locale, not the request's: `?lang=zh-CN` asks for Chinese
// headers whatever the caller's cookie or Accept-Language say.
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/domain/locale";
import { messagesFor } from "@/lib/i18n/messages";
import type { ResetCsvHeaders } from "./export";

/** The header words for `locale`, or undefined for English: the header row then stays the column names. */
export async function resetCsvHeaders(locale: Locale): Promise<ResetCsvHeaders | undefined> {
  if (locale === "en") return undefined;
  // The catalogs share one shape (en.json's, as next-intl's AppConfig declares it).
  const messages = (await messagesFor(locale)) as unknown as Pick<typeof import("@/messages/en.json"), "Export">;
  const t = createTranslator({ locale, messages, namespace: "Export" });
  return {
    id: t("id"),
    requested_at: t("requestedAt"),
    finished_at: t("finishedAt"),
    status: t("status"),
    region: t("region"),
    job_type: t("jobType"),
    task_name: t("taskName"),
    job_id: t("jobId"),
    instance_id: t("instanceId"),
    direction: t("direction"),
    reset_job_id: t("resetJobId"),
    reason: t("reason"),
    actor_username: t("actorUsername"),
    actor_role: t("actorRole"),
    actor_address: t("actorAddress"),
    actor_user_agent: t("actorUserAgent"),
    idempotency_key: t("idempotencyKey"),
    request_id: t("requestId"),
    http_status: t("httpStatus"),
    error_code: t("errorCode"),
    error_message: t("errorMessage"),
    error_kind: t("errorKind"),
    retry_safe: t("retrySafe"),
    resolved_by: t("resolvedBy"),
    reconciled_at: t("reconciledAt"),
    reconciliation_note: t("reconciliationNote"),
    verified_at: t("verifiedAt"),
    job_id_after: t("jobIdAfter"),
    account: t("account"),
    approval_request_id: t("approvalRequestId"),
    approval_requested_by: t("approvalRequestedBy"),
    approved_by: t("approvedBy"),
    approved_at: t("approvedAt"),
    bulk_id: t("bulkId"),
  };
}
