import "server-only";
import Credential, { Config as CredentialConfig } from "@alicloud/credentials";
import { disableSlowCredentialProbes, getConfig } from "@/lib/config/env";
import type { StaticCredentials } from "./config";

export function createCredential(explicit: StaticCredentials | null): Credential {
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
  disableSlowCredentialProbes(getConfig());
  // The default chain: environment variables, OIDC role (RRSA), CLI profile (opt-in), the shared
  // credentials file, ECS RAM role (opt-in), credentials URI.
  return new Credential();
}
