// The append-only guarantees are the database's, not only the repository's: these tests go around
// the repository with raw SQL on a second connection, as a stray script or a bug would.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { AuditStore } from "@/lib/db/store";
import { beginAttempt, finishAttempt, getReset, markVerified } from "@/lib/audit/reset-attempts";
import type { ResetRecord } from "@/lib/audit/schema";
import { attemptInput, describeDialects, storeAndRawConnectionPerTest, type RawConnection } from "./audit-helpers";

describeDialects("append-only triggers", (dialect) => {
  let store: AuditStore;
  let raw: RawConnection;

  storeAndRawConnectionPerTest(dialect, (opened, connection) => {
    store = opened;
    raw = connection;
  });

  async function pending(): Promise<ResetRecord> {
    return (await beginAttempt(store, attemptInput({ idempotencyKey: `key-${Math.random().toString(36).slice(2, 12)}` }))).record;
  }
  async function withStatus(status: "succeeded" | "failed" | "unknown"): Promise<ResetRecord> {
    const record = await pending();
    return finishAttempt(store, record.id, { status, finishedAt: new Date(), requestId: "REQ", httpStatus: 200 });
  }
  function run(statement: string, ...params: unknown[]): Promise<void> {
    return raw.run(statement, ...params);
  }

  describe("deletes", () => {
    it("refuses DELETE of one record and of all", async () => {
      const record = await withStatus("succeeded");
      await expect(run("DELETE FROM reset_attempts WHERE id = ?", record.id)).rejects.toThrow(/append-only/);
      await expect(run("DELETE FROM reset_attempts")).rejects.toThrow(/append-only/);
      expect(await getReset(store, record.id)).toEqual(record);
    });

    it.skipIf(dialect !== "postgres")("refuses TRUNCATE, which deletes without row triggers", async () => {
      const record = await withStatus("succeeded");
      // CASCADE, so that the foreign key from reconfigurations does not refuse it first: the
      // statement-level triggers must.
      await expect(run("TRUNCATE reset_attempts CASCADE")).rejects.toThrow(/append-only/);
      expect(await getReset(store, record.id)).toEqual(record);
    });

    // SQLite syntax; PostgreSQL has no REPLACE, and its ON CONFLICT DO UPDATE is an update (guarded).
    it.skipIf(dialect !== "sqlite")("refuses INSERT OR REPLACE, which would delete the row it collides with", async () => {
      const record = await pending();
      const replace = sql`
        INSERT OR REPLACE INTO reset_attempts
          (id, job_id, instance_id, region, job_type, task_name, direction, reset_job_id, reason,
           actor_username, actor_role, status, requested_at, snapshot_job, snapshot_detail)
        VALUES (${record.id}, 'x', 'x', 'cn-hangzhou', 'SYNC', 't', 'Forward', 'x', 'rewritten', 'u', 'r',
                'pending', '2020-01-01T00:00:00.000Z', '{}', '{}')`;
      await expect(replace.execute(store.db)).rejects.toThrow(/append-only/);
      expect(await getReset(store, record.id)).toEqual(record);
    });
  });

  describe("inserts", () => {
    it("refuses a record that does not start as pending with no outcome", async () => {
      const insert = (status: string, extra = "") =>
        run(`INSERT INTO reset_attempts
               (id, job_id, instance_id, region, job_type, task_name, direction, reset_job_id, reason,
                actor_username, actor_role, status, requested_at, snapshot_job, snapshot_detail${extra ? ", request_id" : ""})
             VALUES ('${randomUUID()}', 'j', 'i', 'cn-hangzhou', 'SYNC', 't', 'Forward', 'j', 'reason', 'u', 'r',
                '${status}', '2020-01-01T00:00:00.000Z', '{}', '{}'${extra ? `, '${extra}'` : ""})`);
      await expect(insert("succeeded")).rejects.toThrow(/must be pending/);
      await expect(insert("pending", "REQ-FORGED")).rejects.toThrow(/must be pending/);
    });
  });

  describe("immutable columns", () => {
    const columns: [string, unknown][] = [
      ["id", "forged-id"],
      ["idempotency_key", "other-key-0001"],
      ["job_id", "otherjob"],
      ["instance_id", "otherinstance"],
      ["region", "cn-beijing"],
      ["job_type", "MIGRATION"],
      ["task_name", "renamed"],
      ["direction", "Reverse"],
      ["reset_job_id", "otherjob"],
      ["reason", "a nicer reason"],
      ["actor_username", "someone-else"],
      ["actor_role", "admin"],
      ["actor_address", "10.0.0.1"],
      ["actor_user_agent", "curl"],
      ["requested_at", "2000-01-01T00:00:00.000Z"],
      ["snapshot_job", "{}"],
      ["snapshot_detail", "{}"],
      // 0011: the alert settings the reset read, written once like the other snapshots (here from NULL).
      ["snapshot_alerts", '{"captured":true,"at":"2026-12-07T00:00:00.000Z","requestId":null,"rules":[]}'],
    ];
    it.each(columns)("refuses a change to %s", async (column, value) => {
      const record = await withStatus("succeeded");
      await expect(run(`UPDATE reset_attempts SET ${column} = ? WHERE id = ?`, value, record.id)).rejects.toThrow(
        /columns written at insert cannot change/,
      );
      expect(await getReset(store, record.id)).toEqual(record);
    });

    it("refuses setting a nullable insert-time column to NULL", async () => {
      const record = await withStatus("failed");
      await expect(run("UPDATE reset_attempts SET actor_address = NULL WHERE id = ?", record.id)).rejects.toThrow(/cannot change/);
    });
  });

  describe("status transitions", () => {
    const illegal: ["succeeded" | "failed" | "unknown", string][] = [
      ["succeeded", "failed"],
      ["succeeded", "pending"],
      ["succeeded", "unknown"],
      ["failed", "succeeded"],
      ["failed", "pending"],
      ["unknown", "pending"],
    ];
    it.each(illegal)("refuses %s → %s", async (from, to) => {
      const record = await withStatus(from);
      await expect(run("UPDATE reset_attempts SET status = ? WHERE id = ?", to, record.id)).rejects.toThrow(/illegal status transition/);
      expect((await getReset(store, record.id))?.status).toBe(from);
    });

    it("refuses a status outside the enum", async () => {
      const record = await pending();
      await expect(run("UPDATE reset_attempts SET status = 'done' WHERE id = ?", record.id)).rejects.toThrow();
    });

    it("allows unknown → succeeded by reconciliation", async () => {
      const record = await withStatus("unknown");
      await run(
        "UPDATE reset_attempts SET status = 'succeeded', resolved_by = 'reconciliation', reconciled_at = ?, reconciliation_note = 'ok' WHERE id = ?",
        new Date().toISOString(),
        record.id,
      );
      expect((await getReset(store, record.id))?.status).toBe("succeeded");
    });

    it("refuses a final status without saying how it was learned", async () => {
      const record = await pending();
      await expect(run("UPDATE reset_attempts SET status = 'succeeded' WHERE id = ?", record.id)).rejects.toThrow(/check constraint/i);
    });
  });

  describe("outcome, resolution and verification are written once", () => {
    it("refuses rewriting the call outcome of a finished record", async () => {
      const record = await withStatus("failed");
      for (const [column, value] of [
        ["request_id", "OTHER"],
        ["http_status", 500],
        ["error_message", "edited"],
        ["finished_at", "2000-01-01T00:00:00.000Z"],
        ["retry_safe", 1],
      ] as const) {
        await expect(run(`UPDATE reset_attempts SET ${column} = ? WHERE id = ?`, value, record.id)).rejects.toThrow(/call outcome is written once/);
      }
    });

    it("refuses writing the call outcome of a pending record without finishing it", async () => {
      const record = await pending();
      await expect(run("UPDATE reset_attempts SET request_id = 'EARLY' WHERE id = ?", record.id)).rejects.toThrow(/call outcome/);
    });

    it("refuses rewriting the resolution", async () => {
      const record = await withStatus("succeeded");
      await expect(run("UPDATE reset_attempts SET resolved_by = 'reconciliation', reconciled_at = 'x' WHERE id = ?", record.id)).rejects.toThrow(
        /resolution is written once/,
      );
    });

    it("refuses changing verified_at or job_id_after once set, and verification of a failure", async () => {
      const record = await withStatus("succeeded");
      await markVerified(store, record.id, { at: new Date(), jobIdAfter: "newjob000000001" });
      await expect(run("UPDATE reset_attempts SET verified_at = ? WHERE id = ?", "2000-01-01T00:00:00.000Z", record.id)).rejects.toThrow(/set once/);
      await expect(run("UPDATE reset_attempts SET verified_at = NULL WHERE id = ?", record.id)).rejects.toThrow(/set once/);
      await expect(run("UPDATE reset_attempts SET job_id_after = 'x' WHERE id = ?", record.id)).rejects.toThrow(/set once/);

      const failed = await withStatus("failed");
      await expect(run("UPDATE reset_attempts SET verified_at = ? WHERE id = ?", new Date().toISOString(), failed.id)).rejects.toThrow(/check constraint/i);
    });
  });

  describe("the one-unresolved-attempt index holds for raw inserts too", () => {
    it("refuses a second pending row for the same task and direction", async () => {
      const record = await pending();
      await expect(run(
          `INSERT INTO reset_attempts
             (id, job_id, instance_id, region, job_type, task_name, direction, reset_job_id, reason,
              actor_username, actor_role, status, requested_at, snapshot_job, snapshot_detail)
           VALUES ('second', ?, ?, 'cn-hangzhou', 'SYNC', 't', 'Forward', ?, 'reason', 'u', 'r', 'pending', ?, '{}', '{}')`,
          record.jobId,
          record.instanceId,
          record.jobId,
          new Date().toISOString(),
        ),
      ).rejects.toThrow(/unique constraint/i);
    });
  });
});
