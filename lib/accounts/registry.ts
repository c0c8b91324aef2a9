import "server-only";
// The Alibaba Cloud accounts the console works in, each with its own DTS client and its own read
// quota gate (DTS's quota belongs to an account: two accounts never share pacing or cached
// answers). Today the configuration gives one account, `default`, signed with the console's own
// credential chain; DTS_ACCOUNTS (issue 21) adds more entries here, nowhere else.
import { getConfig } from "@/lib/config/env";
import { DEFAULT_ACCOUNT } from "@/lib/domain/task-ref";
import { NotFoundError } from "@/lib/domain/errors";
import { buildDtsClient } from "@/lib/dts";
import { dtsClientConfig } from "@/lib/dts/config";
import type { DtsClient } from "@/lib/dts/operations";
import { createQuotaGate, DEFAULT_QUOTA, withQuota } from "@/lib/dts/quota";

export interface DtsAccount {
  id: string;
  name: string;
  /** This account's client: every read through this account's quota gate. */
  client: DtsClient;
}

export interface AccountRegistry {
  /** The accounts in the order the configuration lists them. */
  readonly accounts: readonly Omit<DtsAccount, "client">[];
  /** The account's client; `account_not_found` (404) for an ID the configuration does not hold. */
  client(account: string): DtsClient;
}

/** A registry over clients built elsewhere (the process's, or a test's). */
export function accountRegistry(accounts: readonly DtsAccount[]): AccountRegistry {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  return {
    accounts: accounts.map(({ id, name }) => ({ id, name })),
    client(account: string): DtsClient {
      const found = byId.get(account);
      if (!found) throw new NotFoundError("account_not_found", `No Alibaba Cloud account "${account}" is configured in this console.`, { account });
      return found.client;
    },
  };
}

/** One account, `default`, with this client: the console before DTS_ACCOUNTS, and most tests. */
export function singleAccount(client: DtsClient): AccountRegistry {
  return accountRegistry([{ id: DEFAULT_ACCOUNT, name: "Default", client }]);
}

let shared: AccountRegistry | null = null;

/** The process's accounts, configured from the environment on first use. */
export function getAccountRegistry(): AccountRegistry {
  if (!shared) {
    const config = getConfig();
    if (config.DTS_MODE === "simulator" && !config.DTS_ENDPOINT) {
      throw new Error("Simulator mode needs DTS_ENDPOINT (the launcher sets it when it starts the simulator).");
    }
    const credentials =
      config.DTS_MODE === "simulator" ? { accessKeyId: config.SIMULATOR_ACCESS_KEY_ID, accessKeySecret: config.SIMULATOR_ACCESS_KEY_SECRET } : null;
    const gate = createQuotaGate({
      ...DEFAULT_QUOTA,
      account: DEFAULT_ACCOUNT,
      ratePerSecond: { DescribeDtsJobs: config.DTS_LIST_CALLS_PER_SECOND, DescribeDtsJobDetail: config.DTS_DETAIL_CALLS_PER_SECOND },
      freshnessMs: config.DTS_READ_FRESHNESS_MS,
    });
    shared = singleAccount(withQuota(buildDtsClient(dtsClientConfig(config, credentials)), gate));
  }
  return shared;
}
