// Several Alibaba Cloud accounts in one simulator: each has its own tasks (its own seed, or a copy
// of the default one), keys see their account's tasks only, the control API addresses an account
// with `account`, a reset restores every account, and the rate limit is per account and region.

import { describe, expect, it } from "vitest";
import {
  buildSeed,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_SIMULATOR_ACCESS_KEY_ID,
  DEFAULT_SIMULATOR_ACCESS_KEY_SECRET,
  DEMO_FLEET,
  demoFleetOptions,
  SEED_FIXTURES,
  SEED_REGIONS,
  seedFixturesFor,
  startSimulator,
} from "@/simulator";
import { parseCliArgs } from "@/simulator/cli-args";
import { controlFetch, jobList, rejection, sdkClient, simulatorPerSuite } from "./simulator-helpers";

const PROD = DEMO_FLEET.prod;
const listQuery = { Region: "cn-hangzhou", JobType: "SYNC", PageSize: "100" };

/** A second static key, of an account with no seed of its own (`accounts`). */
const TEAM_KEY = { accessKeyId: "team-b-access-key", accessKeySecret: "team-b-secret-0123456789abcdef" };

function allJobIds(records: ReturnType<typeof buildSeed>): string[] {
  return records.flatMap((r) => (r.reverse ? [r.forward.jobId, r.reverse.jobId] : [r.forward.jobId]));
}

describe("seeds per account", () => {
  it("SeedOptions.account gives the same kinds of tasks under other job IDs, deterministically", () => {
    const main = buildSeed();
    const prod = buildSeed({ account: "prod" });
    expect(buildSeed({ account: "prod" })).toEqual(prod);
    expect(prod.length).toBe(main.length);
    const mainIds = new Set(allJobIds(main));
    expect(allJobIds(prod).filter((id) => mainIds.has(id))).toEqual([]);
    expect(new Set(prod.map((r) => r.region))).toEqual(new Set(SEED_REGIONS));
    expect(buildSeed({ account: "staging" }).map((r) => r.forward.jobId)).not.toEqual(prod.map((r) => r.forward.jobId));
    // The fixtures keep their roles (name, status, shape) under the account's IDs.
    const fixtures = seedFixturesFor("prod");
    for (const [name, fixture] of Object.entries(fixtures)) {
      const original = SEED_FIXTURES[name as keyof typeof SEED_FIXTURES];
      expect(fixture).toMatchObject({ name: original.name, status: original.status, region: original.region, jobType: original.jobType });
      expect(fixture.jobId).not.toBe(original.jobId);
      expect(prod.find((r) => r.forward.jobId === fixture.jobId)?.instanceId).toBe(fixture.instanceId);
    }
    expect(seedFixturesFor()).toEqual(SEED_FIXTURES);
  });

  it("the demo fleet's prod has Failed tasks and two-way tasks in several regions", () => {
    const prod = buildSeed(DEMO_FLEET.options.accountSeeds.prod);
    expect(prod.some((r) => r.forward.status === "Failed")).toBe(true);
    expect(prod.some((r) => r.reverse?.status === "Failed")).toBe(true);
    expect(new Set(prod.filter((r) => r.reverse).map((r) => r.region)).size).toBeGreaterThanOrEqual(2);
    expect(PROD.fixtures.twoWayReverseFailed.reverseStatus).toBe("Failed");
    expect(PROD.fixtures.failedWithError.status).toBe("Failed");
  });

  it("--demo-fleet turns the fleet on from the command line", () => {
    const { options } = parseCliArgs(["--demo-fleet", "--port", "0"]);
    expect(options).toMatchObject({ defaultAccount: "main", accountSeeds: { prod: { account: "prod" } }, port: 0 });
    expect(options.roles?.map((r) => r.arn)).toEqual([DEMO_FLEET.main.roleArn, PROD.roleArn]);
    expect(parseCliArgs([]).options.roles).toBeUndefined();
  });
});

