// Live mode must not start without credentials that resolve: an operator would otherwise meet
// the failure in the middle of an incident instead of at deploy time.
import Credential from "@alicloud/credentials";
import { disableSlowCredentialProbes, type Config } from "../lib/config/env";

export async function checkLiveCredentials(config: Config): Promise<string | null> {
  disableSlowCredentialProbes(config);
  try {
    const resolved = await Promise.race([
      new Credential().getCredential(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out after 10 s")), 10_000)),
    ]);
    if (!resolved.accessKeyId) return "the credential chain returned no AccessKey.";
    return null;
  } catch (error) {
    // The chain's own message can name files and URLs but never a secret; keep only its first line.
    const detail = String((error as Error).message ?? error).split("\n")[0];
    return `no usable Alibaba Cloud credentials (${detail}). Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, an OIDC role (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE), a credentials file (~/.alibabacloud/credentials), or DTS_USE_ECS_RAM_ROLE=true on ECS.`;
  }
}
