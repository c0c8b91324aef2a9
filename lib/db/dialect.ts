// Which SQL engine a Kysely handle talks to. The one place that tells the two apart at run time:
// migrations branch on it for DDL that differs (triggers), the store for locking that differs.
// Not `server-only`: the CLIs (users, db:migrate, db:copy) run it under tsx.
import { PostgresAdapter, type Kysely } from "kysely";

export type DialectName = "sqlite" | "postgres";

export const DIALECTS: readonly DialectName[] = ["sqlite", "postgres"];

/** The dialect of a Kysely handle (a transaction or a single connection included). */
export function dialectOf(db: Kysely<unknown> | { getExecutor(): { adapter: unknown } }): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** Is this DATABASE_URL-style text a PostgreSQL connection URL? */
export function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text.trim());
}

/** The URL with its password (and any query) removed, for messages and logs. */
export function describePostgresUrl(text: string): string {
  try {
    const url = new URL(text);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : "";
    return `postgres://${user}${url.host}${url.pathname}`;
  } catch {
    return "postgres://(unparsable URL)";
  }
}
