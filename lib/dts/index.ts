import "server-only";
import type { DtsClientConfig } from "./config";
import { createCredential } from "./credentials";
import { createDtsClient, type DtsClient } from "./operations";
import { createTransport } from "./transport";

export type { DtsClient } from "./operations";
export { DtsError } from "./errors";

export function buildDtsClient(config: DtsClientConfig, options: { sleep?: (ms: number) => Promise<void> } = {}): DtsClient {
  const transport = createTransport(config, createCredential(config.credentials), options);
  return createDtsClient(transport, config.retry);
}
