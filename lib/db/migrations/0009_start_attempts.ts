import { sql, type Kysely, type Migration } from "kysely";
import { createAppendOnlyTriggers } from "../append-only";

// Final values are absent: no move out of them is allowed.
const CALL_MOVES = { pending: ["succeeded", "failed", "unknown"], unknown: ["succeeded", "failed"] } as const;
const PROGRESS = ["starting", "prechecking", "initializing", "synchronizing", "precheck_failed", "failed"] as const;
const OPEN_PROGRESS_MOVES = PROGRESS.filter((p) => p !== "starting");

/**
 * 0009: "Start again" (issue 25). A reconfiguration whose StartDtsJob DTS refused, or whose
 * precheck failed, may be started again once the operator fixed the cause: each such StartDtsJob
 * is a start attempt, written ahead of the call like every call that changes DTS, with its
 * outcome (RequestId, DTS's error), the StartDtsJob DTS may ask for after a passed precheck, and
 * what the console then saw of the task (the precheck's failed items with DTS's repair advice).
 * A reconfiguration's own columns stay as they were (its progress is final); this table carries
 * what came after. At most one start attempt in flight per task and direction (a partial unique
 * index), across processes. Append-only: no DELETE, the request's columns written once, calls
 * and progress moving only forwards.
 */
export const startAttempts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("start_attempts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("idempotency_key", "text", (c) => c.unique())
      .addColumn("reconfiguration_id", "text", (c) => c.notNull().references("reconfigurations.id"))
      .addColumn("account", "text", (c) => c.notNull())
      .addColumn("region", "text", (c) => c.notNull())
      .addColumn("instance_id", "text", (c) => c.notNull())
      .addColumn("job_id", "text", (c) => c.notNull())
      .addColumn("direction", "text", (c) => c.notNull())
      .addColumn("task_name", "text", (c) => c.notNull())
      .addColumn("actor_username", "text", (c) => c.notNull())
      .addColumn("actor_role", "text", (c) => c.notNull())
      .addColumn("actor_address", "text")
      .addColumn("actor_user_agent", "text")
      .addColumn("requested_at", "text", (c) => c.notNull())
      // The task's status on the fresh read the decision was made on (NotStarted, PrecheckFailed).
      .addColumn("status_before", "text", (c) => c.notNull())
      // The StartDtsJob call.
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("finished_at", "text")
      .addColumn("request_id", "text")
      .addColumn("http_status", "integer")
      .addColumn("error_code", "text")
      .addColumn("error_message", "text")
      .addColumn("error_kind", "text")
      .addColumn("retry_safe", "integer")
      .addColumn("resolved_by", "text")
      .addColumn("reconciled_at", "text")
      .addColumn("reconciliation_note", "text")
      // A second StartDtsJob when DTS waits at Precheck Pass (as reconfigurations.resume_*).
      .addColumn("resume_status", "text")
      .addColumn("resume_requested_at", "text")
      .addColumn("resume_request_id", "text")
      .addColumn("resume_error_message", "text")
      // What the console last saw of the task after the start.
      .addColumn("progress", "text", (c) => c.notNull())
      .addColumn("precheck", "text")
      .addColumn("task_status", "text")
      .addColumn("observed_at", "text")
      .addCheckConstraint("start_attempts_status_valid", sql`status IN ('pending', 'succeeded', 'failed', 'unknown')`)
      .addCheckConstraint("start_attempts_direction_valid", sql`direction IN ('Forward', 'Reverse')`)
      .addCheckConstraint("start_attempts_resolved_by_valid", sql`resolved_by IS NULL OR resolved_by IN ('response', 'reconciliation')`)
      .addCheckConstraint("start_attempts_retry_safe_valid", sql`retry_safe IS NULL OR retry_safe IN (0, 1)`)
      .addCheckConstraint("start_attempts_resume_status_valid", sql`resume_status IS NULL OR resume_status IN ('pending', 'succeeded', 'failed', 'unknown')`)
      .addCheckConstraint("start_attempts_progress_valid", sql.raw(`progress IN (${PROGRESS.map((p) => `'${p}'`).join(", ")})`))
      .addCheckConstraint(
        "start_attempts_resolution_matches_status",
        sql`(status IN ('pending', 'unknown') AND resolved_by IS NULL) OR (status IN ('succeeded', 'failed') AND resolved_by IS NOT NULL)`,
      )
      // A precheck is followed only once DTS accepted the start.
      .addCheckConstraint("start_attempts_progress_after_start", sql`progress IN ('starting', 'failed') OR status = 'succeeded'`)
      .execute();

    await db.schema.createIndex("start_attempts_reconfiguration").on("start_attempts").columns(["reconfiguration_id", "requested_at desc"]).execute();
    await db.schema.createIndex("start_attempts_progress").on("start_attempts").columns(["progress", "requested_at"]).execute();
    // One StartDtsJob in flight per task and direction, in any number of processes.
    await db.schema
      .createIndex("start_attempts_one_unresolved_per_task")
      .on("start_attempts")
      .columns(["account", "instance_id", "direction"])
      .unique()
      .where(sql<boolean>`status IN ('pending', 'unknown')`)
      .execute();

    await createAppendOnlyTriggers(db, {
      table: "start_attempts",
      name: "call",
      refuseDelete: true,
      immutable: [
        "id", "idempotency_key", "reconfiguration_id", "account", "region", "instance_id", "job_id", "direction", "task_name",
        "actor_username", "actor_role", "actor_address", "actor_user_agent", "requested_at", "status_before",
      ],
      transitions: { column: "status", allowed: CALL_MOVES },
    });
    await createAppendOnlyTriggers(db, {
      table: "start_attempts",
      name: "resume",
      transitions: { column: "resume_status", allowed: CALL_MOVES },
    });
    await createAppendOnlyTriggers(db, {
      table: "start_attempts",
      name: "progress",
      transitions: {
        column: "progress",
        allowed: {
          starting: OPEN_PROGRESS_MOVES,
          prechecking: OPEN_PROGRESS_MOVES.filter((p) => p !== "prechecking"),
          initializing: ["synchronizing", "failed"],
        },
      },
    });
  },
};
