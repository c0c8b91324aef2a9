// The console's AssumeRole (lib/accounts/assumed-role.ts) against the simulator's STS: the official
// STS client signs with the console's own key, the temporary keys sign DTS calls with their token,
// and the refresh ahead of expiry (its timer fired by the test, not by waiting) brings new keys
// that the next DTS call uses, with no request ever waiting on an expired key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Credential from "@alicloud/credentials";
import { AssumedRoleCredential, stsAssumeRole } from "@/lib/accounts/assumed-role";
import type { RoleAccountEntry } from "@/lib/config/accounts";
import { StsRefusal } from "@/lib/domain/errors";
import { buildDtsClient } from "@/lib/dts";
import { createCredential } from "@/lib/dts/credentials";
import { DEMO_FLEET, demoFleetOptions } from "@/simulator/fleet";
import { SIM_KEY, startHarness, type Harness } from "./dts-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(demoFleetOptions());
});
afterAll(() => h.close());

const role = (overrides: Partial<RoleAccountEntry> = {}): RoleAccountEntry => ({
  id: "prod",
  name: "Production",
  kind: "role",
  roleArn: DEMO_FLEET.prod.roleArn,
  externalId: DEMO_FLEET.prod.externalId,
  roleSessionName: "dts-console",
  durationSeconds: 3600,
  ...overrides,
});

function assume() {
  return stsAssumeRole(createCredential(SIM_KEY), { endpoint: h.url, connectTimeoutMs: 2_000, readTimeoutMs: 2_000 });
}

describe("AssumeRole through the official STS client", () => {
  it("answers temporary keys that expire when STS says", async () => {
    const keys = await assume()(role({ durationSeconds: 900 }));
    expect(keys.accessKeyId).toMatch(/^STS\./);
    expect(keys.securityToken.length).toBeGreaterThan(10);
    expect(keys.expiresAt - Date.now()).toBeGreaterThan(800_000);
    expect(keys.expiresAt - Date.now()).toBeLessThanOrEqual(900_000);
  });

  it("refuses with STS's code for a wrong ExternalId or a role that does not exist", async () => {
    const wrong = assume()(role({ externalId: "not-the-one" }));
    await expect(wrong).rejects.toBeInstanceOf(StsRefusal);
    await expect(wrong).rejects.toMatchObject({ code: "sts_assume_role_failed", data: { account: "prod", stsCode: "NoPermission", requestId: expect.any(String) } });
    await expect(assume()(role({ roleArn: DEMO_FLEET.missingRoleArn }))).rejects.toMatchObject({ data: { stsCode: "EntityNotExist.Role" } });
  });

  it("refreshes ahead of expiry: the timer's AssumeRole brings new keys that the next DTS call signs with", async () => {
    let fire: (() => void) | null = null;
    const credential = new AssumedRoleCredential(role(), assume(), {
      schedule: (run) => {
        fire = run;
        return () => {
          fire = null;
        };
      },
    });
    const client = buildDtsClient(
      { endpointOverride: h.url, signatureVersion: "v3", credentials: null, connectTimeoutMs: 2_000, readTimeoutMs: 2_000, retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 } },
      { credential: credential as unknown as Credential },
    );
    const region = DEMO_FLEET.prod.fixtures.oneWayRunning.region;
    const list = () => client.listJobs({ region, type: "SYNC", page: 1, pageSize: 10 });
    await list();
    expect(fire).not.toBeNull();
    const firstKey = (await h.calls("DescribeDtsJobs")).at(-1)!;
    expect(firstKey).toMatchObject({ account: "prod", securityToken: true });
    (fire as unknown as () => void)();
    await expect.poll(async () => (await h.calls("AssumeRole")).filter((c) => c.verdict === "ok").length).toBeGreaterThanOrEqual(2);
    // The old keys stay good until the new ones are in; then the next call uses the new ones.
    await expect
      .poll(async () => {
        await list();
        return (await h.calls("DescribeDtsJobs")).at(-1)!.accessKeyId;
      })
      .not.toBe(firstKey.accessKeyId);
    expect((await h.calls("DescribeDtsJobs")).at(-1)).toMatchObject({ account: "prod", securityToken: true, verdict: "ok" });
    credential.close();
  });
});
