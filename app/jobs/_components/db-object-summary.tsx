"use client";
import { useTranslations } from "next-intl";
import { summarizeDbList } from "@/lib/client/db-list";

/**
 * A readable summary of DbObject, the objects a task moves (read by lib/client/db-list.ts, as on
 * the reset record): each database by the name it has in the destination, whole or its tables.
 * A shape the reader does not know is said so.
 */
export function DbObjectSummary({ value }: { value: unknown }) {
  const t = useTranslations("JobDetail");
  if (value === null || value === undefined || value === "") {
    return <p className="text-sm text-neutral-700">{t("noObjects")}</p>;
  }
  const databases = summarizeDbList(value);
  if (!databases) return <p className="text-sm text-neutral-700">{t("objectsUnreadable")}</p>;
  return (
    <ul className="space-y-0.5 text-sm text-neutral-900">
      {databases.map((db) => {
        const tables = db.tables.map((table) => table.source);
        return (
          <li key={db.source}>
            <span className="font-mono">{db.renamedTo ?? db.source}</span>
            {t("dbSeparator")}
            {db.whole
              ? t("wholeDatabase")
              : tables.length
                ? t("tables", { count: tables.length, names: `${tables.slice(0, 8).join(", ")}${tables.length > 8 ? ", …" : ""}` })
                : t("selectedObjectsOf")}
          </li>
        );
      })}
    </ul>
  );
}
