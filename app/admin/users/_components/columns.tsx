"use client";
import { useTranslations } from "next-intl";
import { TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** The header row of an admin table: translated names, and an actions column named for screen readers. */
export function AdminColumns({ names, actions = false }: { names: readonly string[]; actions?: boolean }) {
  const t = useTranslations("Admin");
  return (
    <TableHeader>
      <TableRow>
        {names.map((name) => (
          <TableHead key={name}>{name}</TableHead>
        ))}
        {actions ? (
          <TableHead>
            <span className="sr-only">{t("colActions")}</span>
          </TableHead>
        ) : null}
      </TableRow>
    </TableHeader>
  );
}
