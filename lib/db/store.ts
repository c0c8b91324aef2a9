// The handle every repository takes first (`getReset(store, id)`, `insertUser(store, row)`): one
// Kysely instance over the whole application database, whichever engine holds it. The name
// "AuditStore" is historical (the database began as the reset audit trail); it now also holds the
// accounts, sessions, API tokens and throttling state.
import type { Kysely } from "kysely";
import type { DialectName } from "./dialect";

/**
 * The tables of the database, as the features that own them declare them: each feature adds its
 * own by module augmentation (`declare module "@/lib/db/store" { interface DatabaseTables {...} }`,
 * see lib/audit/schema.ts), so that lib/db knows no feature and every feature's queries stay typed.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the features (declaration merging)
export interface DatabaseTables {}

export interface AuditStore {
  db: Kysely<DatabaseTables>;
  dialect: DialectName;
  /** SQLite: the absolute path of the file, or ":memory:". PostgreSQL: the URL without its password. */
  path: string;
  close(): Promise<void>;
}
