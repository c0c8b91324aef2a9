"use client";
import { useTranslations } from "next-intl";

/**
 * A readable summary of DbObject, the objects a task moves. DTS's shape is
 * {"<db>": {"name", "all"?: true, "Table"?: {"<table>": {...}}}}; anything else is shown raw.
 */
interface DbEntry {
  name: string;
  all: boolean;
  tables: string[];
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function summarizeDbObject(value: unknown): DbEntry[] | null {
  const root = asRecord(value);
  if (!root) return null;
  const entries: DbEntry[] = [];
  for (const [key, raw] of Object.entries(root)) {
    const db = asRecord(raw);
    if (!db) return null;
    const tables = asRecord(db.Table ?? db.table);
    entries.push({
      name: typeof db.name === "string" ? db.name : key,
      all: db.all === true,
      tables: tables ? Object.keys(tables) : [],
    });
  }
  return entries;
}

export function DbObjectSummary({ value }: { value: unknown }) {
  const t = useTranslations("JobDetail");
  if (value === null || value === undefined || value === "") {
    return <p className="text-sm text-neutral-700">{t("noObjects")}</p>;
  }
  const entries = summarizeDbObject(value);
  if (!entries) return <p className="text-sm text-neutral-700">{t("objectsUnreadable")}</p>;
  return (
    <ul className="space-y-0.5 text-sm text-neutral-900">
      {entries.map((db) => (
        <li key={db.name}>
          <span className="font-mono">{db.name}</span>
          {t("dbSeparator")}
          {db.all
            ? t("wholeDatabase")
            : db.tables.length
              ? t("tables", { count: db.tables.length, names: `${db.tables.slice(0, 8).join(", ")}${db.tables.length > 8 ? ", …" : ""}` })
              : t("selectedObjectsOf")}
        </li>
      ))}
    </ul>
  );
}
