"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";

/** Term/value pairs in two columns (four on wide screens), like the task detail page. */
export function FactList({ children, wide = true }: { children: ReactNode; wide?: boolean }) {
  return (
    <dl
      className={cn(
        // Baseline, not top: values in a smaller monospace font then sit on the line of their term.
        "grid grid-cols-[max-content_minmax(0,1fr)] items-baseline gap-x-4 gap-y-1.5 text-sm",
        wide && "lg:grid-cols-[max-content_minmax(0,1fr)_max-content_minmax(0,1fr)]",
      )}
    >
      {children}
    </dl>
  );
}

export function Fact({ term, children, mono = false, full = false }: { term: ReactNode; children: ReactNode; mono?: boolean; full?: boolean }) {
  return (
    <>
      <dt className="text-neutral-700">{term}</dt>
      <dd className={cn("min-w-0 break-words text-neutral-950", mono && "font-mono text-xs leading-5 break-all", full && "lg:col-span-3")}>
        {children}
      </dd>
    </>
  );
}

/** A value that was not recorded, said in words (a dash alone says nothing to a screen reader). */
export function NotRecorded({ children }: { children?: ReactNode }) {
  const t = useTranslations("ResetDetail");
  return <span className="font-sans text-sm text-neutral-600">{children ?? t("notRecorded")}</span>;
}

/** An identifier worth copying (a RequestId, an idempotency key) with its copy button; `none` in words when there is none. */
export function CopyableValue({ value, label, none }: { value: string | null; label: string; none: string }) {
  if (!value) return <NotRecorded>{none}</NotRecorded>;
  return (
    <span className="inline-flex items-center gap-1">
      {value}
      <CopyButton value={value} label={label} />
    </span>
  );
}

export function Section({ id, title, children, description }: { id: string; title: string; children: ReactNode; description?: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-lg border border-neutral-200 bg-white p-4">
      <div>
        <h2 id={id} className="text-base font-semibold text-neutral-950">
          {title}
        </h2>
        {description ? <p className="mt-0.5 text-sm text-neutral-700">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}
