// Copies every table of a SQLite database into an empty PostgreSQL database of the same schema
// (`npm run db:copy`). One PostgreSQL transaction: either everything is copied and the counts
// match, or nothing is. Not `server-only`: scripts/db-copy.ts runs it under tsx.
import { sql, type Kysely } from "kysely";
import type { AuditStore } from "./store";

export interface CopyReport {
  /** Rows copied per table, in the order they were copied. */
  tables: Array<{ table: string; rows: number }>;
}

export class CopyRefusedError extends Error {
  override readonly name = "CopyRefusedError";
}

/** PostgreSQL takes at most 65535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

/**
 * The application tables of the source (not SQLite's own, not the migration bookkeeping), parents
 * before the tables whose foreign keys point at them.
 */
async function tablesInCopyOrder(source: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
    order by name`.execute(source);
  const names = rows.map((r) => r.name);
  const parents = new Map<string, string[]>();
  for (const name of names) {
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(source);
    parents.set(name, fks.rows.map((r) => r.table).filter((t) => t !== name));
  }
  const ordered: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (ordered.includes(name)) return;
    if (path.includes(name)) throw new Error(`Foreign keys form a cycle through ${name}`);
    for (const parent of parents.get(name) ?? []) if (names.includes(parent)) visit(parent, [...path, name]);
    ordered.push(name);
  };
  for (const name of names) visit(name, []);
  return ordered;
}

async function count(db: Kysely<unknown>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Copy `from` (SQLite, migrated to this code's latest schema) into `to` (PostgreSQL, migrated too).
 * Refuses when any table of the target already holds a row. The target's own triggers (the
 * append-only rules: a new reset record must be pending) would refuse history as it is, so they
 * are disabled for the copy and enabled again inside the same transaction: no other session ever
 * sees them off (ALTER TABLE locks the table until the commit).
 */
export async function copySqliteToPostgres(from: AuditStore, to: AuditStore, log: (line: string) => void = () => undefined): Promise<CopyReport> {
  if (from.dialect !== "sqlite" || to.dialect !== "postgres") throw new CopyRefusedError("db:copy copies from a SQLite file into a PostgreSQL database");
  const source = from.db as unknown as Kysely<unknown>;
  const target = to.db as unknown as Kysely<unknown>;
  const tables = await tablesInCopyOrder(source);

  const occupied: string[] = [];
  for (const table of tables) if ((await count(target, table)) > 0) occupied.push(table);
  if (occupied.length > 0) {
    throw new CopyRefusedError(`The target database already holds records (in ${occupied.join(", ")}): db:copy only copies into an empty database.`);
  }

  return target.transaction().execute(async (trx) => {
    const report: CopyReport = { tables: [] };
    for (const table of tables) await sql`alter table ${sql.table(table)} disable trigger user`.execute(trx);
    for (const table of tables) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by rowid`.execute(source)).rows;
      const columns = Object.keys(rows[0] ?? {}).length || 1;
      const batch = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
      for (let i = 0; i < rows.length; i += batch) {
        await trx.insertInto(table as never).values(rows.slice(i, i + batch) as never).execute();
      }
      const copied = await count(trx, table);
      if (copied !== rows.length) throw new Error(`${table}: ${rows.length} rows read but ${copied} in the target`);
      report.tables.push({ table, rows: copied });
      log(`${table}: ${copied} rows`);
    }
    for (const table of tables) await sql`alter table ${sql.table(table)} enable trigger user`.execute(trx);
    // The source may have changed meanwhile (a console still running on it): compare once more.
    for (const { table, rows } of report.tables) {
      const now = await count(source, table);
      if (now !== rows) throw new Error(`${table} changed during the copy (${rows} copied, ${now} now): stop the console and copy again`);
    }
    return report;
  });
}
