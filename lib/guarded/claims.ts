import "server-only";
// Claims on a task and direction (table task_claims, migration 0006): an operation claims the task
// before it reads it from DTS, so that at most one request at a time decides anything about one
// task and direction (a reset, a reconfiguration) in any process sharing the store. The database
// arbitrates: the claim and the takeover of an expired claim are one atomic statement, and the
// claim is consumed (fenced) in the same transaction that writes the record ahead of the call.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { TaskRef } from "@/lib/domain/task-ref";
import type { AuditDatabase } from "@/lib/audit/schema";
import type { AuditStore } from "@/lib/db/store";
import { storeOperation } from "@/lib/audit/errors";
import { toIsoTimestamp } from "@/lib/audit/schema";

export type OperationName = "reset" | "reconfigure";

/**
 * How long a claim holds when its request never releases it (the process died). Only liveness
 * depends on it: a request that outlives its claim finds the claim gone when it tries to write its
 * record, and sends nothing.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;

export interface Claim {
  ref: TaskRef;
  operation: OperationName;
  token: string;
}

export type ClaimResult = { claimed: true; claim: Claim } | { claimed: false; heldBy: OperationName | null };

/**
 * Claim the task and direction, or take over a claim whose lease has run out. When another request
 * holds a live claim, says which operation holds it.
 *
 * `request.key`, the request's idempotency key, is kept on the claim. `request.resumes`: the
 * request resumes one that died holding its claim, under the same key (a bulk worker taking over
 * an item another worker left half-done). A live claim held under that very key may then be taken
 * over: it is the same request, and fencing still lets at most one of the two write its record
 * (the other's token no longer matches) and so send anything.
 */
export async function claimTask(
  store: AuditStore,
  ref: TaskRef,
  operation: OperationName,
  now: Date,
  leaseMs: number = CLAIM_LEASE_MS,
  request: { key: string | null; resumes: boolean } = { key: null, resumes: false },
): Promise<ClaimResult> {
  const resumeKey = request.resumes ? request.key : null;
  const token = randomUUID();
  const claimedAt = toIsoTimestamp(now);
  const row = await storeOperation("claim the task", () =>
    store.db
      .insertInto("task_claims")
      .values({
        account: ref.account,
        instance_id: ref.instanceId,
        direction: ref.direction,
        operation,
        token,
        claimed_at: claimedAt,
        expires_at: toIsoTimestamp(new Date(now.getTime() + leaseMs)),
        idempotency_key: request.key,
      })
      .onConflict((oc) =>
        oc
          .columns(["account", "instance_id", "direction"])
          .doUpdateSet((eb) => ({
            operation: eb.ref("excluded.operation"),
            token: eb.ref("excluded.token"),
            claimed_at: eb.ref("excluded.claimed_at"),
            expires_at: eb.ref("excluded.expires_at"),
            idempotency_key: eb.ref("excluded.idempotency_key"),
          }))
          // Only an expired claim is taken over (or one held under the key being resumed); a live
          // one makes this statement change nothing.
          .where((eb) =>
            resumeKey === null
              ? eb("task_claims.expires_at", "<=", claimedAt)
              : eb.or([eb("task_claims.expires_at", "<=", claimedAt), eb("task_claims.idempotency_key", "=", resumeKey)]),
          ),
      )
      .returning("token")
      .executeTakeFirst(),
  );
  if (row?.token === token) return { claimed: true, claim: { ref, operation, token } };
  const holder = await storeOperation("read the task claim", () =>
    store.db
      .selectFrom("task_claims")
      .select("operation")
      .where("account", "=", ref.account)
      .where("instance_id", "=", ref.instanceId)
      .where("direction", "=", ref.direction)
      .executeTakeFirst(),
  );
  return { claimed: false, heldBy: (holder?.operation as OperationName | undefined) ?? null };
}

/**
 * Inside the write-ahead transaction: consume the claim if it is still ours. False when it lapsed
 * and another request took it over: then nothing may be written or sent (fencing).
 */
export async function consumeClaim(trx: Kysely<AuditDatabase>, claim: Claim): Promise<boolean> {
  const fenced = await trx
    .deleteFrom("task_claims")
    .where("account", "=", claim.ref.account)
    .where("instance_id", "=", claim.ref.instanceId)
    .where("direction", "=", claim.ref.direction)
    .where("token", "=", claim.token)
    .executeTakeFirst();
  return fenced.numDeletedRows > BigInt(0);
}

/** Drop the claim if it is still ours (a no-op once it was consumed or taken over). */
export async function releaseClaim(store: AuditStore, claim: Claim): Promise<void> {
  await storeOperation("release the task claim", () =>
    store.db
      .deleteFrom("task_claims")
      .where("account", "=", claim.ref.account)
      .where("instance_id", "=", claim.ref.instanceId)
      .where("direction", "=", claim.ref.direction)
      .where("token", "=", claim.token)
      .execute(),
  );
}
