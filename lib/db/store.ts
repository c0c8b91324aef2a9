// The handle every repository takes first (`getReset(store, id)`, `insertUser(store, row)`): one
// Kysely instance over the whole application database, whichever engine holds it. The name
// "AuditStore" is historical (the database began as the reset audit trail); it now also holds the
// accounts, sessions, API tokens and throttling state.
import type { Kysely } from "kysely";
import type { AuditDatabase } from "../audit/schema";
import type { DialectName } from "./dialect";

export interface AuditStore {
  db: Kysely<AuditDatabase>;
  dialect: DialectName;
  /** SQLite: the absolute path of the file, or ":memory:". PostgreSQL: the URL without its password. */
  path: string;
  close(): Promise<void>;
}
