// The assumed role's credential cache (lib/accounts/assumed-role.ts): one AssumeRole in flight
// however many requests wait, refreshed ahead of expiry by its timer (never by the request that
// finds the keys expired), a refusal for this account alone, and no key in what a log may print.
// STS itself is the simulator's, in tests/integration/accounts-sts.test.ts; here AssumeRole is a
// function the test answers by hand, so the order of events is the test's, not the clock's.
import { describe, expect, it } from "vitest";
import { AssumedRoleCredential, type TemporaryCredentials } from "@/lib/accounts/assumed-role";
import type { RoleAccountEntry } from "@/lib/config/accounts";
import { StsRefusal } from "@/lib/domain/errors";

const ROLE: RoleAccountEntry = {
  id: "prod",
  name: "Production",
  kind: "role",
  roleArn: "acs:ram::1234567890123456:role/dts-console",
  externalId: "ext",
  roleSessionName: "dts-console",
  durationSeconds: 3600,
};

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function harness() {
  let now = 1_000_000;
  const asked: Array<ReturnType<typeof deferred<TemporaryCredentials>>> = [];
  const timers: Array<{ run: () => void; at: number; cancelled: boolean }> = [];
  const credential = new AssumedRoleCredential(
    ROLE,
    () => {
      const d = deferred<TemporaryCredentials>();
      asked.push(d);
      return d.promise;
    },
    {
      now: () => now,
      refreshMarginMs: 60_000,
      schedule: (run, delayMs) => {
        const timer = { run, at: now + delayMs, cancelled: false };
        timers.push(timer);
        return () => {
          timer.cancelled = true;
        };
      },
    },
  );
  const keys = (n: number, ttlMs = 3_600_000): TemporaryCredentials => ({
    accessKeyId: `STS.key-${n}`,
    accessKeySecret: `secret-${n}`,
    securityToken: `token-${n}`,
    expiresAt: now + ttlMs,
  });
  return {
    credential,
    asked,
    keys,
    advance: (ms: number) => {
      now += ms;
    },
    /** Runs the live timers that are due. */
    fireDue: () => {
      for (const t of timers) if (!t.cancelled && t.at <= now) {
        t.cancelled = true;
        t.run();
      }
    },
    liveTimers: () => timers.filter((t) => !t.cancelled),
  };
}

describe("an assumed role's credentials", () => {
  it("asks STS once for many waiting requests, and signs each with the keys and token", async () => {
    const h = harness();
    const waiting = Array.from({ length: 20 }, () => h.credential.getCredential());
    expect(h.asked).toHaveLength(1);
    h.asked[0]!.resolve(h.keys(1));
    const all = await Promise.all(waiting);
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(["STS.key-1"]));
    expect(all[0]).toMatchObject({ accessKeySecret: "secret-1", securityToken: "token-1", type: "sts" });
    // Cached: no second AssumeRole.
    await h.credential.getCredential();
    expect(h.asked).toHaveLength(1);
    h.credential.close();
  });

  it("refreshes ahead of expiry by its timer, so no request waits for STS or finds the keys expired", async () => {
    const h = harness();
    const first = h.credential.getCredential();
    h.asked[0]!.resolve(h.keys(1));
    await first;
    const [timer] = h.liveTimers();
    // Due one margin (60 s) before the keys expire.
    expect(timer!.at).toBe(1_000_000 + 3_600_000 - 60_000);
    h.advance(3_600_000 - 60_000);
    h.fireDue();
    expect(h.asked).toHaveLength(2);
    // While the refresh is in flight, requests still sign with the old keys (valid for a minute).
    expect((await h.credential.getCredential()).accessKeyId).toBe("STS.key-1");
    h.asked[1]!.resolve(h.keys(2));
    await Promise.resolve();
    await Promise.resolve();
    expect((await h.credential.getCredential()).accessKeyId).toBe("STS.key-2");
    expect(h.asked).toHaveLength(2);
    expect(h.liveTimers()).toHaveLength(1);
    h.credential.close();
    expect(h.liveTimers()).toHaveLength(0);
  });

  it("gives every waiter STS's refusal, then asks again on the next request (no retry loop)", async () => {
    const h = harness();
    const waiting = [h.credential.getCredential(), h.credential.getCredential()];
    const refusal = new StsRefusal("sts_assume_role_failed", 'Alibaba Cloud STS did not let the console assume the role of account "prod" (NoPermission)', {
      account: "prod",
      stsCode: "NoPermission",
      requestId: "req-1",
    });
    h.asked[0]!.reject(refusal);
    for (const w of waiting) await expect(w).rejects.toBe(refusal);
    expect(h.asked).toHaveLength(1);
    const again = h.credential.getCredential();
    expect(h.asked).toHaveLength(2);
    h.asked[1]!.resolve(h.keys(3));
    expect((await again).accessKeyId).toBe("STS.key-3");
    h.credential.close();
  });

  it("never shows its keys to a log line", async () => {
    const h = harness();
    const first = h.credential.getCredential();
    h.asked[0]!.resolve(h.keys(1));
    await first;
    const printed = JSON.stringify({ credential: h.credential });
    expect(printed).not.toContain("secret-1");
    expect(printed).not.toContain("token-1");
    expect(printed).not.toContain("STS.key-1");
    expect(printed).toContain("prod");
    h.credential.close();
  });
});
