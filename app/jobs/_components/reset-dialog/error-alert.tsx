"use client";
import { useTranslations } from "next-intl";
import { signInPath } from "@/lib/auth/next-path";
import type { ApiRequestError } from "@/lib/client/api-error";
import { useErrorText, useStatusLabel } from "@/lib/client/format";
import { entryOf, type MessageKey } from "@/lib/client/message-key";
import { ErrorFacts } from "@/components/console/error-facts";

/** An answer that leaves the operator not knowing whether DTS wiped the task. */
export function isOutcomeUnknown(error: ApiRequestError): boolean {
  return error.code === "outcome_unknown" || error.isNetworkError;
}

/** The codes with a headline of their own; any other refusal sent nothing. */
const HEADLINE_KEYS: Record<"dts_error" | "dts_unavailable" | "reset_in_progress", MessageKey<"ResetDialog">> = {
  dts_error: "errorDtsRefused",
  dts_unavailable: "errorDtsUnavailable",
  reset_in_progress: "errorInProgress",
};

/** What the failure means for the reset, from the answer's status and code. */
function headlineKey(error: ApiRequestError): MessageKey<"ResetDialog"> {
  if (isOutcomeUnknown(error)) return "errorOutcomeUnknown";
  if (error.status === 401) return "errorSignedOut";
  if (error.status === 403) return "errorRefused";
  return entryOf(HEADLINE_KEYS, error.code) ?? "errorNotSent";
}

/**
 * Shown inside the dialog, which stays open so the operator can read it and decide. The body is
 * the console's own words for the error code; DTS's own message, when DTS answered with an error
 * code, is shown as DTS wrote it.
 */
export function ResetErrorAlert({ error }: { error: ApiRequestError }) {
  const t = useTranslations("ResetDialog");
  const errorText = useErrorText();
  const statusLabel = useStatusLabel();
  const unknown = isOutcomeUnknown(error);
  const dtsMessage = error.body.dtsCode && error.body.message ? error.body.message : null;
  return (
    <div role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-3 text-rose-950">
      <p className="font-semibold">{t(headlineKey(error))}</p>
      {unknown ? (
        <p className="mt-1 text-sm font-medium">
          {t("errorOutcomeUnknownBody", { notConfigured: statusLabel("NotConfigured") })}
        </p>
      ) : null}
      <p className="mt-1 text-sm">{errorText(error)}</p>
      {dtsMessage ? <p className="mt-1 text-sm">{t("errorDtsMessage", { message: dtsMessage })}</p> : null}
      {error.status === 401 ? (
        <p className="mt-1 text-sm">
          {t.rich("errorSignInAgain", {
            link: (chunks) => (
              <a
                className="font-medium underline underline-offset-2"
                href={signInPath(`${window.location.pathname}${window.location.search}`, "expired")}
              >
                {chunks}
              </a>
            ),
          })}
        </p>
      ) : null}
      <ErrorFacts error={error} showRetrySafe />
    </div>
  );
}
