// The simulator's precheck failures through the official client: a failure kept until cleared (a
// cause stays until the operator fixes it), DescribePreCheckStatus and DescribeDtsJobDetail's
// PrecheckStatus.Detail reporting the same item with DTS's message and repair advice, and the
// start that passes once it is cleared. The timeline moves on reads, never on the clock.
import { describe, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator";
import { simulatorPerSuite } from "./simulator-helpers";

const { oneWayRunning: task } = SEED_FIXTURES;
const harness = simulatorPerSuite();
const MESSAGE = "DTS-1020042 Access denied for user 'dts_sync'";
const REPAIR = "Grant dts_sync access from DTS's CIDR blocks.";

async function startAndRead() {
  const { client } = harness;
  await client.call("StartDtsJob", { DtsJobId: task.jobId, RegionId: task.region });
  // One read ends the precheck (readsPerStage 1, the default).
  await client.call("DescribePreCheckStatus", { DtsJobId: task.jobId, JobCode: "01", RegionId: task.region });
  const precheck = (await client.call("DescribePreCheckStatus", { DtsJobId: task.jobId, JobCode: "01", RegionId: task.region })).body;
  const detail = (await client.call("DescribeDtsJobDetail", { DtsJobId: task.jobId, RegionId: task.region })).body;
  return { precheck, detail };
}

describe("precheck failures", () => {
  it("a persistent failure fails every precheck of the task until cleared, and Detail reports the items the precheck failed on", async () => {
    harness.sim.control.setJobStatus(task.jobId, { status: "NotStarted" });
    harness.sim.control.armPrecheckFailure({ jobId: task.jobId, item: "CHECK_CONN_SRC", message: MESSAGE, repairMethod: REPAIR, persistent: true });

    for (let round = 0; round < 2; round++) {
      const { precheck, detail } = await startAndRead();
      expect(detail.Status).toBe("PrecheckFailed");
      expect(precheck.State).toBe("Failed");
      expect((precheck.JobProgress as Array<Record<string, unknown>>).filter((i) => i.State === "Failed")).toEqual([
        expect.objectContaining({ Item: "CHECK_CONN_SRC", ErrMsg: MESSAGE, RepairMethod: REPAIR }),
      ]);
      expect((detail.PrecheckStatus as { Detail: unknown[] }).Detail).toEqual([
        { CheckItem: "CHECK_CONN_SRC", CheckItemDescription: "Source database connectivity", CheckResult: "Failed", FailedReason: MESSAGE, RepairMethod: REPAIR },
      ]);
    }
    expect(harness.sim.control.precheck().armed).toHaveLength(1);

    // Fixed: the next precheck passes.
    expect(harness.sim.control.clearPrecheckFailures(task.jobId)).toBe(1);
    const { precheck, detail } = await startAndRead();
    expect(precheck.State).toBe("Finished");
    expect(detail.Status).not.toBe("PrecheckFailed");
    expect((detail.PrecheckStatus as { Detail: unknown[] }).Detail).toEqual([]);
  });

  it("a failure armed once fails only the next precheck", async () => {
    harness.sim.control.setJobStatus(task.jobId, { status: "NotStarted" });
    harness.sim.control.armPrecheckFailure({ jobId: task.jobId, item: "CHECK_AUTH_SRC" });
    expect((await startAndRead()).detail.Status).toBe("PrecheckFailed");
    expect(harness.sim.control.precheck().armed).toHaveLength(0);
    expect((await startAndRead()).precheck.State).toBe("Finished");
  });
});
