import { statusTone, type StatusTone } from "@/lib/domain/status";
import { humanizeStatus } from "@/lib/domain/format";
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
 * A task status: DTS's status in words, an icon per kind of status, and a colour. An unknown
 * status is shown exactly as DTS sent it, flagged as unknown.
 */
export function StatusBadge({ status, known = true }: { status: string; known?: boolean }) {
  const tone = known ? statusTone(status) : "unknown";
  return (
    <Badge tone={LOOKS[tone].tone} data-status={status} data-tone={tone}>
      <Glyph name={LOOKS[tone].glyph} />
      {humanizeStatus(status)}
      {tone === "unknown" ? <span className="sr-only"> (status not known to this console)</span> : null}
    </Badge>
  );
}
