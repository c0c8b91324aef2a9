import "server-only";
import { getAppMode } from "@/lib/config/mode";
import { simulatorCredentials } from "@/lib/config/simulator";
import { dtsConfigFromEnv, type DtsClientConfig } from "./config";
import { createCredential } from "./credentials";
import { createDtsClient, type DtsClient } from "./operations";
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
    const mode = getAppMode();
    if (mode === "simulator" && !process.env.DTS_ENDPOINT) {
      throw new Error("Simulator mode needs DTS_ENDPOINT (the launcher sets it when it starts the simulator).");
    }
    const credentials = mode === "simulator" ? simulatorCredentials() : null;
    shared = buildDtsClient(dtsConfigFromEnv(process.env, credentials));
  }
  return shared;
}
