import { summarizeDbList } from "@/lib/client/db-list";
import type { EmbeddedJson } from "@/lib/client/reset-snapshot";

function Renamed({ to }: { to: string | null }) {
  if (!to) return null;
  return (
    <span className="text-neutral-700">
      {" "}
      (named <span className="font-mono">{to}</span> in the destination)
    </span>
  );
}

/** The databases and tables the task moved, every one of them (a record is read in full). */
export function DbSelection({ dbObject }: { dbObject: EmbeddedJson }) {
  if (dbObject.raw === null) return <p className="text-sm text-neutral-700">Not in the snapshot (DTS did not report the selected objects).</p>;
  const databases = dbObject.parsed === undefined ? null : summarizeDbList(dbObject.parsed);
  if (!databases) {
    return <p className="text-sm text-neutral-700">DTS reported the objects in a shape this console does not summarise; see DbObject in the raw JSON below.</p>;
  }
  if (databases.length === 0) return <p className="text-sm text-neutral-700">No objects were selected.</p>;
  return (
    <ul className="space-y-1.5 text-sm text-neutral-900">
      {databases.map((db) => (
        <li key={db.source}>
          <span className="text-neutral-700">Database </span>
          <span className="font-mono font-medium">{db.source}</span>
          <Renamed to={db.renamedTo} />:{" "}
          {db.whole ? (
            "the whole database"
          ) : db.tables.length === 0 ? (
            "selected objects (see the raw JSON)"
          ) : (
            <>
              {db.tables.length} table{db.tables.length === 1 ? "" : "s"}
              <ul className="mt-0.5 ml-5 list-disc space-y-0.5">
                {db.tables.map((table) => (
                  <li key={table.source}>
                    <span className="font-mono">{table.source}</span>
                    <Renamed to={table.renamedTo} />
                    {table.allColumns ? null : <span className="text-neutral-700"> (some columns)</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
