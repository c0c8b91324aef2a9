import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { AuditStore } from "@/lib/db/store";
import { IdempotencyKeyConflictError, ResetAttemptNotFoundError, ResetAttemptStateError } from "@/lib/audit/errors";
import {
  beginAttempt,
  findByIdempotencyKey,
  finishAttempt,
  getReset,
  listResets,
  listUnresolved,
  markVerified,
  resolveByReconciliation,
} from "@/lib/audit/reset-attempts";
import type { AttemptOutcome } from "@/lib/audit/validation";
import { attemptInput, describeDialects, freshLocation, storesClosedAfterEach, uniqueInstanceId } from "./audit-helpers";

describeDialects("reset attempts", (dialect) => {
  const openStore = storesClosedAfterEach();

  async function created(store: AuditStore, overrides: Parameters<typeof attemptInput>[0] = {}) {
    const result = await beginAttempt(store, attemptInput(overrides));
    if (result.kind !== "created") throw new Error(`expected created, got ${result.kind}`);
    return result.record;
  }

  /** A fresh store of the dialect holding one pending attempt. */
  async function storeWithAttempt(overrides: Parameters<typeof attemptInput>[0] = {}) {
    const store = await openStore(freshLocation(dialect));
    return { store, record: await created(store, overrides) };
  }

  describe("beginAttempt", () => {
    it("writes a pending record with the snapshot as given", async () => {
      const store = await openStore(freshLocation(dialect));
      const input = attemptInput({ idempotencyKey: "key-00000001", requestedAt: new Date("2026-01-02T03:04:05.678Z") });
      const result = await beginAttempt(store, input);
      expect(result.kind).toBe("created");
      const record = result.record;
      expect(record).toMatchObject({
        idempotencyKey: "key-00000001",
        jobId: input.jobId,
        instanceId: input.instanceId,
        region: "cn-hangzhou",
        jobType: "SYNC",
        taskName: "orders-sync",
        direction: "Forward",
        resetJobId: input.jobId,
        reason: "Reconfigure the synced tables",
        actor: { username: "operator", role: "operator", address: "127.0.0.1", userAgent: "vitest" },
        status: "pending",
        requestedAt: "2026-01-02T03:04:05.678Z",
        finishedAt: null,
        requestId: null,
        httpStatus: null,
        retrySafe: null,
        resolvedBy: null,
        verifiedAt: null,
        jobIdAfter: null,
      });
      expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(record.snapshotJob).toEqual(input.snapshotJob);
      expect(record.snapshotDetail).toEqual(input.snapshotDetail);
      // The detail keeps what the reset destroys, exactly as DTS sent it.
      expect(record.snapshotDetail).toMatchObject({ MigrationMode: { DataInitialization: true }, DbObject: expect.any(String) });
      expect(await getReset(store, record.id)).toEqual(record);
    });

    it("defaults the request time to now", async () => {
      const store = await openStore(freshLocation(dialect));
      const before = Date.now();
      const record = await created(store);
      expect(Date.parse(record.requestedAt)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(record.requestedAt)).toBeLessThanOrEqual(Date.now());
    });

    it("replays an idempotency key: same record back, nothing new written", async () => {
      const store = await openStore(freshLocation(dialect));
      const input = attemptInput({ idempotencyKey: "replay-key-1" });
      const first = await beginAttempt(store, input);
      await finishAttempt(store, first.record.id, { status: "succeeded", finishedAt: new Date(), requestId: "R1", httpStatus: 200 });

      // The client retries with the same key (and, after the reset, DTS may show a new task ID).
      const again = await beginAttempt(store, { ...input, jobId: "newjobid0000001", resetJobId: "newjobid0000001", reason: "retry" });
      expect(again.kind).toBe("replay");
      expect(again.record).toMatchObject({ id: first.record.id, status: "succeeded", requestId: "R1", reason: input.reason });
      expect((await listResets(store, {}, 1, 10)).total).toBe(1);
      expect((await findByIdempotencyKey(store, "replay-key-1"))?.id).toBe(first.record.id);
      expect(await findByIdempotencyKey(store, "never-used-key")).toBeNull();
    });

    it("replays a key whose attempt is still pending", async () => {
      const store = await openStore(freshLocation(dialect));
      const input = attemptInput({ idempotencyKey: "pending-key-1" });
      const first = await beginAttempt(store, input);
      const again = await beginAttempt(store, input);
      expect(again).toEqual({ kind: "replay", record: first.record });
    });

    it("refuses a key reused for another task or direction", async () => {
      const store = await openStore(freshLocation(dialect));
      const input = attemptInput({ idempotencyKey: "reused-key-1" });
      const first = await beginAttempt(store, input);
      const otherTask = beginAttempt(store, attemptInput({ idempotencyKey: "reused-key-1" }));
      await expect(otherTask).rejects.toBeInstanceOf(IdempotencyKeyConflictError);
      await expect(otherTask).rejects.toMatchObject({ existingId: first.record.id });
      const otherDirection = beginAttempt(store, { ...input, direction: "Reverse", resetJobId: "reversejob00001" });
      await expect(otherDirection).rejects.toBeInstanceOf(IdempotencyKeyConflictError);
      expect((await listResets(store, {}, 1, 10)).total).toBe(1);
    });

    it("refuses a second attempt on a task and direction while one is pending or unknown", async () => {
      const store = await openStore(freshLocation(dialect));
      const instanceId = uniqueInstanceId();
      const first = await created(store, { instanceId });
      const second = await beginAttempt(store, attemptInput({ instanceId, idempotencyKey: "other-key-01" }));
      expect(second).toEqual({ kind: "in_progress", record: first });

      await finishAttempt(store, first.id, { status: "unknown", finishedAt: new Date(), errorKind: "timeout" });
      const third = await beginAttempt(store, attemptInput({ instanceId }));
      expect(third.kind).toBe("in_progress");
      expect(third.record.id).toBe(first.id);

      // The other direction of the same instance is a different task: allowed.
      const reverse = await beginAttempt(store, attemptInput({ instanceId, direction: "Reverse", resetJobId: "reversejob00001" }));
      expect(reverse.kind).toBe("created");

      // Once resolved, a new attempt on the task is allowed again.
      await resolveByReconciliation(store, first.id, { status: "failed", at: new Date(), note: "task still Synchronizing" });
      expect((await beginAttempt(store, attemptInput({ instanceId }))).kind).toBe("created");
      expect((await listResets(store, {}, 1, 10)).total).toBe(3);
    });

    it("lets exactly one of two concurrent attempts through, across two handles on one file", async () => {
      const file = freshLocation(dialect);
      const a = await openStore(file);
      const b = await openStore(file);
      for (let round = 0; round < 10; round++) {
        const instanceId = uniqueInstanceId();
        const results = await Promise.all([
          beginAttempt(a, attemptInput({ instanceId, reason: "from handle A" })),
          beginAttempt(b, attemptInput({ instanceId, reason: "from handle B" })),
        ]);
        const kinds = results.map((r) => r.kind).sort();
        expect(kinds).toEqual(["created", "in_progress"]);
        const winner = results.find((r) => r.kind === "created")!;
        const loser = results.find((r) => r.kind === "in_progress")!;
        expect(loser.record.id).toBe(winner.record.id);
      }
      expect((await listResets(a, {}, 1, 100)).total).toBe(10);
    });

    describe("fails closed on invalid input, writing nothing", () => {
      const invalid: [string, Parameters<typeof attemptInput>[0]][] = [
        ["a Forward reset of another task", { direction: "Forward", resetJobId: "someotherjob001" }],
        ["a Reverse reset aimed at the forward task", { direction: "Reverse", resetJobId: "l3m1213ye7l0001" }],
        ["an unknown region", { region: "mars-1" }],
        ["a short reason", { reason: "x" }],
        ["a malformed idempotency key", { idempotencyKey: "short" }],
        ["a malformed task ID", { jobId: "bad id; drop", resetJobId: "bad id; drop" }],
        ["a missing actor name", { actor: { username: " ", role: "operator", address: null, userAgent: null } }],
        ["an invalid request time", { requestedAt: new Date("nope") }],
        ["a snapshot that is not an object", { snapshotDetail: "{}" as unknown as Record<string, unknown> }],
        ["a snapshot that cannot be serialised", { snapshotJob: { big: BigInt(1) } }],
      ];
      it.each(invalid)("%s", async (_label, overrides) => {
        const store = await openStore(freshLocation(dialect));
        await expect(beginAttempt(store, attemptInput(overrides))).rejects.toBeInstanceOf(ZodError);
        expect((await listResets(store, {}, 1, 10)).total).toBe(0);
      });

      it("unknown fields", async () => {
        const store = await openStore(freshLocation(dialect));
        await expect(beginAttempt(store, { ...attemptInput(), status: "succeeded" } as never)).rejects.toBeInstanceOf(ZodError);
      });
    });

    it("trims the reason and truncates an overlong User-Agent rather than refusing", async () => {
      const store = await openStore(freshLocation(dialect));
      const record = await created(store, {
        reason: "  padded reason  ",
        actor: { username: "op", role: "operator", address: null, userAgent: "x".repeat(2000) },
      });
      expect(record.reason).toBe("padded reason");
      expect(record.actor.userAgent).toHaveLength(512);
    });
  });

  describe("finishAttempt", () => {
    /** Finishes a fresh attempt at 03:04:06 with the outcome given. */
    async function finishFresh(outcome: Omit<AttemptOutcome, "finishedAt">) {
      const { store, record } = await storeWithAttempt();
      const finished = await finishAttempt(store, record.id, { ...outcome, finishedAt: new Date("2026-01-02T03:04:06.000Z") } as AttemptOutcome);
      return { store, record, finished };
    }

    it("records a success from the response", async () => {
      const { finished } = await finishFresh({
        status: "succeeded",
        requestId: "01B6F25-21E7-4484-99D5-3EF2625C0000",
        httpStatus: 200,
      });
      expect(finished).toMatchObject({
        status: "succeeded",
        resolvedBy: "response",
        finishedAt: "2026-01-02T03:04:06.000Z",
        requestId: "01B6F25-21E7-4484-99D5-3EF2625C0000",
        httpStatus: 200,
        errorCode: null,
        reconciledAt: null,
      });
    });

    it("records a failure with every field", async () => {
      const failure = {
        status: "failed",
        requestId: "REQ-F",
        httpStatus: 403,
        errorCode: "Forbidden.RAM",
        errorMessage: "User not authorized to operate on the specified resource: dts:ResetDtsJob",
        errorKind: "dts",
        retrySafe: false,
      } as const;
      const { store, record, finished } = await finishFresh(failure);
      expect(finished).toMatchObject({ ...failure, resolvedBy: "response" });
      expect(await getReset(store, record.id)).toEqual(finished);
    });

    it("records an unknown outcome, which stays unresolved", async () => {
      const { store, record } = await storeWithAttempt();
      const finished = await finishAttempt(store, record.id, {
        status: "unknown",
        finishedAt: new Date(),
        errorKind: "timeout",
        errorMessage: "no answer within 30 s",
        retrySafe: true,
      });
      expect(finished).toMatchObject({ status: "unknown", resolvedBy: null, errorKind: "timeout", retrySafe: true, requestId: null });
      expect((await listUnresolved(store, new Date(Date.now() + 1000))).map((r) => r.id)).toContain(record.id);
    });

    it("only finishes a pending record", async () => {
      const { store, record } = await storeWithAttempt();
      await finishAttempt(store, record.id, { status: "unknown", finishedAt: new Date() });
      const error = await finishAttempt(store, record.id, { status: "succeeded", finishedAt: new Date() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResetAttemptStateError);
      expect(error).toMatchObject({ currentStatus: "unknown" });
      await expect(finishAttempt(store, "00000000-0000-0000-0000-000000000000", { status: "failed", finishedAt: new Date() })).rejects.toBeInstanceOf(
        ResetAttemptNotFoundError,
      );
    });

    it("validates the outcome", async () => {
      const { store, record } = await storeWithAttempt();
      await expect(finishAttempt(store, record.id, { status: "pending" as never, finishedAt: new Date() })).rejects.toBeInstanceOf(ZodError);
      await expect(finishAttempt(store, record.id, { status: "failed", finishedAt: new Date(), httpStatus: 42 })).rejects.toBeInstanceOf(ZodError);
      expect((await getReset(store, record.id))?.status).toBe("pending");
    });
  });

  describe("reconciliation and verification", () => {
    it("lists pending and unknown attempts older than the cut-off, oldest first", async () => {
      const store = await openStore(freshLocation(dialect));
      const t0 = new Date("2026-03-01T10:00:00.000Z");
      const old1 = await created(store, { requestedAt: t0 });
      const old2 = await created(store, { requestedAt: new Date(t0.getTime() + 1_000) });
      await finishAttempt(store, old2.id, { status: "unknown", finishedAt: new Date(t0.getTime() + 31_000) });
      const done = await created(store, { requestedAt: new Date(t0.getTime() + 2_000) });
      await finishAttempt(store, done.id, { status: "failed", finishedAt: new Date(t0.getTime() + 3_000) });
      await created(store, { requestedAt: new Date(t0.getTime() + 60_000) });

      const unresolved = await listUnresolved(store, new Date(t0.getTime() + 30_000));
      expect(unresolved.map((r) => r.id)).toEqual([old1.id, old2.id]);
    });

    it("lists an unknown attempt at once: its answer arrived, no live request waits on it", async () => {
      const store = await openStore(freshLocation(dialect));
      const t0 = new Date("2026-03-01T10:00:00.000Z");
      const young = await created(store, { requestedAt: t0 });
      await finishAttempt(store, young.id, { status: "unknown", finishedAt: new Date(t0.getTime() + 2_000) });
      const pending = await created(store, { requestedAt: new Date(t0.getTime() + 1_000) });
      // The cut-off is before both: the pending one may still be waiting for DTS, the unknown one not.
      const listed = (await listUnresolved(store, new Date(t0.getTime() - 1))).map((r) => r.id);
      expect(listed).toEqual([young.id]);
      expect(listed).not.toContain(pending.id);
    });

    it("resolves a pending attempt as succeeded: resolution, verification and the new task ID recorded", async () => {
      const { store, record } = await storeWithAttempt();
      const at = new Date("2026-03-01T10:01:00.000Z");
      const resolved = await resolveByReconciliation(store, record.id, {
        status: "succeeded",
        at,
        note: "DescribeDtsJobs shows NotConfigured",
        jobIdAfter: "l3m1213ye7l0002",
      });
      expect(resolved).toMatchObject({
        status: "succeeded",
        resolvedBy: "reconciliation",
        reconciledAt: at.toISOString(),
        reconciliationNote: "DescribeDtsJobs shows NotConfigured",
        verifiedAt: at.toISOString(),
        jobIdAfter: "l3m1213ye7l0002",
        finishedAt: null,
      });
      // Verification is set once: a later observation changes nothing.
      const again = await markVerified(store, record.id, { at: new Date(), jobIdAfter: "somethingelse01" });
      expect(again).toEqual(resolved);
    });

    it("resolves an unknown attempt as failed, keeping what the call recorded", async () => {
      const { store, record } = await storeWithAttempt();
      await finishAttempt(store, record.id, { status: "unknown", finishedAt: new Date("2026-03-01T10:00:30.000Z"), errorKind: "timeout" });
      const resolved = await resolveByReconciliation(store, record.id, {
        status: "failed",
        at: new Date("2026-03-01T10:01:00.000Z"),
        note: "task still Synchronizing",
      });
      expect(resolved).toMatchObject({
        status: "failed",
        resolvedBy: "reconciliation",
        finishedAt: "2026-03-01T10:00:30.000Z",
        errorKind: "timeout",
        verifiedAt: null,
      });
      const error = await resolveByReconciliation(store, record.id, { status: "succeeded", at: new Date(), note: "again" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResetAttemptStateError);
      expect(error).toMatchObject({ currentStatus: "failed" });
    });

    it("verifies a success from the response once, keeping the first observation", async () => {
      const { store, record } = await storeWithAttempt();
      await finishAttempt(store, record.id, { status: "succeeded", finishedAt: new Date() });
      const first = await markVerified(store, record.id, { at: new Date("2026-03-01T10:00:05.000Z") });
      expect(first).toMatchObject({ verifiedAt: "2026-03-01T10:00:05.000Z", jobIdAfter: null });
      const second = await markVerified(store, record.id, { at: new Date("2026-03-01T10:09:00.000Z"), jobIdAfter: "l3m1213ye7l0009" });
      expect(second).toEqual(first);
    });

    it("refuses to verify what did not succeed", async () => {
      const store = await openStore(freshLocation(dialect));
      const pending = await created(store);
      await expect(markVerified(store, pending.id, { at: new Date() })).rejects.toBeInstanceOf(ResetAttemptStateError);
      await finishAttempt(store, pending.id, { status: "failed", finishedAt: new Date() });
      await expect(markVerified(store, pending.id, { at: new Date() })).rejects.toBeInstanceOf(ResetAttemptStateError);
      await expect(markVerified(store, "00000000-0000-0000-0000-000000000000", { at: new Date() })).rejects.toBeInstanceOf(
        ResetAttemptNotFoundError,
      );
    });
  });
});
