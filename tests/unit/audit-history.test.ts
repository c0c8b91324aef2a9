import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { AuditStore } from "@/lib/db/store";
import { ExportLimitExceededError } from "@/lib/audit/errors";
import { beginAttempt, finishAttempt, iterateResets, listResets, listResetsForInstance } from "@/lib/audit/reset-attempts";
import type { ResetRecord } from "@/lib/audit/schema";
import { attemptInput, describeDialects, openFreshStore } from "./audit-helpers";

describeDialects("reset history", (dialect) => {
  // One history shared by the read-only tests below: 12 attempts, one a minute from T0.
  const T0 = Date.parse("2026-04-01T00:00:00.000Z");
  const minute = (n: number) => new Date(T0 + n * 60_000);
  let store: AuditStore;
  const records: ResetRecord[] = [];

  beforeAll(async () => {
    store = await openFreshStore(dialect);
    for (let i = 0; i < 12; i++) {
      const result = await beginAttempt(
        store,
        attemptInput({
          instanceId: i < 3 ? "dtsSharedInstance" : `dtsinstance${String(i).padStart(4, "0")}`,
          direction: i === 1 ? "Reverse" : "Forward",
          jobId: `job${String(i).padStart(12, "0")}`,
          resetJobId: i === 1 ? "reversejob00001" : `job${String(i).padStart(12, "0")}`,
          taskName: i % 2 === 0 ? `Orders_Sync ${i}` : `billing-50%_${i}`,
          actor: { username: i % 3 === 0 ? "Alice.Ops" : "bob", role: "operator", address: null, userAgent: null },
          requestedAt: minute(i),
        }),
      );
      const status = (["succeeded", "failed", "unknown"] as const)[i % 3]!;
      // The shared instance keeps at most one unresolved attempt per direction: finish all but the last.
      const record = i === 11 ? result.record : await finishAttempt(store, result.record.id, { status, finishedAt: minute(i + 0.5) });
      records.push(record);
    }
  });
  afterAll(async () => {
    await store.close();
  });

  const ids = (items: ResetRecord[]) => items.map((r) => r.id);
  const newestFirst = () => [...records].reverse();

  describe("listResets", () => {
    it("returns everything newest first with the total", async () => {
      const page = await listResets(store, {}, 1, 50);
      expect(page.total).toBe(12);
      expect(ids(page.items)).toEqual(ids(newestFirst()));
    });

    it("pages without overlap or gaps", async () => {
      const pages = await Promise.all([1, 2, 3].map((p) => listResets(store, {}, p, 5)));
      expect(pages.map((p) => p.items.length)).toEqual([5, 5, 2]);
      expect(pages.every((p) => p.total === 12)).toBe(true);
      expect(pages.flatMap((p) => ids(p.items))).toEqual(ids(newestFirst()));
      expect((await listResets(store, {}, 4, 5)).items).toEqual([]);
    });

    it("filters by outcome", async () => {
      const page = await listResets(store, { outcome: "failed" }, 1, 50);
      expect(page.total).toBe(4);
      expect(page.items.every((r) => r.status === "failed")).toBe(true);
      expect((await listResets(store, { outcome: "pending" }, 1, 50)).total).toBe(1);
    });

    it("filters by task: job ID, reset job ID, instance ID or name, case-insensitively", async () => {
      expect(ids((await listResets(store, { task: "JOB000000000005" }, 1, 50)).items)).toEqual([records[5]!.id]);
      expect(ids((await listResets(store, { task: "reverseJOB" }, 1, 50)).items)).toEqual([records[1]!.id]);
      expect((await listResets(store, { task: "dtssharedinstance" }, 1, 50)).total).toBe(3);
      expect((await listResets(store, { task: "orders_sync" }, 1, 50)).total).toBe(6);
    });

    it("takes %, _ and \\ in the task filter literally", async () => {
      expect((await listResets(store, { task: "50%_" }, 1, 50)).total).toBe(6);
      expect((await listResets(store, { task: "%" }, 1, 50)).total).toBe(6);
      expect((await listResets(store, { task: "s_sync" }, 1, 50)).total).toBe(6);
      expect((await listResets(store, { task: "r_sync" }, 1, 50)).total).toBe(0);
      expect((await listResets(store, { task: "\\" }, 1, 50)).total).toBe(0);
    });

    it("filters by actor, case-insensitively, and treats blank filters as none", async () => {
      expect((await listResets(store, { actor: "alice" }, 1, 50)).total).toBe(4);
      expect((await listResets(store, { actor: "BOB" }, 1, 50)).total).toBe(8);
      expect((await listResets(store, { actor: "  ", task: "" }, 1, 50)).total).toBe(12);
    });

    it("filters by a half-open date range [from, to)", async () => {
      const page = await listResets(store, { from: minute(2), to: minute(5) }, 1, 50);
      expect(ids(page.items)).toEqual(ids([records[4]!, records[3]!, records[2]!]));
      expect((await listResets(store, { from: minute(11) }, 1, 50)).total).toBe(1);
      expect((await listResets(store, { to: minute(0) }, 1, 50)).total).toBe(0);
    });

    it("combines filters", async () => {
      const page = await listResets(store, { outcome: "succeeded", actor: "alice", task: "orders", from: minute(1) }, 1, 50);
      expect(ids(page.items)).toEqual(ids([records[6]!]));
    });

    it("validates filters and paging", async () => {
      await expect(listResets(store, {}, 0, 10)).rejects.toBeInstanceOf(ZodError);
      await expect(listResets(store, {}, 1, 0)).rejects.toBeInstanceOf(ZodError);
      await expect(listResets(store, {}, 1, 501)).rejects.toBeInstanceOf(ZodError);
      await expect(listResets(store, { outcome: "done" as never }, 1, 10)).rejects.toBeInstanceOf(ZodError);
    });
  });

  describe("listResetsForInstance", () => {
    it("returns that instance's resets of both directions, newest first", async () => {
      const items = await listResetsForInstance(store, "dtsSharedInstance");
      expect(ids(items)).toEqual(ids([records[2]!, records[1]!, records[0]!]));
      expect(await listResetsForInstance(store, "dtsnobody")).toEqual([]);
      expect(await listResetsForInstance(store, "dtsSharedInstance", 1)).toHaveLength(1);
    });
  });

  describe("iterateResets", () => {
    it("returns every match, newest first", async () => {
      expect(ids(await iterateResets(store, {}))).toEqual(ids(newestFirst()));
      expect(await iterateResets(store, { outcome: "unknown" })).toHaveLength(3);
    });

    it("refuses to hand back a truncated export", async () => {
      await expect(iterateResets(store, {}, 11)).rejects.toBeInstanceOf(ExportLimitExceededError);
      expect(await iterateResets(store, {}, 12)).toHaveLength(12);
    });
  });
});
