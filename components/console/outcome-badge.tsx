import type { ResetResult, ResetStatus } from "@/lib/domain/reset-record";
import { formatInstant } from "@/lib/domain/format";
import { OUTCOME_LABELS } from "@/lib/client/reset-format";
import { Badge } from "@/components/ui/badge";
import { Glyph, type BadgeLook } from "./glyph";

/** A shape per outcome as well as a colour and a word: the meaning never rests on colour alone. */
const LOOKS: Record<ResetStatus, BadgeLook> = {
  succeeded: { tone: "green", glyph: "check" },
  failed: { tone: "rose", glyph: "cross" },
  unknown: { tone: "amber", glyph: "question" },
  pending: { tone: "blue", glyph: "clock" },
};

export function OutcomeBadge({ status }: { status: ResetStatus }) {
  return (
    <Badge tone={LOOKS[status].tone} data-outcome={status}>
      <Glyph name={LOOKS[status].glyph} />
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
