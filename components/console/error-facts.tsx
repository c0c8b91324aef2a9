"use client";
import { useTranslations } from "next-intl";
import type { ApiRequestError } from "@/lib/client/api-error";
import { CopyButton } from "@/components/ui/copy-button";

/** What DTS said: code, RequestId, HTTP status and whether a retry is safe, as a compact list. */
export function ErrorFacts({ error, showRetrySafe = false }: { error: ApiRequestError; showRetrySafe?: boolean }) {
  const t = useTranslations("Console");
  const { body } = error;
  const requestId = body.requestId ?? body.reset?.requestId ?? null;
  const httpStatus = body.httpStatus ?? body.reset?.httpStatus ?? (error.status || null);
  const retrySafe = body.retrySafe ?? body.reset?.error?.retrySafe;
  return (
    <dl className="mt-2 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      <dt className="text-neutral-700">{t("errorCode")}</dt>
      <dd className="font-mono break-all text-neutral-950">
        {body.dtsCode ? `${body.dtsCode} (${body.code})` : body.code}
      </dd>
      <dt className="text-neutral-700">{t("requestId")}</dt>
      <dd className="flex min-w-0 items-center gap-1 font-mono break-all text-neutral-950">
        {requestId ? (
          <>
            <span>{requestId}</span>
            <CopyButton value={requestId} label={t("requestId")} />
          </>
        ) : (
          <span className="font-sans text-neutral-700">{t("noRequestId")}</span>
        )}
      </dd>
      <dt className="text-neutral-700">{t("httpStatus")}</dt>
      <dd className="font-mono text-neutral-950">
        {httpStatus ?? <span className="font-sans">{t("noAnswer")}</span>}
        {/* DTS can answer HTTP 200 with Success: false; the console's own status then differs. */}
        {error.status && httpStatus !== error.status ? (
          <span className="font-sans text-neutral-700">{t("consoleAnswered", { status: error.status })}</span>
        ) : null}
      </dd>
      {showRetrySafe ? (
        <>
          <dt className="text-neutral-700">{t("retrySafe")}</dt>
          <dd className="text-neutral-950">
            {retrySafe === true ? t("retrySafeYes") : retrySafe === false ? t("retrySafeNo") : t("retrySafeUnknown")}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
