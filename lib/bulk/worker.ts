import "server-only";
// The bulk worker: works a bulk's items to the end, durably and within DTS's limits.
//
// - One worker per bulk at a time, in any number of console instances: it holds the bulk's lease
//   (store.ts: taken atomically, renewed every third of BULK_LEASE_MS, taken over once it runs
//   out), and every move it makes on an item is fenced by that lease. A worker whose instance died
//   leaves a lease that runs out; the survivor (or the restarted process) takes the bulk over.
// - Each item is an ordinary guarded reset (performReset): claim, fresh re-read, the checks, the
//   record written ahead, one ResetDtsJob. Its idempotency key is derived from the bulk, the item
//   and its try, so a worker that takes over an item another left `running` asks with the same key:
//   a record written under it is a replay (never a second call); an answer that was lost leaves the
//   record open, and the item `unknown` until reconciliation resolves the record. A worker that died
//   while deciding an item (claim taken, nothing written) left its claim behind: the same key may
//   take it over (lib/guarded/claims.ts), so the item is reset, not skipped as "in progress".
// - Another request deciding about the same task (a single reset in flight) makes the item wait,
//   for as long as a claim can live; after that, or if the task changed meanwhile, it is skipped.
// - What the plan saw (status and snapshot hash) is checked under the claim: a task that changed
//   since is skipped (task_changed), not reset. So is one that a single reset took meanwhile.
// - Paced: every ResetDtsJob attempt of every bulk takes the account's next slot from the store
//   (BULK_RESET_CALLS_PER_SECOND, shared across bulks and instances); each account's items form a
//   lane of their own, so one account's pace never holds up another's. A throttled reset (DTS did
//   nothing) is retried by the client after DTS's wait; one still throttled after its attempts is
//   tried again later under the next key, the account's pace pushed back meanwhile.
// - A failure of one item never stops the others.
import { randomUUID } from "node:crypto";
import type { ConsoleContext } from "@/lib/context";
import { DomainError, DtsCallFailed, GuardRefusal, NotFoundError, ResetRefusal } from "@/lib/domain/errors";
import type { ResetRequest } from "@/lib/domain/reset";
import type { ResetResult } from "@/lib/domain/reset-record";
import { DtsError } from "@/lib/dts/errors";
import { AuditStoreError } from "@/lib/audit/errors";
import { findByIdempotencyKey } from "@/lib/audit/reset-queries";
import type { ResetActor } from "@/lib/audit/schema";
import { performReset } from "@/lib/reset/perform-reset";
import { toResetResult } from "@/lib/reset/dto";
import { CLAIM_LEASE_MS } from "@/lib/guarded/claims";
import {
  finishBulk,
  getBulkRow,
  itemsOf,
  markStarted,
  moveItem,
  openBulkIds,
  markSent,
  releaseLease,
  renewLease,
  reserveSlot,
  takeLease,
  type BulkItemWithReset,
  type BulkRow,
  type ItemPatch,
} from "./store";

/** Tries of one item that DTS throttled through all of the client's attempts, before it counts as failed. */
export const MAX_THROTTLED_TRIES = 6;
/** Reads refused or failed while deciding an item (nothing sent), before it counts as failed. */
const MAX_READ_RETRIES = 5;
/** The longest wait after a throttle (ECS's advice: throttled in one minute, allowed the next). */
const MAX_BACKOFF_MS = 60_000;
/** While another request holds the task: look again this often, for a claim's lifetime and this much more. */
const BUSY_POLL_MS = 2_000;
const BUSY_GRACE_MS = 10_000;
/** Per second of calls, the slack pacing keeps for uneven delivery (a busy machine, the network). */
const PACING_SLACK_MS = 40;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The key of an item's try: the same bulk, item and try always ask with the same key. */
export function itemIdempotencyKey(bulkId: string, position: number, tries: number): string {
  return `bulk-${bulkId}-${position}-${tries}`;
}

/**
 * The gap between two ResetDtsJob calls of one account: 1/rate of a second stretched by 40 ms per
 * second, so that `rate` calls never fit in one second even when they reach DTS a little unevenly.
 */
export function pacingIntervalMs(callsPerSecond: number): number {
  return Math.ceil((1000 + PACING_SLACK_MS) / callsPerSecond);
}

/** When this process last sent a ResetDtsJob of each account. */
const lastSent = new Map<string, number>();

/**
 * Waits for the account's next ResetDtsJob slot (store.ts reserveSlot: atomic, shared by every
 * instance), then for the interval since this process's last call of the account, and records when
 * the call actually goes out, so that a late call moves the pace on instead of squeezing the next.
 */
async function pace(ctx: ConsoleContext, account: string, callsPerSecond: number): Promise<void> {
  const interval = pacingIntervalMs(callsPerSecond);
  const slot = await reserveSlot(ctx.store, account, interval, Date.now());
  const wait = Math.max(slot, (lastSent.get(account) ?? 0) + interval) - Date.now();
  if (wait > 0) await sleep(wait);
  const sentAt = Date.now();
  lastSent.set(account, sentAt);
  await markSent(ctx.store, account, interval, sentAt);
}

