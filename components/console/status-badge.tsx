"use client";
import { useTranslations } from "next-intl";
import { statusTone, type StatusTone } from "@/lib/domain/status";
import { useStatusLabel } from "@/lib/client/format";
import { Badge } from "@/components/ui/badge";
import { Glyph, type BadgeLook } from "./glyph";

/** Each tone has its own shape as well as its own colour: meaning never rests on colour alone. */
const LOOKS: Record<StatusTone, BadgeLook> = {
  running: { tone: "green", glyph: "dot" },
  transitional: { tone: "blue", glyph: "half" },
  failed: { tone: "rose", glyph: "cross" },
  "not-configured": { tone: "slate", glyph: "dashedCircle" },
  stopped: { tone: "neutral", glyph: "square" },
  unknown: { tone: "amber", glyph: "triangle" },
};

/**
 * A task status: DTS's status in the reader's language (Alibaba's own words), an icon per kind of
 * status, and a colour. An unknown status is shown exactly as DTS sent it, flagged as unknown.
 */
export function StatusBadge({ status, known = true }: { status: string; known?: boolean }) {
  const tone = known ? statusTone(status) : "unknown";
  const label = useStatusLabel();
  const t = useTranslations("Status");
  return (
    // The raw enum as a tooltip: DTS's API and logs speak it, whatever the interface language.
    <Badge tone={LOOKS[tone].tone} data-status={status} data-tone={tone} title={status}>
      <Glyph name={LOOKS[tone].glyph} />
      {label(status)}
      {tone === "unknown" ? <span className="sr-only">{t("unknownSuffix")}</span> : null}
    </Badge>
  );
}
