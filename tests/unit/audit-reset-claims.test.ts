// Claims on a task and direction (task_claims, migration 0006), and the fenced write of an attempt under one.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuditStore } from "@/lib/db/store";
import { CLAIM_LEASE_MS, claimTask, releaseClaim, type Claim, type OperationName } from "@/lib/guarded/claims";
import type { Direction } from "@/lib/domain/task";

/** A reset's claim on the default account's task, or null when another request holds it. */
async function claimReset(store: AuditStore, target: { instanceId: string; direction: Direction }, now: Date, operation: OperationName = "reset", account = "default"): Promise<Claim | null> {
  const result = await claimTask(store, { account, region: "cn-hangzhou", ...target }, operation, now);
  return result.claimed ? result.claim : null;
}
import { beginClaimedAttempt, finishAttempt } from "@/lib/audit/reset-attempts";
import { attemptInput, describeDialects, openFreshStore, uniqueInstanceId } from "./audit-helpers";

describeDialects("reset claims", (dialect) => {
  let store: AuditStore;
  beforeEach(async () => {
    store = await openFreshStore(dialect);
  });
  afterEach(() => store.close());

  const t0 = new Date("2026-01-01T00:00:00.000Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  describe("claims", () => {
    it("lets one request hold a task and direction at a time, the other direction apart", async () => {
      const instanceId = uniqueInstanceId();
      const first = await claimReset(store, { instanceId, direction: "Forward" }, t0);
      expect(first).not.toBeNull();
      expect(await claimReset(store, { instanceId, direction: "Forward" }, at(1))).toBeNull();
      expect(await claimReset(store, { instanceId, direction: "Reverse" }, at(1))).not.toBeNull();
      await releaseClaim(store, first!);
      expect(await claimReset(store, { instanceId, direction: "Forward" }, at(2))).not.toBeNull();
    });

    it("is one claim per task whatever the operation: of many resets and reconfigurations at once, exactly one holds it", async () => {
      const instanceId = uniqueInstanceId();
      const operations: OperationName[] = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? "reset" : "reconfigure"));
      const results = await Promise.all(operations.map((operation) => claimTask(store, { account: "default", region: "cn-hangzhou", instanceId, direction: "Forward" }, operation, t0)));
      const winners = results.filter((r) => r.claimed);
      expect(winners).toHaveLength(1);
      const holder = (winners[0] as { claim: Claim }).claim.operation;
      // Every loser is told which operation holds the task.
      for (const lost of results.filter((r) => !r.claimed)) expect(lost).toEqual({ claimed: false, heldBy: holder });
      // Another account's task of the same instance ID is another task.
      expect(await claimReset(store, { instanceId, direction: "Forward" }, at(1), "reset", "staging")).not.toBeNull();
    });

    it("takes over only an expired claim, and the old holder can then record nothing", async () => {
      const instanceId = uniqueInstanceId();
      const stale = (await claimReset(store, { instanceId, direction: "Forward" }, t0))!;
      expect(await claimReset(store, { instanceId, direction: "Forward" }, at(CLAIM_LEASE_MS - 1))).toBeNull();
      const fresh = await claimReset(store, { instanceId, direction: "Forward" }, at(CLAIM_LEASE_MS));
      expect(fresh).not.toBeNull();

      expect(await beginClaimedAttempt(store, attemptInput({ instanceId }), stale, t0)).toEqual({ kind: "claim_lost" });
      // Releasing the stale claim does not touch the new holder's.
      await releaseClaim(store, stale);
      expect(await claimReset(store, { instanceId, direction: "Forward" }, at(CLAIM_LEASE_MS + 1))).toBeNull();
      expect((await beginClaimedAttempt(store, attemptInput({ instanceId }), fresh!, t0)).kind).toBe("created");
    });

    it("consumes the claim with the attempt, and refuses an attempt decided before a later reset", async () => {
      const instanceId = uniqueInstanceId();
      const receivedEarly = at(0);
      const claim = (await claimReset(store, { instanceId, direction: "Forward" }, at(1)))!;
      const begun = await beginClaimedAttempt(store, attemptInput({ instanceId, requestedAt: at(2) }), claim, at(1));
      expect(begun.kind).toBe("created");
      if (begun.kind !== "created") return;
      await finishAttempt(store, begun.record.id, { status: "succeeded", finishedAt: at(3), requestId: "R", httpStatus: 200 });

      // The claim went with the attempt: the next request may claim at once.
      const late = (await claimReset(store, { instanceId, direction: "Forward" }, at(4)))!;
      expect(late).not.toBeNull();
      const refused = await beginClaimedAttempt(store, attemptInput({ instanceId, requestedAt: at(5) }), late, receivedEarly);
      expect(refused).toMatchObject({ kind: "just_reset", record: { id: begun.record.id } });
      // Rolled back: the claim is still held, and no second attempt exists.
      expect(await claimReset(store, { instanceId, direction: "Forward" }, at(6))).toBeNull();
      const count = await store.db.selectFrom("reset_attempts").select((eb) => eb.fn.countAll<number>().as("n")).where("instance_id", "=", instanceId).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);

      // A request received after that reset completed is not refused for it.
      expect((await beginClaimedAttempt(store, attemptInput({ instanceId, requestedAt: at(7) }), late, at(4))).kind).toBe("created");
    });

    it("replays a key and reports an unresolved attempt under a claim, as beginAttempt does", async () => {
      const instanceId = uniqueInstanceId();
      const first = (await claimReset(store, { instanceId, direction: "Forward" }, t0))!;
      const created = await beginClaimedAttempt(store, attemptInput({ instanceId, idempotencyKey: "claimed-key-1" }), first, t0);
      expect(created.kind).toBe("created");
      const second = (await claimReset(store, { instanceId, direction: "Forward" }, at(1)))!;
      expect((await beginClaimedAttempt(store, attemptInput({ instanceId, idempotencyKey: "claimed-key-1" }), second, at(1))).kind).toBe("replay");
      expect((await beginClaimedAttempt(store, attemptInput({ instanceId }), second, at(1))).kind).toBe("in_progress");
    });
  });
});