/**
 * A ResetDtsJob of the account was answered (or failed): DTS counted it on arrival, which may have
 * been as late as now (a loaded machine holds calls back in the SDK and the socket), so the next
 * call of the account waits an interval from now, not only from when this one went out.
 */
async function paceAnswered(ctx: ConsoleContext, account: string, callsPerSecond: number): Promise<void> {
  const answeredAt = Date.now();
  lastSent.set(account, Math.max(lastSent.get(account) ?? 0, answeredAt));
  await markSent(ctx.store, account, pacingIntervalMs(callsPerSecond), answeredAt);
}

function backoffMs(tries: number): number {
  const exponential = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** tries);
  return Math.round(exponential / 2 + (Math.random() * exponential) / 2);
}

interface Lease {
  token: string;
  lost: boolean;
}

/**
 * Works bulk `id` to its end if no other worker holds it. Answers what came of it: `busy` when
 * another worker holds it, `lost` when the lease was lost midway (another took over), else `done`.
 */
export async function workBulk(ctx: ConsoleContext, id: string): Promise<"done" | "busy" | "lost"> {
  const { leaseMs } = ctx.settings.bulk;
  const lease: Lease = { token: randomUUID(), lost: false };
  if (!(await takeLease(ctx.store, id, lease.token, ctx.now(), leaseMs))) return "busy";
  const heartbeat = setInterval(() => {
    renewLease(ctx.store, id, lease.token, ctx.now(), leaseMs).then(
      (held) => {
        if (!held) lease.lost = true;
      },
      (error: unknown) => ctx.log.warn("bulk_lease_renew_failed", { id, message: (error as Error).message }),
    );
  }, Math.max(250, Math.floor(leaseMs / 3)));
  heartbeat.unref();
  try {
    await markStarted(ctx.store, id, lease.token, ctx.now());
    const bulk = await getBulkRow(ctx.store, id);
    if (!bulk || bulk.lease_token !== lease.token || bulk.status !== "running") return "lost";
    const items = ((await itemsOf(ctx.store, [id])).get(id) ?? []).filter((i) => i.status === "queued" || i.status === "running");
    const lanes = new Map<string, BulkItemWithReset[]>();
    for (const item of items) lanes.set(item.account, [...(lanes.get(item.account) ?? []), item]);
    // Every lane ends before the lease is given up, even when one fails (its error is then raised).
    const outcomes = await Promise.allSettled([...lanes.values()].map((lane) => workLane(ctx, bulk, lane, lease)));
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    if (failed) throw failed.reason;
    if (lease.lost) return "lost";
    await finishBulk(ctx.store, id, lease.token, ctx.now());
    return "done";
  } finally {
    clearInterval(heartbeat);
    await releaseLease(ctx.store, id, lease.token).catch(() => undefined);
  }
}

async function workLane(ctx: ConsoleContext, bulk: BulkRow, lane: readonly BulkItemWithReset[], lease: Lease): Promise<void> {
  for (const item of lane) {
    if (lease.lost) return;
    await workItem(ctx, bulk, item, lease);
  }
}

function actorOf(bulk: BulkRow): ResetActor {
  return { username: bulk.created_by, role: bulk.created_role, address: bulk.created_address, userAgent: bulk.created_user_agent };
}

/** A refusal before anything was sent: the task is not (or no longer) one to reset. */
function isRefusal(error: unknown): error is DomainError {
  return error instanceof ResetRefusal || error instanceof GuardRefusal || error instanceof NotFoundError;
}

/** A read that failed or was refused by DTS's quota while deciding: nothing was sent; try later. */
function isPassingReadFailure(error: unknown): boolean {
  if (error instanceof DtsError) return ["throttled", "server", "timeout", "network", "malformed_response"].includes(error.kind);
  return error instanceof DomainError && (error.code === "dts_throttled" || error.code === "dts_unavailable");
}

