"use client";
import { useTranslations } from "next-intl";
import type { JobType } from "@/lib/domain/status";
import { useStatusLabel } from "@/lib/client/format";

export const RESET_DOCS_URL = "https://www.alibabacloud.com/help/en/dts/user-guide/reset-a-dts-instance";

/**
 * What a reset does, in full, before the operator commits to it. `twoWay`: DTS does not document
 * what resetting one direction of a two-way instance does to the other
 * (https://alibabacloud.com/help/en/dts/developer-reference/api-resetdtsjob), so the dialog says it
 * may stop it too. In Chinese, the official warning of ResetDtsJob (docs/reference/zh-glossary.md
 * §2.4); the linked guide has no Chinese version that we know of, so the link says it is in English.
 */
export function ResetConsequences({ jobType, twoWay = false }: { jobType: JobType; twoWay?: boolean }) {
  const t = useTranslations("ResetDialog");
  const statusLabel = useStatusLabel();
  return (
    <section aria-labelledby="reset-consequences-heading">
      <h3 id="reset-consequences-heading" className="text-sm font-semibold text-neutral-900">
        {t("consequencesHeading")}
      </h3>
      <ul className="mt-1.5 list-disc space-y-1 pl-5 text-sm text-neutral-800">
        <li>{t("consequenceCleared")}</li>
        <li>
          {t.rich("consequenceRecreated", {
            strong: (chunks) => <strong>{chunks}</strong>,
            notConfigured: statusLabel("NotConfigured"),
          })}
        </li>
        <li>{t("consequenceReconfigure")}</li>
        <li>{t("consequenceData")}</li>
        {twoWay ? <li>{t("consequenceTwoWay")}</li> : null}
        {jobType === "SUBSCRIBE" ? <li>{t("consequenceChangeTracking")}</li> : null}
        <li>{t("consequenceBilling")}</li>
      </ul>
      <p className="mt-2 text-sm">
        <a
          href={RESET_DOCS_URL}
          target="_blank"
          rel="noreferrer"
          className="text-blue-700 underline underline-offset-2 hover:text-blue-900 focus-ring"
        >
          {t("docsLink")}
          <span className="sr-only">{t("opensInNewTab")}</span>
        </a>
      </p>
    </section>
  );
}
