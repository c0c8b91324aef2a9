import { sql, type Kysely, type Migration } from "kysely";

/**
 * 0003: who is deciding a reset right now. A request claims the task and direction BEFORE it reads
 * the task from DTS, so that the state it checks is the state its call acts on: no other request
 * can begin an attempt on the same task and direction between its read and its call.
 *
 * Mutable bookkeeping, not history (the history is reset_attempts): a claim is inserted, taken
 * over once expired, and deleted when its request is done. Portable DDL; the claim and takeover
 * are one `INSERT ... ON CONFLICT DO UPDATE ... WHERE` statement in SQLite and PostgreSQL alike.
 */
export const resetClaims: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("reset_claims")
      .addColumn("instance_id", "text", (c) => c.notNull())
      .addColumn("direction", "text", (c) => c.notNull())
      // A random token per request: only the holder may turn its claim into an attempt (fencing).
      .addColumn("token", "text", (c) => c.notNull())
      .addColumn("claimed_at", "text", (c) => c.notNull())
      // A crashed holder's claim lapses at this time and may then be taken over.
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("reset_claims_pk", ["instance_id", "direction"])
      .addCheckConstraint("reset_claims_direction_valid", sql`direction IN ('Forward', 'Reverse')`)
      .addCheckConstraint("reset_claims_expires_after_claim", sql`expires_at > claimed_at`)
      .execute();
  },
};
