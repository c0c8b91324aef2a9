import "server-only";
import type { StaticCredentials } from "@/lib/dts/config";

// The simulator's documented default key pair (simulator/config.ts). Not a secret: it only
// opens the local simulator, never an Alibaba Cloud account.
const DEFAULT_ID = "sim-access-key-id";
const DEFAULT_SECRET = "sim-access-key-secret-0123456789";

export function simulatorCredentials(env: NodeJS.ProcessEnv = process.env): StaticCredentials {
  return {
    accessKeyId: env.SIMULATOR_ACCESS_KEY_ID || DEFAULT_ID,
    accessKeySecret: env.SIMULATOR_ACCESS_KEY_SECRET || DEFAULT_SECRET,
  };
}
