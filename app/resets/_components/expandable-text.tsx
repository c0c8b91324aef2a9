"use client";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** Longer than this (or with line breaks), a text is clamped to two lines until expanded. */
const LONG = 90;

/**
 * A free text (a reason) that may be long: two lines in a table cell, the whole of it one click
 * away. The full text is always in the page, so screen readers and copy-paste get all of it.
 */
export function ExpandableText({ text, what }: { text: string; what: string }) {
  const t = useTranslations("Resets");
  const [open, setOpen] = useState(false);
  const id = useId();
  const long = text.length > LONG || text.includes("\n");
  return (
    <div>
      <p id={id} className={cn("break-words text-neutral-900", open || !long ? "whitespace-pre-wrap" : "line-clamp-2")}>
        {text}
      </p>
      {long ? (
        <Button variant="link" className="text-xs" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
          {open ? t("showLess") : t("showAll")}
          <span className="sr-only">{t("showWhat", { what })}</span>
        </Button>
      ) : null}
    </div>
  );
}
