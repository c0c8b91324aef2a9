// 0011: the alert settings in the pre-reset snapshot (issue 25). A reset clears a task's alert
// settings and DescribeDtsJobDetail does not report them, so the reset also reads
// DescribeJobMonitorRule and keeps its rules, or why they could not be read, beside the other two
// snapshots: reset_attempts.snapshot_alerts, JSON text, written once at insert like them. NULL on
// records written before this migration (the console did not read alerts then).
import type { Kysely, Migration } from "kysely";
import { createAppendOnlyTriggers } from "../append-only";

export const alertSnapshot: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("reset_attempts").addColumn("snapshot_alerts", "text").execute();
    await createAppendOnlyTriggers(db, { table: "reset_attempts", name: "alerts", immutable: ["snapshot_alerts"] });
  },
};
