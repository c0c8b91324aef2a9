import "server-only";
import Credential, { Config as CredentialConfig } from "@alicloud/credentials";
import type { StaticCredentials } from "./config";

/**
 * The credential chain probes the ECS metadata service and reads the Aliyun CLI profile when
 * nothing else is configured; on a laptop that stalls each call by up to the probe's timeout.
 * Both stay off unless explicitly wanted.
 */
function disableSlowProbesUnlessWanted(env: NodeJS.ProcessEnv) {
  if (env.DTS_USE_ECS_RAM_ROLE !== "true" && !env.ALIBABA_CLOUD_ECS_METADATA) {
    env.ALIBABA_CLOUD_ECS_METADATA_DISABLED ??= "true";
  }
  if (env.DTS_USE_CLI_PROFILE !== "true") env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED ??= "true";
}

export function createCredential(explicit: StaticCredentials | null, env: NodeJS.ProcessEnv = process.env): Credential {
  if (explicit) {
    return new Credential(
      new CredentialConfig({
        type: explicit.securityToken ? "sts" : "access_key",
        accessKeyId: explicit.accessKeyId,
        accessKeySecret: explicit.accessKeySecret,
        securityToken: explicit.securityToken,
      }),
    );
  }
  disableSlowProbesUnlessWanted(env);
  // The default chain: environment variables, OIDC role (RRSA), CLI profile (opt-in), the shared
  // credentials file, ECS RAM role (opt-in), credentials URI.
  return new Credential();
}
