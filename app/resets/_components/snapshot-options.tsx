"use client";
import { useTranslations } from "next-intl";
import { asRecord, type EmbeddedJson } from "@/lib/client/reset-snapshot";

/** Reserved: DTS's extra settings (network types, SSL, retry time…), one per line. */
export function ReservedOptions({ reserved }: { reserved: EmbeddedJson }) {
  const t = useTranslations("ResetDetail");
  const show = (value: unknown): string => (typeof value === "string" ? (value === "" ? t("reservedEmpty") : value) : JSON.stringify(value));
  if (reserved.raw === null) return <p className="text-sm text-neutral-700">{t("notInSnapshot")}</p>;
  const options = asRecord(reserved.parsed);
  if (!options) return <p className="text-sm text-neutral-700">{t("reservedNotObject")}</p>;
  const entries = Object.entries(options);
  if (entries.length === 0) return <p className="text-sm text-neutral-700">{t("reservedNone")}</p>;
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-mono text-xs leading-5 text-neutral-700">{key}</dt>
          <dd className="font-mono text-xs leading-5 break-all text-neutral-950">{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
