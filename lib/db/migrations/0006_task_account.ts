// 0006: every record names the Alibaba Cloud account it touched, and one claim table serves every
// guarded operation (lib/guarded). Existing rows belong to `default`, the one account there was.
// - account column (NOT NULL DEFAULT 'default') on reset_attempts, reconfigurations,
//   reset_requests, written once (declared in lib/db/append-only.ts terms);
// - the "one unresolved per task and direction" indexes key on the account too;
// - task_claims replaces reset_claims: one claim per account, instance and direction, whichever
//   operation (reset, reconfigure) takes it, so the two exclude each other. Claims are leases of a
//   few minutes, not history: the old table is dropped, not copied (a claim held across the
//   upgrade lapses with the process that held it).
import { sql, type Kysely, type Migration } from "kysely";
import { createAppendOnlyTriggers } from "../append-only";

export const ACCOUNTED_TABLES = ["reset_attempts", "reconfigurations", "reset_requests"] as const;

export const taskAccount: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of ACCOUNTED_TABLES) {
      await db.schema
        .alterTable(table)
        .addColumn("account", "text", (c) => c.notNull().defaultTo("default"))
        .execute();
      await createAppendOnlyTriggers(db, { table, name: "account", immutable: ["account"] });
    }

    for (const table of ["reset_attempts", "reconfigurations"] as const) {
      const index = `${table}_one_unresolved_per_task`;
      await db.schema.dropIndex(index).execute();
      await db.schema
        .createIndex(index)
        .on(table)
        .columns(["account", "instance_id", "direction"])
        .unique()
        .where(sql<boolean>`status IN ('pending', 'unknown')`)
        .execute();
    }
    await db.schema.createIndex("reset_attempts_account").on("reset_attempts").columns(["account", "requested_at desc"]).execute();

    await db.schema.dropTable("reset_claims").execute();
    await db.schema
      .createTable("task_claims")
      .addColumn("account", "text", (c) => c.notNull())
      .addColumn("instance_id", "text", (c) => c.notNull())
      .addColumn("direction", "text", (c) => c.notNull())
      // Which operation holds it: said in the refusal the loser gets.
      .addColumn("operation", "text", (c) => c.notNull())
      // A random token per request: only the holder may turn its claim into a record (fencing).
      .addColumn("token", "text", (c) => c.notNull())
      .addColumn("claimed_at", "text", (c) => c.notNull())
      // A crashed holder's claim lapses at this time and may then be taken over.
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("task_claims_pk", ["account", "instance_id", "direction"])
      .addCheckConstraint("task_claims_direction_valid", sql`direction IN ('Forward', 'Reverse')`)
      .addCheckConstraint("task_claims_operation_valid", sql`operation IN ('reset', 'reconfigure')`)
      .addCheckConstraint("task_claims_expires_after_claim", sql`expires_at > claimed_at`)
      .execute();
  },
};
