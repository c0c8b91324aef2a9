import "server-only";
// Claims on a task and direction (table reset_claims, migration 0003): a reset request claims
// before it reads the task from DTS, so that at most one request at a time decides a reset of one
// task and direction, in any process sharing the store. The database arbitrates: the claim and the
// takeover of an expired claim are one atomic statement, and the claim is consumed (fenced) in the
// same transaction that records the attempt, see `beginClaimedAttempt` in reset-attempts.ts.
import { randomUUID } from "node:crypto";
import type { Direction } from "../domain/task";
import type { AuditStore } from "./db";
import { storeOperation } from "./errors";
import { toIsoTimestamp } from "./schema";

/**
 * How long a claim holds when its request never releases it (the process died). Only liveness
 * depends on it: a request that outlives its claim finds the claim gone when it tries to record
 * its attempt, and sends nothing.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;

export interface ResetClaim {
  instanceId: string;
  direction: Direction;
  token: string;
}

/**
 * Claim the task and direction, or take over a claim whose lease has run out. Returns null when
 * another request holds a live claim.
 */
export async function claimReset(
  store: AuditStore,
  target: { instanceId: string; direction: Direction },
  now: Date = new Date(),
  leaseMs: number = CLAIM_LEASE_MS,
): Promise<ResetClaim | null> {
  const token = randomUUID();
  const claimedAt = toIsoTimestamp(now);
  const row = await storeOperation("claim the reset", () =>
    store.db
      .insertInto("reset_claims")
      .values({
        instance_id: target.instanceId,
        direction: target.direction,
        token,
        claimed_at: claimedAt,
        expires_at: toIsoTimestamp(new Date(now.getTime() + leaseMs)),
      })
      .onConflict((oc) =>
        oc
          .columns(["instance_id", "direction"])
          .doUpdateSet((eb) => ({
            token: eb.ref("excluded.token"),
            claimed_at: eb.ref("excluded.claimed_at"),
            expires_at: eb.ref("excluded.expires_at"),
          }))
          // Only an expired claim is taken over; a live one makes this statement change nothing.
          .where("reset_claims.expires_at", "<=", claimedAt),
      )
      .returning("token")
      .executeTakeFirst(),
  );
  return row?.token === token ? { instanceId: target.instanceId, direction: target.direction, token } : null;
}

/** Drop the claim if it is still ours (a no-op once it was consumed or taken over). */
export async function releaseClaim(store: AuditStore, claim: ResetClaim): Promise<void> {
  await storeOperation("release the reset claim", () =>
    store.db
      .deleteFrom("reset_claims")
      .where("instance_id", "=", claim.instanceId)
      .where("direction", "=", claim.direction)
      .where("token", "=", claim.token)
      .execute(),
  );
}