describe("the demo fleet", () => {
  const harness = simulatorPerSuite({
    options: {
      ...demoFleetOptions(),
      accessKeys: [{ accessKeyId: DEFAULT_SIMULATOR_ACCESS_KEY_ID, accessKeySecret: DEFAULT_SIMULATOR_ACCESS_KEY_SECRET }, TEAM_KEY],
      accounts: { [TEAM_KEY.accessKeyId]: "team-b" },
    },
  });

  it("holds main (default), prod (its own seed) and team-b (a copy of the default seed)", async () => {
    expect(harness.sim.defaultAccount).toBe("main");
    expect([...harness.sim.accounts].sort()).toEqual(["main", "prod", "team-b"]);
    const accounts = (await controlFetch(harness.sim, "/__sim/accounts")).body.accounts as Array<Record<string, unknown>>;
    expect(accounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ account: "main", isDefault: true, ownSeed: false }),
        expect.objectContaining({ account: "prod", isDefault: false, ownSeed: true, regions: expect.arrayContaining([...SEED_REGIONS]) }),
        expect.objectContaining({ account: "team-b", isDefault: false, ownSeed: false }),
      ]),
    );
    expect((await controlFetch(harness.sim, "/__sim/health")).body).toMatchObject({ status: "ok", accounts: expect.arrayContaining(["main", "prod", "team-b"]) });
  });

  it("the default key sees main's tasks, not prod's", async () => {
    const ids = jobList(await harness.client.call("DescribeDtsJobs", listQuery)).map((j) => j.DtsJobId);
    expect(ids).toContain(SEED_FIXTURES.oneWayRunning.jobId);
    expect(ids).not.toContain(PROD.fixtures.oneWayRunning.jobId);
    expect(harness.sim.control.calls()).toEqual([expect.objectContaining({ accessKeyId: DEFAULT_SIMULATOR_ACCESS_KEY_ID, account: "main", securityToken: false })]);
  });

  it("an account holding a copy of the default seed has the same IDs but a state of its own", async () => {
    const team = sdkClient(harness.sim, TEAM_KEY);
    await team.call("ResetDtsJob", { DtsJobId: SEED_FIXTURES.oneWayRunning.jobId });
    expect(harness.sim.control.job(SEED_FIXTURES.oneWayRunning.jobId, "team-b")?.instance.forward.status).toBe("NotConfigured");
    expect(harness.sim.control.job(SEED_FIXTURES.oneWayRunning.jobId)?.instance.forward.status).toBe("Synchronizing");
    const mainView = jobList(await harness.client.call("DescribeDtsJobs", listQuery)).find((j) => j.DtsJobId === SEED_FIXTURES.oneWayRunning.jobId);
    expect(mainView?.Status).toBe("Synchronizing");
    expect(harness.sim.control.calls({ account: "team-b" }).map((c) => c.action)).toEqual(["ResetDtsJob"]);
  });

  it("the control API addresses an account with ?account= (default: the default account); an unknown one is a 400", async () => {
    const prodJobs = (await controlFetch(harness.sim, `/__sim/jobs?account=prod&region=cn-hangzhou`)).body.jobs as Array<{ forward: { jobId: string } }>;
    expect(prodJobs.map((j) => j.forward.jobId)).toContain(PROD.fixtures.oneWayRunning.jobId);
    expect((await controlFetch(harness.sim, `/__sim/jobs/${PROD.fixtures.oneWayRunning.jobId}`)).status).toBe(404);
    expect((await controlFetch(harness.sim, `/__sim/jobs/${PROD.fixtures.oneWayRunning.jobId}?account=prod`)).status).toBe(200);

    const changed = await controlFetch(harness.sim, `/__sim/jobs/${PROD.fixtures.oneWayRunning.jobId}/status?account=prod`, { method: "POST", body: { status: "Failed", errorMessage: "boom" } });
    expect(changed).toMatchObject({ status: 200, body: { instance: { forward: { status: "Failed", errorMessage: "boom" } } } });
    expect(harness.sim.control.jobs({ account: "prod", region: "cn-hangzhou" }).find((j) => j.forward.jobId === PROD.fixtures.oneWayRunning.jobId)?.forward.status).toBe("Failed");

    for (const path of ["/__sim/jobs?account=nobody", "/__sim/calls?account=nobody", "/__sim/resets/pending?account=nobody", "/__sim/precheck?account=nobody"]) {
      expect((await controlFetch(harness.sim, path)).status).toBe(400);
    }
    expect(() => harness.sim.control.jobs({ account: "nobody" })).toThrow(RangeError);
    expect((await controlFetch(harness.sim, "/__sim/resets/pending?account=prod")).body).toEqual({ pending: [] });
    expect((await controlFetch(harness.sim, "/__sim/precheck?account=prod")).status).toBe(200);
  });

  it("a control reset restores every account's seed", async () => {
    harness.sim.control.setJobStatus(PROD.fixtures.failedWithError.jobId, { status: "Synchronizing" }, "prod");
    await sdkClient(harness.sim, TEAM_KEY).call("ResetDtsJob", { DtsJobId: SEED_FIXTURES.failedWithError.jobId });
    harness.sim.control.setJobStatus(SEED_FIXTURES.locked.jobId, { status: "Synchronizing" });
    await controlFetch(harness.sim, "/__sim/reset", { method: "POST" });
    expect(harness.sim.control.job(PROD.fixtures.failedWithError.jobId, "prod")?.instance.forward.status).toBe("Failed");
    expect(harness.sim.control.job(SEED_FIXTURES.failedWithError.jobId, "team-b")?.instance.forward.status).toBe("Failed");
    expect(harness.sim.control.job(SEED_FIXTURES.locked.jobId)?.instance.forward.status).toBe("Locked");
  });
});

