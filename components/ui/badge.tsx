import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export type BadgeTone = "neutral" | "green" | "amber" | "rose" | "blue" | "slate";

// The classes are in app/globals.css (components layer), written once rather than in every badge.
const TONES: Record<BadgeTone, string> = {
  neutral: "badge-neutral",
  green: "badge-green",
  amber: "badge-amber",
  rose: "badge-rose",
  blue: "badge-blue",
  // Dashed outline: "not configured" reads as "empty", independent of colour.
  slate: "badge-slate",
};

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone?: BadgeTone;
}

export function Badge({ tone = "neutral", className, ...props }: BadgeProps) {
  return (
    <span
      className={cn("badge", TONES[tone], className)}
      {...props}
    />
  );
}
