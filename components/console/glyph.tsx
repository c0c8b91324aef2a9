import type { ReactNode } from "react";
import type { BadgeTone } from "@/components/ui/badge";

// The small shapes the console's badges carry beside their colour and word, so that meaning never
// rests on colour alone. One set for the task status and the reset outcome badges.
const GLYPHS = {
  dot: <circle cx="6" cy="6" r="4" fill="currentColor" />,
  half: (
    <>
      <circle cx="6" cy="6" r="4.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M6 1.75A4.25 4.25 0 0 1 6 10.25Z" fill="currentColor" />
    </>
  ),
  cross: <path d="M3 3l6 6M9 3l-6 6" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />,
  dashedCircle: <circle cx="6" cy="6" r="4.25" fill="none" stroke="currentColor" strokeWidth="1.5" strokeDasharray="2 1.6" />,
  square: <rect x="2.5" y="2.5" width="7" height="7" rx="1" fill="currentColor" />,
  triangle: <path d="M6 1.5l4.5 9h-9z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />,
  check: <path d="M2.5 6.5l2.3 2.3 4.7-5.3" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" />,
  question: (
    <>
      <path d="M4.2 4.4a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.4" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
      <circle cx="6" cy="9.6" r=".8" fill="currentColor" />
    </>
  ),
  // A clock: sent, waiting.
  clock: (
    <>
      <circle cx="6" cy="6" r="4.3" fill="none" stroke="currentColor" strokeWidth="1.3" />
      <path d="M6 3.6V6l1.7 1.1" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
    </>
  ),
} satisfies Record<string, ReactNode>;

export type GlyphName = keyof typeof GLYPHS;

/** How a badge shows one value: its colour and its shape. */
export interface BadgeLook {
  tone: BadgeTone;
  glyph: GlyphName;
}

export function Glyph({ name }: { name: GlyphName }) {
  return (
    <svg aria-hidden viewBox="0 0 12 12" className="size-3 shrink-0">
      {GLYPHS[name]}
    </svg>
  );
}