describe("rate limits per account", () => {
  it("two accounts each get 20 DescribeDtsJobs calls per second in the same region", async () => {
    const base = Date.now();
    const clock = { offset: 0 };
    const sim = await startSimulator({ ...demoFleetOptions(), now: () => base + clock.offset });
    try {
      const main = sdkClient(sim);
      // A prod session through the raw client (the STS client is covered in simulator-sts.test.ts).
      const assumed = await main.call("AssumeRole", { RoleArn: PROD.roleArn, RoleSessionName: "rate-it", ExternalId: PROD.externalId }, { version: "2015-04-01" });
      const credentials = assumed.body.Credentials as { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string };
      const prod = sdkClient(sim, { accessKeyId: credentials.AccessKeyId, accessKeySecret: credentials.AccessKeySecret, securityToken: credentials.SecurityToken });
      for (let i = 0; i < 20; i++) await main.call("DescribeDtsJobs", listQuery);
      expect(await rejection(main.call("DescribeDtsJobs", listQuery))).toMatchObject({ code: "Throttling.User" });
      for (let i = 0; i < 20; i++) await prod.call("DescribeDtsJobs", listQuery);
      expect(await rejection(prod.call("DescribeDtsJobs", listQuery))).toMatchObject({ code: "Throttling.User" });
      const throttled = sim.control.calls({ action: "DescribeDtsJobs" }).filter((c) => c.code === "Throttling.User");
      expect(throttled.map((c) => c.account)).toEqual(["main", "prod"]);
      clock.offset = 1_001;
      await expect(prod.call("DescribeDtsJobs", listQuery)).resolves.toMatchObject({ statusCode: 200 });
    } finally {
      await sim.close();
    }
  });

  it("without the fleet options the simulator is one account, as before", async () => {
    const sim = await startSimulator();
    try {
      expect(sim.accounts).toEqual([DEFAULT_ACCOUNT_ID]);
      expect(sim.defaultAccount).toBe(DEFAULT_ACCOUNT_ID);
      await sdkClient(sim).call("DescribeDtsJobs", listQuery);
      expect(sim.control.calls()).toEqual([expect.objectContaining({ account: DEFAULT_ACCOUNT_ID, securityToken: false })]);
      const error = await rejection(sdkClient(sim).call("AssumeRole", { RoleArn: PROD.roleArn, RoleSessionName: "nobody" }, { version: "2015-04-01" }));
      expect(error).toMatchObject({ statusCode: 404, code: "EntityNotExist.Role" });
    } finally {
      await sim.close();
    }
  });
});
