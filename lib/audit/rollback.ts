import "server-only";
// A write-ahead record is inserted in one transaction that may find, half-way, that it must not
// stand (a conflict, a newer record): the body calls rollback(answer), which undoes the transaction
// and makes `answer` the result. Shared by reset attempts and reconfigurations.
import type { Kysely, Transaction } from "kysely";

class Rollback {
  constructor(readonly result: unknown) {}
}

export function transactionWithRollback<DB, R>(db: Kysely<DB>, body: (trx: Transaction<DB>, rollback: (answer: R) => never) => Promise<R>): Promise<R> {
  const rollback = (answer: R): never => {
    throw new Rollback(answer);
  };
  return db
    .transaction()
    .execute((trx) => body(trx, rollback))
    .catch((error: unknown) => {
      if (error instanceof Rollback) return error.result as R;
      throw error;
    });
}