async function workItem(ctx: ConsoleContext, bulk: BulkRow, item: BulkItemWithReset, lease: Lease): Promise<void> {
  const { callsPerSecond } = ctx.settings.bulk;
  const move = (from: BulkItemWithReset["status"], patch: ItemPatch) => moveItem(ctx.store, bulk.id, item.position, lease.token, from, patch);
  const now = () => ctx.now().toISOString();
  let tries = item.tries;
  let state = item.status;
  let notBefore = item.not_before ? Date.parse(item.not_before) : 0;
  let readRetries = 0;
  /** Since when another request has held the task (reset_in_progress), if it does. */
  let busySince: number | undefined;
  /** Taken over from a worker that died with the item running. */
  let resumed = item.status === "running";

  for (;;) {
    if (lease.lost) return;
    if (state === "queued") {
      const wait = notBefore - Date.now();
      if (wait > 0) await sleep(wait);
      // Fenced, and only from queued: a cancelled item is never taken up.
      if (!(await move("queued", { status: "running", ...(item.started_at ? {} : { started_at: now() }) }))) return;
      state = "running";
    }
    const key = itemIdempotencyKey(bulk.id, item.position, tries);
    const request: ResetRequest = {
      account: item.account,
      region: item.region as ResetRequest["region"],
      instanceId: item.instance_id,
      direction: item.direction,
      confirmation: item.target_job_id ?? "",
      reason: bulk.reason,
      idempotencyKey: key,
    };
    let answered: ResetResult | null = null;
    let attempted = false;
    try {
      const { record } = await performReset(ctx, item.job_id, request, actorOf(bulk), ctx.now(), {
        bulkId: bulk.id,
        decidedBy: "plan",
        // An item found running was left by a worker that died: its claim may be ours to take over.
        resumes: resumed,
        ...(item.plan_status && item.plan_hash ? { approved: { status: item.plan_status, snapshotHash: item.plan_hash } } : {}),
        beforeAttempt: () => {
          attempted = true;
          return pace(ctx, item.account, callsPerSecond);
        },
      });
      // Also a replay: the record a dead worker wrote under this key (whatever it says).
      answered = toResetResult(record);
    } catch (error) {
      if (error instanceof DtsCallFailed && error.data.reset) {
        answered = error.data.reset as ResetResult;
      } else {
        // Nothing reached DTS under this key, unless a record says so (written meanwhile).
        if (error instanceof AuditStoreError) throw error;
        const recorded = await findByIdempotencyKey(ctx.store, key);
        if (recorded) {
          answered = toResetResult(recorded);
        } else {
          const retryAt = retryAfterRefusal(error, { readRetries: ++readRetries, busySince: (busySince ??= Date.now()) });
          if (retryAt !== null) {
            notBefore = retryAt;
            if (!(await move("running", { status: "queued", not_before: new Date(notBefore).toISOString() }))) return;
            state = "queued";
            resumed = false;
            continue;
          }
          if (error instanceof DomainError && error.code === "audit_unavailable") throw error;
          const failure =
            error instanceof DomainError
              ? { code: error.code, message: error.message, requestId: null }
              : error instanceof DtsError
                ? { code: error.details.code ?? error.kind, message: error.message, requestId: error.details.requestId }
                : null;
          if (!failure) throw error;
          await move("running", {
            status: isRefusal(error) ? "skipped" : "failed",
            error_code: failure.code,
            error_message: failure.message,
            error_request_id: failure.requestId,
            finished_at: now(),
          });
          return;
        }
      }
    } finally {
      if (attempted) await paceAnswered(ctx, item.account, callsPerSecond);
    }
    if (answered.status === "failed" && answered.error?.kind === "throttled" && tries + 1 < MAX_THROTTLED_TRIES) {
      // DTS did nothing. The account's pace steps back for everyone; this item tries again under
      // its next key (this try's record says what DTS answered). A replay of such a record (the
      // worker died before re-queueing the item) lands here too.
      const wait = backoffMs(tries);
      await reserveSlot(ctx.store, item.account, wait, Date.now());
      tries += 1;
      notBefore = Date.now() + wait;
      ctx.log.warn("bulk_reset_throttled", { bulkId: bulk.id, position: item.position, tries, waitMs: wait });
      if (!(await move("running", { status: "queued", tries, not_before: new Date(notBefore).toISOString() }))) return;
      state = "queued";
      resumed = false;
      continue;
    }
    await move("running", { status: "sent", reset_id: answered.id, finished_at: now() });
    return;
  }
}

/**
 * When to try an item again after a refusal that nothing was sent for and that passes: DTS's read
 * quota or a transient read failure (a few times), or another request deciding about the same task
 * right now (for as long as a claim can live: CLAIM_LEASE_MS). Null: give the item up.
 */
function retryAfterRefusal(error: unknown, seen: { readRetries: number; busySince: number }): number | null {
  if (isPassingReadFailure(error)) return seen.readRetries < MAX_READ_RETRIES ? Date.now() + backoffMs(seen.readRetries - 1) : null;
  const busy = error instanceof GuardRefusal && (error.code === "reset_in_progress" || error.code === "reconfigure_in_progress");
  if (busy && Date.now() - seen.busySince < CLAIM_LEASE_MS + BUSY_GRACE_MS) return Date.now() + BUSY_POLL_MS;
  return null;
}

/** One pass over the open bulks: each one not already being worked on here is worked to its end. */
export async function workOpenBulks(ctx: ConsoleContext, active: Set<string> = new Set()): Promise<void> {
  const ids = await openBulkIds(ctx.store);
  await Promise.all(
    ids
      .filter((id) => !active.has(id))
      .map(async (id) => {
        active.add(id);
        try {
          await workBulk(ctx, id);
        } catch (error) {
          ctx.log.error("bulk_worker_failed", { id, name: (error as Error).name, message: (error as Error).message });
        } finally {
          active.delete(id);
        }
      }),
  );
}
