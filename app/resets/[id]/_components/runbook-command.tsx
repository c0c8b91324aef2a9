"use client";
import { useTranslations } from "next-intl";
import type { Equivalent } from "@/lib/domain/runbook";
import { RunbookBlocks } from "@/components/console/runbook-blocks";

/**
 * The equivalent `aliyun` command and TypeScript SDK call of what the console sent, each with a
 * copy button (lib/domain/runbook.ts builds the text; it never holds a secret). `action` names the
 * API (ResetDtsJob, ConfigureDtsJob, ConfigureSubscription).
 */
export function RunbookCommand({ id, action, equivalent, passwords = false }: { id: string; action: string; equivalent: Equivalent; passwords?: boolean }) {
  const t = useTranslations("Runbook");
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-lg border border-neutral-200 bg-white p-4">
      <div>
        <h2 id={id} className="text-base font-semibold text-neutral-950">
          {t("title", { action })}
        </h2>
        <p className="mt-0.5 text-sm text-neutral-700">{t("intro")}</p>
        {passwords ? <p className="mt-0.5 text-sm text-neutral-700">{t("passwords")}</p> : null}
      </div>
      <RunbookBlocks action={action} equivalent={equivalent} />
    </section>
  );
}

/** Inside a record: the same, one click away (a reconfiguration's ConfigureDtsJob / ConfigureSubscription). */
export function RunbookDetails({ action, equivalent }: { action: string; equivalent: Equivalent }) {
  const t = useTranslations("Runbook");
  return (
    <details className="rounded-md border border-neutral-200 p-2">
      <summary className="cursor-pointer text-sm font-medium text-neutral-900 focus-ring">
        {t("title", { action })}
      </summary>
      <div className="mt-2 space-y-1">
        <p className="text-sm text-neutral-700">{t("intro")}</p>
        <p className="text-sm text-neutral-700">{t("passwords")}</p>
        <RunbookBlocks action={action} equivalent={equivalent} />
      </div>
    </details>
  );
}
