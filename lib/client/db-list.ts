// DbObject (DescribeDtsJobDetail) / DbList (ConfigureDtsJob): the databases and tables a task
// moves. DTS's shape: {"<source db>": {"name": "<destination db>", "all": true}} for a whole
// database, or {"<db>": {"name", "all": false, "Table": {"<table>": {"name", "all": true}}}}.
import { asRecord } from "./reset-snapshot";

export interface TableSelection {
  /** The name in the source. */
  source: string;
  /** The name in the destination, when DTS maps it to another one. */
  renamedTo: string | null;
  /** Every column (true), or only some. */
  allColumns: boolean;
}

export interface DatabaseSelection {
  source: string;
  renamedTo: string | null;
  /** The whole database, including tables created later. */
  whole: boolean;
  tables: TableSelection[];
}

function renamed(key: string, name: unknown): string | null {
  return typeof name === "string" && name !== "" && name !== key ? name : null;
}

/** The selection in words, or null when the document has a shape this reader does not know. */
export function summarizeDbList(parsed: unknown): DatabaseSelection[] | null {
  const root = asRecord(parsed);
  if (!root) return null;
  const databases: DatabaseSelection[] = [];
  for (const [key, raw] of Object.entries(root)) {
    const db = asRecord(raw);
    if (!db) return null;
    const tableMap = db.Table ?? db.table;
    const tables = asRecord(tableMap);
    if (tableMap !== undefined && !tables) return null;
    databases.push({
      source: key,
      renamedTo: renamed(key, db.name),
      whole: db.all === true || db.all === "true",
      tables: Object.entries(tables ?? {}).map(([tableKey, t]) => {
        const table = asRecord(t) ?? {};
        return { source: tableKey, renamedTo: renamed(tableKey, table.name), allColumns: table.Column === undefined && table.all !== false && table.all !== "false" };
      }),
    });
  }
  return databases;
}
