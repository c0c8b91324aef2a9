"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "./button";

/**
 * Copies a value (a task ID, a RequestId) to the clipboard. The button's name says what it
 * copies, so a table full of them is still navigable by screen reader.
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useTranslations("Common");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 1500);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      // Clipboard access needs a secure context and permission; say so rather than fail silently.
      setState("failed");
    }
  }

  return (
    <span className="inline-flex items-center">
      <Button variant="ghost" size="icon" onClick={copy} aria-label={t("copy", { label })} title={t("copy", { label })}>
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5">
          <rect x="5" y="5" width="8.5" height="8.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path d="M3 10.5V3.5A1 1 0 0 1 4 2.5h6.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
        </svg>
      </Button>
      {/* Outside the button: a live region inside a named button is not reliably announced. */}
      <span aria-live="polite" className="text-xs text-neutral-700">
        {state === "copied" ? t("copied") : state === "failed" ? t("copyFailed") : ""}
      </span>
    </span>
  );
}
