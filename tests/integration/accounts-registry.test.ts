// The accounts registry (issue 20's seam for issue 21): every DTS call names its account and goes
// through that account's own quota gate. Two accounts against the real simulator over HTTP, with
// the simulator's documented limits on (20 DescribeDtsJobs/s per account and region).
import { describe, expect, it } from "vitest";
import { accountRegistry } from "@/lib/accounts/registry";
import { createContext, dtsFor } from "@/lib/context";
import { NotFoundError } from "@/lib/domain/errors";
import { createQuotaGate, DEFAULT_QUOTA, withQuota } from "@/lib/dts/quota";
import { listTasks } from "@/lib/tasks/service";
import { openDatabase } from "@/lib/db/open";
import { harnessPerSuite } from "./dts-harness";

const h = harnessPerSuite();
const query = { region: "cn-hangzhou" as const, type: "sync" as const, page: 1, pageSize: 10 };

function twoAccounts() {
  const gated = (account: string) => withQuota(h.client(), createQuotaGate({ ...DEFAULT_QUOTA, account, freshnessMs: 60_000 }));
  return accountRegistry([
    { id: "default", name: "Production", client: gated("default") },
    { id: "staging", name: "Staging", client: gated("staging") },
  ]);
}

describe("the accounts registry", () => {
  it("gives each account its own client and cache: one account's cached list is never another's answer", async () => {
    const accounts = twoAccounts();
    const before = (await h.calls("DescribeDtsJobs")).length;
    await listTasks(accounts.client("default"), query);
    await listTasks(accounts.client("default"), query); // served from default's cache
    expect((await h.calls("DescribeDtsJobs")).length - before).toBe(1);
    await listTasks(accounts.client("staging"), query); // staging asks DTS itself
    expect((await h.calls("DescribeDtsJobs")).length - before).toBe(2);
  });

  it("refuses an account it does not hold: 404 account_not_found, nothing sent", async () => {
    const store = await openDatabase({ path: ":memory:" });
    try {
      const ctx = createContext({ store, accounts: twoAccounts() });
      expect(ctx.accounts.accounts.map((a) => a.id)).toEqual(["default", "staging"]);
      const before = (await h.calls()).length;
      expect(() => dtsFor(ctx, "prod-eu")).toThrow(NotFoundError);
      try {
        dtsFor(ctx, "prod-eu");
      } catch (error) {
        expect((error as NotFoundError).code).toBe("account_not_found");
      }
      expect((await h.calls()).length).toBe(before);
    } finally {
      await store.close();
    }
  });
});
