export type AppMode = "simulator" | "live";

const CREDENTIAL_VARIABLES = [
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ROLE_ARN",
  "ALIBABA_CLOUD_CREDENTIALS_FILE",
  "ALIBABA_CLOUD_ECS_METADATA",
] as const;

/**
 * Simulator mode unless DTS_MODE says otherwise or Alibaba Cloud credentials are configured:
 * a laptop with nothing set up must never talk to a real account by accident, and a server
 * with credentials must not silently fall back to fake data.
 */
export function getAppMode(env: NodeJS.ProcessEnv = process.env): AppMode {
  const explicit = env.DTS_MODE?.trim().toLowerCase();
  if (explicit === "simulator" || explicit === "live") return explicit;
  if (explicit) throw new Error(`DTS_MODE must be "simulator" or "live", not "${env.DTS_MODE}"`);
  return CREDENTIAL_VARIABLES.some((name) => !!env[name]?.trim()) ? "live" : "simulator";
}
