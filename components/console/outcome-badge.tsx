"use client";
import { useTranslations } from "next-intl";
import type { ResetResult, ResetStatus } from "@/lib/domain/reset-record";
import { useFormat } from "@/lib/client/format";
import type { MessageKey } from "@/lib/client/message-key";
import { Badge } from "@/components/ui/badge";
import { Glyph, type BadgeLook } from "./glyph";

/** A shape per outcome as well as a colour and a word: the meaning never rests on colour alone. */
const LOOKS: Record<ResetStatus, BadgeLook> = {
  succeeded: { tone: "green", glyph: "check" },
  failed: { tone: "rose", glyph: "cross" },
  unknown: { tone: "amber", glyph: "question" },
  pending: { tone: "blue", glyph: "clock" },
};

const OUTCOME_KEYS: Record<ResetStatus, MessageKey<"Console">> = {
  succeeded: "outcomeSucceeded",
  failed: "outcomeFailed",
  unknown: "outcomeUnknown",
  pending: "outcomePending",
};

/** A reset outcome in the reader's language: the badge, the history's filter and its caption. */
export function useOutcomeLabel() {
  const t = useTranslations("Console");
  return (status: ResetStatus): string => t(OUTCOME_KEYS[status]);
}

export function OutcomeBadge({ status }: { status: ResetStatus }) {
  const label = useOutcomeLabel();
  return (
    <Badge tone={LOOKS[status].tone} data-outcome={status}>
      <Glyph name={LOOKS[status].glyph} />
      {label(status)}
    </Badge>
  );
}

/**
 * How the outcome was settled, in words under the badge: "Verified" once DTS showed the task Not
 * Configured, and "Resolved by reconciliation" when the console settled it by reading the task
 * rather than from DTS's answer to the reset.
 */
export function OutcomeNotes({ reset, withTimes = false }: { reset: ResetResult; withTimes?: boolean }) {
  const t = useTranslations("Console");
  const f = useFormat();
  const notes: Array<{ key: string; glyph: string; text: string }> = [];
  if (reset.resolvedBy === "reconciliation") {
    const at = withTimes ? f.instant(reset.reconciledAt) : null;
    notes.push({ key: "reconciled", glyph: "↻", text: at ? t("resolvedByReconciliationAt", { at }) : t("resolvedByReconciliation") });
  }
  if (reset.verifiedAt) {
    // Short in tables; the record page says what was verified and when.
    const at = withTimes ? f.instant(reset.verifiedAt) : null;
    notes.push({ key: "verified", glyph: "✓", text: at ? t("verifiedAt", { at }) : t("verified") });
  }
  if (notes.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs leading-snug text-neutral-700">
      {notes.map((note) => (
        <li key={note.key} className="flex items-start gap-1">
          <span aria-hidden="true">{note.glyph}</span>
          <span>{note.text}</span>
        </li>
      ))}
    </ul>
  );
}
