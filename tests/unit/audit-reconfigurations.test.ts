// The reconfigurations table (migration 0004): append-only, one call in flight per task.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { AuditStore } from "@/lib/db/store";
import { beginAttempt, finishAttempt } from "@/lib/audit/reset-attempts";
import { beginReconfiguration as beginUnderClaim, beginStart, finishReconfigureCall, recordObservation, type NewReconfiguration } from "@/lib/audit/reconfigurations";
import { claimTask, releaseClaim } from "@/lib/guarded/claims";
import { describeDialects, openFreshStore } from "./audit-helpers";

const actor = { username: "alice", role: "operator", address: null, userAgent: null };

describeDialects("the reconfigurations table", (dialect) => {
  let store: AuditStore;

  /** Writes the record ahead under a claim of its task, as the guarded operation does, then lets the claim go. */
  async function beginReconfiguration(s: AuditStore, input: NewReconfiguration, receivedAt: Date) {
    const claimed = await claimTask(s, { account: input.account, region: input.region, instanceId: input.instanceId, direction: input.direction }, "reconfigure", new Date());
    if (!claimed.claimed) throw new Error("the task is claimed");
    try {
      return await beginUnderClaim(s, input, claimed.claim, receivedAt);
    } finally {
      await releaseClaim(s, claimed.claim);
    }
  }

  beforeEach(async () => {
    store = await openFreshStore(dialect);
  });
  afterEach(() => store.close());

  async function aReset(): Promise<string> {
    const begun = await beginAttempt(store, {
      idempotencyKey: null, jobId: "j1", instanceId: "dtsj1", region: "cn-hangzhou", jobType: "SYNC", taskName: "t", direction: "Forward",
      resetJobId: "j1", reason: "why", actor, snapshotJob: {}, snapshotDetail: {},
    });
    if (begun.kind !== "created") throw new Error(begun.kind);
    await finishAttempt(store, begun.record.id, { status: "succeeded", finishedAt: new Date() });
    return begun.record.id;
  }

  const input = (resetId: string, key: string | null = null) => ({
    idempotencyKey: key, account: "default", resetId, jobId: "j1", instanceId: "dtsj1", region: "cn-hangzhou", direction: "Forward" as const, taskName: "t", actor,
    requestedAt: new Date(), parameters: { DtsJobName: "t" },
  });

  describe("reconfigurations", () => {
    it("allows one in flight per task and direction, and replays a key", async () => {
      const resetId = await aReset();
      const first = await beginReconfiguration(store, input(resetId, "key-00000001"), new Date(0));
      expect(first.kind).toBe("created");
      expect((await beginReconfiguration(store, input(resetId), new Date(0))).kind).toBe("in_progress");
      expect((await beginReconfiguration(store, input(resetId, "key-00000001"), new Date(0))).kind).toBe("replay");
    });

    it("refuses deletes, rewrites and illegal transitions", async () => {
      const resetId = await aReset();
      const begun = await beginReconfiguration(store, input(resetId), new Date(0));
      if (begun.kind !== "created") throw new Error(begun.kind);
      const id = begun.record.id;
      await expect(sql`DELETE FROM reconfigurations WHERE id = ${id}`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`UPDATE reconfigurations SET parameters = '{}' WHERE id = ${id}`.execute(store.db)).rejects.toThrow(/cannot change/);
      expect(await beginStart(store, id, new Date())).toBeNull(); // not before DTS accepted the configuration
      await finishReconfigureCall(store, id, { status: "succeeded", at: new Date(), requestId: "R1", httpStatus: 200 });
      await expect(sql`UPDATE reconfigurations SET request_id = 'R2' WHERE id = ${id}`.execute(store.db)).rejects.toThrow(/once/);
      expect(await beginStart(store, id, new Date())).not.toBeNull();
      expect(await beginStart(store, id, new Date())).toBeNull();
      await recordObservation(store, id, { progress: "synchronizing", taskStatus: "Synchronizing", at: new Date() });
      await expect(sql`UPDATE reconfigurations SET progress = 'prechecking' WHERE id = ${id}`.execute(store.db)).rejects.toThrow(/final progress/);
    });
  });
});
