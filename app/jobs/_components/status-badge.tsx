import { statusTone, type StatusTone } from "@/lib/domain/status";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { humanizeStatus } from "@/lib/domain/format";

const BADGE_TONE: Record<StatusTone, BadgeTone> = {
  running: "green",
  transitional: "blue",
  failed: "rose",
  "not-configured": "slate",
  stopped: "neutral",
  unknown: "amber",
};

/** Each tone has its own shape as well as its own colour: meaning never rests on colour alone. */
function ToneIcon({ tone }: { tone: StatusTone }) {
  const common = { "aria-hidden": true, viewBox: "0 0 12 12", className: "size-3 shrink-0" } as const;
  switch (tone) {
    case "running":
      return (
        <svg {...common}>
          <circle cx="6" cy="6" r="4" fill="currentColor" />
        </svg>
      );
    case "transitional":
      return (
        <svg {...common}>
          <circle cx="6" cy="6" r="4.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M6 1.75A4.25 4.25 0 0 1 6 10.25Z" fill="currentColor" />
        </svg>
      );
    case "failed":
      return (
        <svg {...common}>
          <path d="M3 3l6 6M9 3l-6 6" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
        </svg>
      );
    case "not-configured":
      return (
        <svg {...common}>
          <circle cx="6" cy="6" r="4.25" fill="none" stroke="currentColor" strokeWidth="1.5" strokeDasharray="2 1.6" />
        </svg>
      );
    case "stopped":
      return (
        <svg {...common}>
          <rect x="2.5" y="2.5" width="7" height="7" rx="1" fill="currentColor" />
        </svg>
      );
    default:
      return (
        <svg {...common}>
          <path d="M6 1.5l4.5 9h-9z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
        </svg>
      );
  }
}

/**
 * A task status: DTS's status in words, an icon per kind of status, and a colour. An unknown
 * status is shown exactly as DTS sent it, flagged as unknown.
 */
export function StatusBadge({ status, known = true }: { status: string; known?: boolean }) {
  const tone = known ? statusTone(status) : "unknown";
  return (
    <Badge tone={BADGE_TONE[tone]} data-status={status} data-tone={tone}>
      <ToneIcon tone={tone} />
      {humanizeStatus(status)}
      {tone === "unknown" ? <span className="sr-only"> (status not known to this console)</span> : null}
    </Badge>
  );
}
