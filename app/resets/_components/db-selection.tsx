"use client";
import { useTranslations } from "next-intl";
import { summarizeDbList } from "@/lib/client/db-list";
import type { EmbeddedJson } from "@/lib/client/reset-snapshot";

function Renamed({ to }: { to: string | null }) {
  const t = useTranslations("ResetDetail");
  if (!to) return null;
  return (
    <span className="text-neutral-700">
      {" "}
      {t.rich("dbRenamed", { to, mono: (chunks) => <span className="font-mono">{chunks}</span> })}
    </span>
  );
}

/** The databases and tables the task moved, every one of them (a record is read in full). */
export function DbSelection({ dbObject }: { dbObject: EmbeddedJson }) {
  const t = useTranslations("ResetDetail");
  if (dbObject.raw === null) return <p className="text-sm text-neutral-700">{t("dbNotInSnapshot")}</p>;
  const databases = dbObject.parsed === undefined ? null : summarizeDbList(dbObject.parsed);
  if (!databases) {
    return <p className="text-sm text-neutral-700">{t("dbUnknownShape")}</p>;
  }
  if (databases.length === 0) return <p className="text-sm text-neutral-700">{t("dbNoneSelected")}</p>;
  return (
    <ul className="space-y-1.5 text-sm text-neutral-900">
      {databases.map((db) => (
        <li key={db.source}>
          <span className="text-neutral-700">{t("dbDatabase")}</span>
          <span className="font-mono font-medium">{db.source}</span>
          <Renamed to={db.renamedTo} />
          {t("dbColon")}
          {db.whole ? (
            t("dbWhole")
          ) : db.tables.length === 0 ? (
            t("dbSelectedObjects")
          ) : (
            <>
              {db.tables.length === 1 ? t("dbTablesOne", { count: 1 }) : t("dbTablesOther", { count: db.tables.length })}
              <ul className="mt-0.5 ml-5 list-disc space-y-0.5">
                {db.tables.map((table) => (
                  <li key={table.source}>
                    <span className="font-mono">{table.source}</span>
                    <Renamed to={table.renamedTo} />
                    {table.allColumns ? null : <span className="text-neutral-700">{t("dbSomeColumns")}</span>}
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
