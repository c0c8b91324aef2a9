import type { HTMLAttributes } from "react";
import { cn } from "./cn";

/** A notice's colours, by what it says: a note, a warning, an error, a confirmation, a plain remark. */
const TONES = {
  info: "border-sky-300 bg-sky-50 text-sky-950",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  danger: "border-rose-300 bg-rose-50 text-rose-950",
  success: "border-emerald-300 bg-emerald-50 text-emerald-950",
  neutral: "border-neutral-300 bg-neutral-50 text-neutral-900",
} as const;

export type NoticeTone = keyof typeof TONES;

const PADDING = {
  normal: "px-3 py-2",
  roomy: "p-3",
  /** The caller's className pads it (a bulleted list needs room on the left). */
  none: "",
} as const;

export interface NoticeProps extends HTMLAttributes<HTMLElement> {
  tone: NoticeTone;
  /** The element: a paragraph by default, a div for several, a list for a list. */
  as?: "p" | "div" | "ul";
  padding?: keyof typeof PADDING;
}

/**
 * A boxed message on a page: a note, a warning, an error, a confirmation. The tone is its colour
 * only; what it is to assistive technology (role="alert", "status" or "note", a label) is the
 * caller's, passed through as given.
 */
export function Notice({ tone, as: Element = "p", padding = "normal", className, ...props }: NoticeProps) {
  return <Element className={cn("rounded-md border text-sm", PADDING[padding], TONES[tone], className)} {...props} />;
}
