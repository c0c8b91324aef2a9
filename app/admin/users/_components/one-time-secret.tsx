"use client";
// A password or token shown once, right after it was made: the console keeps only its hash.
import { useTranslations } from "next-intl";
import { CopyButton } from "@/components/ui/copy-button";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

export function OneTimeSecret({ title, label, value, onDismiss }: { title: string; label: string; value: string; onDismiss: () => void }) {
  const t = useTranslations("Admin");
  return (
    <Notice tone="success" as="div" padding="roomy" role="status" className="mt-4">
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{t("secretShownOnce")}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs break-all" aria-label={label}>
          {value}
        </code>
        <CopyButton value={value} label={label} />
        <Button variant="secondary" size="sm" onClick={onDismiss}>
          {t("secretDone")}
        </Button>
      </div>
    </Notice>
  );
}
