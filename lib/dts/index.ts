import "server-only";
import { getConfig } from "@/lib/config/env";
import { dtsClientConfig, type DtsClientConfig } from "./config";
import { createCredential } from "./credentials";
import { createDtsClient, type DtsClient } from "./operations";
import { createQuotaGate, DEFAULT_QUOTA, withQuota } from "./quota";
import { createTransport } from "./transport";

export type { DtsClient } from "./operations";
export { DtsError } from "./errors";

export function buildDtsClient(config: DtsClientConfig, options: { sleep?: (ms: number) => Promise<void> } = {}): DtsClient {
  const transport = createTransport(config, createCredential(config.credentials), options);
  return createDtsClient(transport, config.retry);
}

let shared: DtsClient | null = null;

/** The process-wide client, configured from the environment on first use. */
export function getDtsClient(): DtsClient {
  if (!shared) {
    const config = getConfig();
    if (config.DTS_MODE === "simulator" && !config.DTS_ENDPOINT) {
      throw new Error("Simulator mode needs DTS_ENDPOINT (the launcher sets it when it starts the simulator).");
    }
    const credentials =
      config.DTS_MODE === "simulator" ? { accessKeyId: config.SIMULATOR_ACCESS_KEY_ID, accessKeySecret: config.SIMULATOR_ACCESS_KEY_SECRET } : null;
    // Every read of this process goes through one quota gate: DTS's read quota is the account's.
    const gate = createQuotaGate({
      ...DEFAULT_QUOTA,
      ratePerSecond: { DescribeDtsJobs: config.DTS_LIST_CALLS_PER_SECOND, DescribeDtsJobDetail: config.DTS_DETAIL_CALLS_PER_SECOND },
      freshnessMs: config.DTS_READ_FRESHNESS_MS,
    });
    shared = withQuota(buildDtsClient(dtsClientConfig(config, credentials)), gate);
  }
  return shared;
}
