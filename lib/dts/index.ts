import "server-only";
import type Credential from "@alicloud/credentials";
import type { DtsClientConfig } from "./config";
import { createCredential } from "./credentials";
import { createDtsClient, type DtsClient } from "./operations";
import { createTransport } from "./transport";

export type { DtsClient } from "./operations";
export { DtsError } from "./errors";

/**
 * `credential` replaces the one built from `config.credentials` (an account reached by a RAM role);
 * `account` names the account in the metrics of its calls.
 */
export function buildDtsClient(config: DtsClientConfig, options: { sleep?: (ms: number) => Promise<void>; credential?: Credential; account?: string } = {}): DtsClient {
  const transport = createTransport(config, options.credential ?? createCredential(config.credentials), options);
  return createDtsClient(transport, config.retry);
}
