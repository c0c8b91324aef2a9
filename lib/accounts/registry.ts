import "server-only";
// The Alibaba Cloud accounts the console works in, each with its own DTS client and its own read
// quota gate (DTS's quota belongs to an account: two accounts never share pacing or cached
// answers). DTS_ACCOUNTS / DTS_ACCOUNTS_FILE (lib/config/accounts.ts) list them; without either
// there is one account, `default`, signed with the console's own credential chain. An account
// reached through a RAM role signs with temporary keys from STS AssumeRole (assumed-role.ts),
// assumed with the console's own credentials: one refusal there fails that account alone.
import type Credential from "@alicloud/credentials";
import { getConfig, type Config } from "@/lib/config/env";
import type { AccountEntry } from "@/lib/config/accounts";
import { DEFAULT_ACCOUNT } from "@/lib/domain/task-ref";
import { NotFoundError } from "@/lib/domain/errors";
import { buildDtsClient, DtsError } from "@/lib/dts";
import { dtsClientConfig, type StaticCredentials } from "@/lib/dts/config";
import { createCredential } from "@/lib/dts/credentials";
import type { DtsClient } from "@/lib/dts/operations";
import { createQuotaGate, DEFAULT_QUOTA, withQuota } from "@/lib/dts/quota";
import { AssumedRoleCredential, stsAssumeRole } from "./assumed-role";

/** What anyone signed in may know of an account (GET /api/accounts): never a key. */
export interface AccountInfo {
  id: string;
  name: string;
  kind: "default" | "role";
  roleArn?: string;
}

export interface DtsAccount extends AccountInfo {
  /** This account's client: every read through this account's quota gate. */
  client: DtsClient;
}

export interface AccountRegistry {
  /** The accounts in the order the configuration lists them. */
  readonly accounts: readonly AccountInfo[];
  /** The first configured account: what a request that names none acts on. */
  readonly defaultAccount: string;
  /** The account's client; `account_not_found` (404) for an ID the configuration does not hold. */
  client(account: string): DtsClient;
}

/** A registry over clients built elsewhere (the process's, or a test's). */
export function accountRegistry(accounts: readonly (Omit<DtsAccount, "kind"> & { kind?: AccountInfo["kind"] })[]): AccountRegistry {
  if (accounts.length === 0) throw new TypeError("accountRegistry needs at least one account");
  const byId = new Map(accounts.map((a) => [a.id, a]));
  return {
    accounts: accounts.map(({ id, name, kind, roleArn }) => ({ id, name, kind: kind ?? "default", ...(roleArn ? { roleArn } : {}) })),
    defaultAccount: accounts[0]!.id,
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

/** The STS endpoint: STS_ENDPOINT, else the simulator (which answers AssumeRole too), else the public one. */
export function stsEndpoint(config: Pick<Config, "STS_ENDPOINT" | "DTS_MODE" | "DTS_ENDPOINT">): string {
  if (config.STS_ENDPOINT) return config.STS_ENDPOINT;
  if (config.DTS_MODE === "simulator" && config.DTS_ENDPOINT) return config.DTS_ENDPOINT;
  return "https://sts.aliyuncs.com";
}

/** Every configured account with its client: the console's own credentials, or a role assumed with them. */
export function registryFromConfig(config: Config, entries: readonly AccountEntry[] = config.ACCOUNTS): AccountRegistry {
  const explicit: StaticCredentials | null =
    config.DTS_MODE === "simulator" ? { accessKeyId: config.SIMULATOR_ACCESS_KEY_ID, accessKeySecret: config.SIMULATOR_ACCESS_KEY_SECRET } : null;
  // The console's own credential (the chain, or the simulator's key): built once, shared by the
  // default account's client and every AssumeRole.
  let base: Credential | null = null;
  const ownCredential = () => (base ??= createCredential(explicit));
  const clientConfig = dtsClientConfig(config, explicit);
  const timeouts = { connectTimeoutMs: config.DTS_CONNECT_TIMEOUT_MS, readTimeoutMs: config.DTS_READ_TIMEOUT_MS };

  return accountRegistry(
    entries.map((entry) => {
      const gate = createQuotaGate({
        ...DEFAULT_QUOTA,
        account: entry.id,
        // DescribeJobMonitorRule's limit is unpublished: it gets Detail's share (one read per reset).
        ratePerSecond: { DescribeDtsJobs: config.DTS_LIST_CALLS_PER_SECOND, DescribeDtsJobDetail: config.DTS_DETAIL_CALLS_PER_SECOND, DescribeJobMonitorRule: config.DTS_DETAIL_CALLS_PER_SECOND },
        freshnessMs: config.DTS_READ_FRESHNESS_MS,
      });
      let client: DtsClient;
      if (entry.kind === "default") {
        client = withQuota(buildDtsClient(clientConfig, { credential: ownCredential(), account: entry.id }), gate);
      } else {
        const assumed = new AssumedRoleCredential(entry, stsAssumeRole(ownCredential(), { endpoint: stsEndpoint(config), ...timeouts }));
        // openapi-core asks its credential for getCredential() only; the assumed role answers it.
        client = forgettingRevokedKeys(withQuota(buildDtsClient(clientConfig, { credential: assumed as unknown as Credential, account: entry.id }), gate), assumed);
      }
      return { id: entry.id, name: entry.name, kind: entry.kind, ...(entry.kind === "role" ? { roleArn: entry.roleArn } : {}), client };
    }),
  );
}

/** DTS's answers that mean "these temporary keys are no good" (expired early, revoked, unknown). */
const REVOKED_KEY = /^(InvalidSecurityToken\.|InvalidAccessKeyId\.NotFound$|InvalidAccessKeyId$)/;

/**
 * The role account's client, which forgets its temporary keys when DTS refuses them, so that the
 * request after a revocation assumes the role again (the refused one still fails: it was signed).
 */
function forgettingRevokedKeys(client: DtsClient, credential: AssumedRoleCredential): DtsClient {
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        if (error instanceof DtsError && REVOKED_KEY.test(error.details.code ?? "")) credential.forget();
        throw error;
      }
    };
  return {
    listJobs: guard(client.listJobs.bind(client)),
    getJobDetail: guard(client.getJobDetail.bind(client)),
    resetJob: guard(client.resetJob.bind(client)),
    configureJob: guard(client.configureJob.bind(client)),
    configureSubscription: guard(client.configureSubscription.bind(client)),
    startJob: guard(client.startJob.bind(client)),
    describePrecheck: guard(client.describePrecheck.bind(client)),
    describeMonitorRules: guard(client.describeMonitorRules.bind(client)),
  };
}

let shared: AccountRegistry | null = null;

/** The process's accounts, configured from the environment on first use. */
export function getAccountRegistry(): AccountRegistry {
  if (!shared) {
    const config = getConfig();
    if (config.DTS_MODE === "simulator" && !config.DTS_ENDPOINT) {
      throw new Error("Simulator mode needs DTS_ENDPOINT (the launcher sets it when it starts the simulator).");
    }
    shared = registryFromConfig(config);
  }
  return shared;
}
