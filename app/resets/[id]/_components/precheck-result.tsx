"use client";
import { useTranslations } from "next-intl";
import type { ReconfigurationRecord } from "@/lib/domain/reconfigure";

/** A precheck as DTS last reported it: its state, and each failed item with DTS's message and repair advice. */
export function PrecheckResult({ precheck }: { precheck: NonNullable<ReconfigurationRecord["precheck"]> }) {
  const t = useTranslations("Reconfigure");
  return (
    <div className="space-y-1">
      <p className="text-sm text-neutral-800">
        {precheck.failed.length
          ? t("precheckSummaryFailed", { state: precheck.state, total: precheck.total, failed: precheck.failed.length })
          : t("precheckSummary", { state: precheck.state, total: precheck.total })}
      </p>
      {precheck.failed.length ? (
        <ul aria-label={t("failedItems")} className="space-y-1">
          {precheck.failed.map((item) => (
            <li key={item.item} className="rounded border border-rose-300 bg-rose-50 px-2 py-1 text-sm text-rose-950">
              <span className="font-mono text-xs font-semibold">{item.item}</span>: {item.message ?? t("noMessage")}
              {item.repairMethod ? <span className="block text-xs text-rose-900">{t("howToFix", { repair: item.repairMethod })}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
