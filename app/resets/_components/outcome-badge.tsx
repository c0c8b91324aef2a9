import type { ResetResult, ResetStatus } from "@/lib/domain/reset-record";
import { formatInstant } from "@/lib/domain/format";
import { OUTCOME_LABELS } from "@/lib/client/reset-format";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<ResetStatus, BadgeTone> = {
  succeeded: "green",
  failed: "rose",
  unknown: "amber",
  pending: "blue",
};

/** A shape per outcome as well as a colour and a word: the meaning never rests on colour alone. */
function OutcomeIcon({ status }: { status: ResetStatus }) {
  const common = { "aria-hidden": true, viewBox: "0 0 12 12", className: "size-3 shrink-0" } as const;
  switch (status) {
    case "succeeded":
      return (
        <svg {...common}>
          <path d="M2.5 6.5l2.3 2.3 4.7-5.3" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case "failed":
      return (
        <svg {...common}>
          <path d="M3 3l6 6M9 3l-6 6" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
        </svg>
      );
    case "unknown":
      return (
        <svg {...common}>
          <path d="M4.2 4.4a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.4" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
          <circle cx="6" cy="9.6" r=".8" fill="currentColor" />
        </svg>
      );
    default:
      // A clock: sent, waiting.
      return (
        <svg {...common}>
          <circle cx="6" cy="6" r="4.3" fill="none" stroke="currentColor" strokeWidth="1.3" />
          <path d="M6 3.6V6l1.7 1.1" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
        </svg>
      );
  }
}

export function OutcomeBadge({ status }: { status: ResetStatus }) {
  return (
    <Badge tone={TONES[status]} data-outcome={status}>
      <OutcomeIcon status={status} />
      {OUTCOME_LABELS[status]}
    </Badge>
  );
}

/**
 * How the outcome was settled, in words under the badge: "Verified" once DTS showed the task Not
 * Configured, and "Resolved by reconciliation" when the console settled it by reading the task
 * rather than from DTS's answer to the reset.
 */
export function OutcomeNotes({ reset, withTimes = false }: { reset: ResetResult; withTimes?: boolean }) {
  const notes: string[] = [];
  if (reset.resolvedBy === "reconciliation") {
    const at = withTimes ? formatInstant(reset.reconciledAt) : null;
    notes.push(`Resolved by reconciliation${at ? ` at ${at}` : ""}`);
  }
  if (reset.verifiedAt) {
    // Short in tables; the record page says what was verified and when.
    const at = withTimes ? formatInstant(reset.verifiedAt) : null;
    notes.push(at ? `Verified: task seen Not Configured at ${at}` : "Verified");
  }
  if (notes.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs leading-snug text-neutral-700">
      {notes.map((note) => (
        <li key={note} className="flex items-start gap-1">
          <span aria-hidden="true">{note.startsWith("Verified") ? "✓" : "↻"}</span>
          <span>{note}</span>
        </li>
      ))}
    </ul>
  );
}
