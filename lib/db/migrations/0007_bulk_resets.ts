// 0007: the bulk reset (issue 22). A bulk and its items are rows written before the first call, so
// a console that dies halfway leaves a list that says exactly what was done and what was not.
// - bulk_resets: one row per bulk: who, why, the pacing, its approval (when the policy asked for
//   one), and the worker's lease (lease_token, lease_expires_at: the same lease-and-fence idea as
//   task_claims; only the holder of a live lease moves the bulk's items);
// - bulk_reset_items: one row per task and direction, in the order given; `reset_id` names the
//   reset record its ResetDtsJob was recorded under (each item is an ordinary guarded reset);
// - bulk_pacing: per account, the earliest time the next ResetDtsJob of any bulk may go out, so
//   the pace holds across bulks and across console instances sharing the store;
// - reset_attempts.bulk_id: the bulk a reset belongs to, written once;
// - task_claims.idempotency_key: the key of the request holding the claim (see claims.ts).
// Rules (both dialects, lib/db/append-only.ts): no DELETE of bulks or items; the columns that say
// what was asked never change; an item's status moves only forward (queued → running → sent |
// skipped | failed, back to queued only after a throttled try, queued → cancelled).
import { sql, type Kysely, type Migration } from "kysely";
import { createAppendOnlyTriggers } from "../append-only";

export const bulkResets: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("bulk_resets")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("idempotency_key", "text", (c) => c.unique())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("created_role", "text", (c) => c.notNull())
      // The account answerable (an API token's creator): nobody approves their own bulk.
      .addColumn("created_owner", "text", (c) => c.notNull())
      .addColumn("created_address", "text")
      .addColumn("created_user_agent", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("calls_per_second", "real", (c) => c.notNull())
      // sha256 of the exact list (account, region, task, instance, direction, plan hash): what an approver approved.
      .addColumn("items_hash", "text", (c) => c.notNull())
      .addColumn("total", "integer", (c) => c.notNull())
      .addColumn("approval_status", "text")
      .addColumn("approval_expires_at", "text")
      .addColumn("decided_by", "text")
      .addColumn("decided_role", "text")
      .addColumn("decided_owner", "text")
      .addColumn("decided_at", "text")
      .addColumn("decision_comment", "text")
      .addColumn("started_at", "text")
      .addColumn("finished_at", "text")
      .addColumn("cancelled_by", "text")
      .addColumn("cancelled_at", "text")
      .addColumn("lease_token", "text")
      .addColumn("lease_expires_at", "text")
      .addCheckConstraint(
        "bulk_resets_status_valid",
        sql`status IN ('awaiting_approval', 'rejected', 'expired', 'queued', 'running', 'finished', 'cancelled')`,
      )
      .addCheckConstraint("bulk_resets_approval_valid", sql`approval_status IS NULL OR approval_status IN ('pending', 'approved', 'rejected', 'cancelled', 'expired')`)
      .addCheckConstraint("bulk_resets_total_valid", sql`total BETWEEN 1 AND 100`)
      .execute();
    await db.schema.createIndex("bulk_resets_created").on("bulk_resets").columns(["created_at desc"]).execute();
    await db.schema.createIndex("bulk_resets_open").on("bulk_resets").column("status").where(sql<boolean>`status IN ('queued', 'running')`).execute();
    await createAppendOnlyTriggers(db, {
      table: "bulk_resets",
      name: "rules",
      refuseDelete: true,
      immutable: ["id", "idempotency_key", "reason", "created_by", "created_role", "created_owner", "created_at", "calls_per_second", "items_hash", "total"],
      transitions: {
        column: "status",
        allowed: {
          awaiting_approval: ["queued", "rejected", "expired", "cancelled"],
          queued: ["running", "cancelled"],
          running: ["finished", "cancelled"],
        },
      },
    });

    await db.schema
      .createTable("bulk_reset_items")
      .addColumn("bulk_id", "text", (c) => c.notNull().references("bulk_resets.id"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("account", "text", (c) => c.notNull())
      .addColumn("region", "text", (c) => c.notNull())
      .addColumn("job_id", "text", (c) => c.notNull())
      .addColumn("instance_id", "text", (c) => c.notNull())
      .addColumn("direction", "text", (c) => c.notNull())
      .addColumn("task_name", "text")
      // The ID of the half the direction wipes, as the plan read it: each item's "typed confirmation".
      .addColumn("target_job_id", "text")
      // What the plan read: the task's status and snapshot hash. A task that differs at its turn is skipped.
      .addColumn("plan_status", "text")
      .addColumn("plan_hash", "text")
      .addColumn("status", "text", (c) => c.notNull())
      // Throttled tries so far: the idempotency key of the next try is derived from it.
      .addColumn("tries", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("not_before", "text")
      .addColumn("reset_id", "text")
      .addColumn("error_code", "text")
      .addColumn("error_message", "text")
      .addColumn("error_request_id", "text")
      .addColumn("started_at", "text")
      .addColumn("finished_at", "text")
      .addPrimaryKeyConstraint("bulk_reset_items_pk", ["bulk_id", "position"])
      .addUniqueConstraint("bulk_reset_items_one_per_task", ["bulk_id", "account", "region", "job_id", "direction"])
      .addCheckConstraint("bulk_reset_items_status_valid", sql`status IN ('queued', 'running', 'sent', 'skipped', 'failed', 'cancelled')`)
      .addCheckConstraint("bulk_reset_items_direction_valid", sql`direction IN ('Forward', 'Reverse')`)
      .execute();
    await db.schema.createIndex("bulk_reset_items_reset").on("bulk_reset_items").column("reset_id").execute();
    await createAppendOnlyTriggers(db, {
      table: "bulk_reset_items",
      name: "rules",
      refuseDelete: true,
      immutable: ["bulk_id", "position", "account", "region", "job_id", "instance_id", "direction", "target_job_id", "plan_status", "plan_hash"],
      transitions: {
        column: "status",
        allowed: {
          queued: ["running", "cancelled", "skipped"],
          running: ["queued", "sent", "skipped", "failed"],
        },
      },
    });

    await db.schema
      .createTable("bulk_pacing")
      .addColumn("account", "text", (c) => c.primaryKey())
      // Milliseconds since the epoch: the earliest moment the next ResetDtsJob may be sent.
      .addColumn("next_at", "bigint", (c) => c.notNull())
      .execute();

    // The key of the request holding a claim: a bulk worker that takes over an item another worker
    // left half-done asks under the same key, and may take over the claim the dead one left.
    await db.schema.alterTable("task_claims").addColumn("idempotency_key", "text").execute();

    await db.schema.alterTable("reset_attempts").addColumn("bulk_id", "text").execute();
    await createAppendOnlyTriggers(db, { table: "reset_attempts", name: "bulk", immutable: ["bulk_id"] });
    await db.schema.createIndex("reset_attempts_bulk").on("reset_attempts").column("bulk_id").where(sql<boolean>`bulk_id IS NOT NULL`).execute();
  },
};
