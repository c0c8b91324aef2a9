import { asRecord, type EmbeddedJson } from "@/lib/client/reset-snapshot";

/** Migration modes in words ("on"/"off"), not ticks or colours. */
export function MigrationModes({ modes }: { modes: Record<string, boolean> | null }) {
  if (!modes) return <p className="text-sm text-neutral-700">Not in the snapshot.</p>;
  return (
    <ul className="flex flex-wrap gap-1.5 text-sm">
      {Object.entries(modes).map(([mode, on]) => (
        <li key={mode} className="rounded-md border border-neutral-200 px-2 py-0.5">
          {mode.replace(/([a-z])([A-Z])/g, "$1 $2")}: <strong className="font-medium">{on ? "on" : "off"}</strong>
        </li>
      ))}
    </ul>
  );
}

function show(value: unknown): string {
  return typeof value === "string" ? (value === "" ? "(empty)" : value) : JSON.stringify(value);
}

/** Reserved: DTS's extra settings (network types, SSL, retry time…), one per line. */
export function ReservedOptions({ reserved }: { reserved: EmbeddedJson }) {
  if (reserved.raw === null) return <p className="text-sm text-neutral-700">Not in the snapshot.</p>;
  const options = asRecord(reserved.parsed);
  if (!options) return <p className="text-sm text-neutral-700">Not a JSON object; see Reserved in the raw JSON below.</p>;
  const entries = Object.entries(options);
  if (entries.length === 0) return <p className="text-sm text-neutral-700">None.</p>;
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-mono text-xs leading-5 text-neutral-700">{key}</dt>
          <dd className="font-mono text-xs leading-5 break-all text-neutral-950">{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
