"use client";
// The equivalent aliyun CLI command and TypeScript SDK call of a DTS call, each with its copy
// button (lib/domain/runbook.ts builds the text; it never holds a secret): the reset record, the
// reconfiguration pages, the reset dialog's confirm step and its result panel.
import { useTranslations } from "next-intl";
import type { Equivalent } from "@/lib/domain/runbook";
import { CopyButton } from "@/components/ui/copy-button";

const PRE =
  "max-h-80 overflow-auto rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all text-neutral-900 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600";

/** The two blocks, each with its copy button: the command line, and the SDK call (collapsed). */
export function RunbookBlocks({ action, equivalent }: { action: string; equivalent: Equivalent }) {
  const t = useTranslations("Runbook");
  return (
    <div className="space-y-2">
      <div className="space-y-1">
        <div className="flex items-center justify-between gap-2">
          <h3 className="text-sm font-medium text-neutral-900">{t("cli")}</h3>
          <CopyButton value={equivalent.cli} label={t("cliCopy", { action })} />
        </div>
        <pre tabIndex={0} role="group" aria-label={t("cli")} className={PRE}>
          {equivalent.cli}
        </pre>
      </div>
      <details className="space-y-1">
        <summary className="cursor-pointer text-sm font-medium text-neutral-900 focus-ring">
          {t("sdk")}
        </summary>
        <div className="flex justify-end">
          <CopyButton value={equivalent.sdk} label={t("sdkCopy", { action })} />
        </div>
        <pre tabIndex={0} role="group" aria-label={t("sdk")} className={PRE}>
          {equivalent.sdk}
        </pre>
      </details>
    </div>
  );
}

/** Collapsed under a summary that names the API: where the command is a side note (the reset dialog). */
export function RunbookDetails({ action, equivalent }: { action: string; equivalent: Equivalent }) {
  const t = useTranslations("Runbook");
  return (
    <details className="rounded-md border border-neutral-200 px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium text-neutral-900 focus-ring">
        {t("title", { action })}
      </summary>
      <p className="mt-1 text-xs text-neutral-700">{t("intro")}</p>
      <div className="mt-2">
        <RunbookBlocks action={action} equivalent={equivalent} />
      </div>
    </details>
  );
}
