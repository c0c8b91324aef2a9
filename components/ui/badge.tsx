import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export type BadgeTone = "neutral" | "green" | "amber" | "rose" | "blue" | "slate";

const TONES: Record<BadgeTone, string> = {
  neutral: "bg-neutral-100 text-neutral-800 ring-neutral-300",
  green: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
  rose: "bg-rose-50 text-rose-900 ring-rose-300",
  blue: "bg-sky-50 text-sky-900 ring-sky-300",
  // Dashed outline: "not configured" reads as "empty", independent of colour.
  slate: "bg-white text-slate-800 ring-0 border border-dashed border-slate-500",
};

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone?: BadgeTone;
}

export function Badge({ tone = "neutral", className, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        TONES[tone],
        className,
      )}
      {...props}
    />
  );
}
