"use client";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { formatDateTime, formatDelay, formatInstant, formatNumber, formatTime } from "@/lib/domain/format";
import { canonicalStatus } from "@/lib/domain/status";
import { regionLabel } from "@/lib/domain/regions";
import type { DomainErrorCode } from "@/lib/domain/errors";
import { ApiRequestError } from "./api-error";

/** The formatters of lib/domain/format.ts, bound to the reader's locale. */
export function useFormat() {
  const locale = useLocale();
  return useMemo(
    () => ({
      locale,
      dateTime: (iso: string | null | undefined) => formatDateTime(iso, locale),
      time: (iso: string | null | undefined) => formatTime(iso, locale),
      instant: (iso: string | null | undefined) => formatInstant(iso, locale),
      delay: (seconds: number | null | undefined) => formatDelay(seconds, locale),
      number: (value: number) => formatNumber(value, locale),
      region: (regionId: string) => regionLabel(regionId, locale),
    }),
    [locale],
  );
}

/**
 * A DTS status in the reader's language, with the words of Alibaba's own console (未配置 for
 * NotConfigured). A status this console does not know is shown exactly as DTS sent it.
 */
export function useStatusLabel() {
  const t = useTranslations("Status");
  return useCallback(
    (raw: string) => {
      // Every status the console knows has a message (tests/unit/i18n-catalogs.test.ts checks it).
      const { status, known } = canonicalStatus(raw);
      return known ? t(status as "NotConfigured") : raw;
    },
    [t],
  );
}

/**
 * What an API error means, in the reader's language, from its `code` (never from the English
 * `message`, which is for API clients and logs). DTS's own message, when there is one, is kept as
 * DTS wrote it: the caller shows it beside, labelled.
 */
export function useErrorText() {
  const t = useTranslations("Errors");
  const common = useTranslations("Common");
  const locale = useLocale();
  return (error: ApiRequestError | { code: string }) => {
    const code = error.code as DomainErrorCode | "network_error";
    if (error instanceof ApiRequestError && error.isNetworkError) return t("network_error");
    const text = t.has(code) ? t(code) : t("unknown_code");
    // The error's data, where it tells the reader what to do: how long to wait (throttled sign-in, DTS's quota).
    const wait = error instanceof ApiRequestError ? (error.body as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
    const delay = typeof wait === "number" ? formatDelay(wait, locale) : null;
    return delay ? `${text} ${common("retryAfter", { wait: delay })}` : text;
  };
}
