// A reconfiguration's end is reported in the same commit as the step that makes it known (issue
// 24): Synchronizing → reconfiguration.succeeded, a failed precheck → reconfiguration.failed, each
// once. The real simulator over HTTP, its precheck moved only by the console's reads.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import type { AuditStore } from "@/lib/db/store";
import { performReset } from "@/lib/reset/perform-reset";
import { performReconfigure } from "@/lib/reconfigure/perform-reconfigure";
import { followReconfiguration } from "@/lib/reconfigure/follow";
import type { Reconfiguration } from "@/lib/audit/reconfigurations";
import { auditStorePerTest, harnessPerSuite, TEST_ACTOR, ctxOf } from "./dts-harness";

const { oneWayRunning } = SEED_FIXTURES;
const h = harnessPerSuite();
let store: AuditStore;
auditStorePerTest("notify-reconfigure-", (temp) => ({ store } = temp), () => store);
const deps = () => ctxOf({ client: h.client(), store });
const passwords = { sourcePassword: "src-pw-notify-1", destinationPassword: "dst-pw-notify-2" };

async function reconfigureToEnd(): Promise<Reconfiguration> {
  const { record: reset } = await performReset(deps(), oneWayRunning.jobId, { region: oneWayRunning.region as never, instanceId: oneWayRunning.instanceId, direction: "Forward", confirmation: oneWayRunning.jobId, reason: "notify test" }, TEST_ACTOR);
  let current = (await performReconfigure(deps(), reset.id, passwords, TEST_ACTOR)).record;
  for (let i = 0; i < 10 && !["synchronizing", "precheck_failed", "failed"].includes(current.progress); i++) current = await followReconfiguration(deps(), current);
  // One more read after the end changes nothing, and reports nothing.
  await followReconfiguration(deps(), current).catch(() => undefined);
  return current;
}

async function reconfigurationEvents(): Promise<Array<{ type: string; subject_id: string; summary: string }>> {
  return (await sql<{ type: string; subject_id: string; summary: string }>`select type, subject_id, summary from notification_events where subject_kind = 'reconfiguration'`.execute(store.db)).rows;
}

describe("reconfiguration notifications", () => {
  it("Synchronizing is reported once as reconfiguration.succeeded, never with a password", async () => {
    const done = await reconfigureToEnd();
    expect(done.progress).toBe("synchronizing");
    const events = await reconfigurationEvents();
    expect(events.map((e) => [e.type, e.subject_id])).toEqual([["reconfiguration.succeeded", done.id]]);
    expect(JSON.parse(events[0]!.summary)).toMatchObject({ task: oneWayRunning.jobId, outcome: "synchronizing" });
    for (const secret of Object.values(passwords)) expect(JSON.stringify(events)).not.toContain(secret);
  });

  it("a failed precheck is reported once as reconfiguration.failed", async () => {
    const response = await h.control("precheck/failures", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ item: "CHECK_CONN_SRC", message: "Access denied" }) });
    expect(response.ok).toBe(true);
    const done = await reconfigureToEnd();
    expect(done.progress).toBe("precheck_failed");
    expect((await reconfigurationEvents()).map((e) => [e.type, e.subject_id])).toEqual([["reconfiguration.failed", done.id]]);
  });
});
